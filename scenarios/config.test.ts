// Proves `--set` overrides by dotted path: existing fields only, types kept, and every refusal is an
// InputError naming the path and the valid choices. fast-check fuzzes the assignment parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from './input-error.js';
import { applyOverride } from './config.js';

const base = () => ({ durationMicros: 10, network: { lossRatio: 0, reorder: true, name: 'x' }, list: [1] });

describe('applyOverride', () => {
  it('sets numbers, booleans, strings and JSON values by path', () => {
    const config = base();
    applyOverride(config, 'durationMicros=25');
    applyOverride(config, 'network.lossRatio=0.5');
    applyOverride(config, 'network.reorder=false');
    applyOverride(config, 'network.name=y');
    applyOverride(config, 'list=[2,3]');
    expect(config).toEqual({ durationMicros: 25, network: { lossRatio: 0.5, reorder: false, name: 'y' }, list: [2, 3] });
  });

  it('refuses unknown paths with the valid choices, and wrong types', () => {
    expect(() => applyOverride(base(), 'network.loss=1')).toThrow(/valid: network\.lossRatio, network\.reorder, network\.name/);
    expect(() => applyOverride(base(), 'nope.x=1')).toThrow(/no such field "nope"/);
    expect(() => applyOverride(base(), 'network.reorder=maybe')).toThrow(/true or false/);
    expect(() => applyOverride(base(), 'durationMicros=1.5')).toThrow(/integer/);
    expect(() => applyOverride(base(), 'list={}')).toThrow(/JSON array/);
    expect(() => applyOverride(base(), '__proto__.x=1')).toThrow(InputError);
  });

  it('never throws anything but InputError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          applyOverride(base(), text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
