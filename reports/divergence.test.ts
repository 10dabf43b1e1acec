// Proves firstDivergence finds the first differing trace entry, a trace that ends early, and says when
// two traces agree entry for entry (the difference then lies in data the trace does not show).
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../sim/simulation.js';
import { describeDivergence, firstDivergence } from './divergence.js';

const entry = (time: number, label: string): TraceEntry => ({ time, kind: 'deliver', node: 'n1', label });

describe('firstDivergence', () => {
  it('finds the first entry that differs in time, node, kind or label', () => {
    const here = [entry(1, 'a'), entry(2, 'b'), entry(3, 'c')];
    const found = firstDivergence(here, [entry(1, 'a'), entry(2, 'x'), entry(3, 'c')]);
    expect(found).toEqual({ index: 1, here: here[1], there: entry(2, 'x'), commonEvents: 1 });
    expect(describeDivergence(found, 'here', 'there')).toBe('the traces first differ at event #1: here 2µs n1 deliver "b", there 2µs n1 deliver "x"');
  });

  it('a trace that stops early diverges where it stops', () => {
    const found = firstDivergence([entry(1, 'a')], [entry(1, 'a'), entry(5, 'more')]);
    expect(found).toMatchObject({ index: 1, here: null, there: entry(5, 'more') });
    expect(describeDivergence(found, 'here', 'there')).toContain('here the end of the run, there 5µs n1 deliver "more"');
  });

  it('equal traces: the difference is in data the trace does not show', () => {
    const found = firstDivergence([entry(1, 'a')], [entry(1, 'a')]);
    expect(found.index).toBeNull();
    expect(describeDivergence(found, 'here', 'there')).toMatch(/agree event by event \(1 events\)/);
  });
});
