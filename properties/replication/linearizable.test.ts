// Proves the replication scenarios hand their real client histories to the linearizability checker:
// the history of a passing quorum run is judged linearizable, and the same history with one completed
// read's answer corrupted (an acknowledged event dropped from it) is judged not linearizable, and a history
// the checker cannot decide within its budget is reported as inconclusive.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/registry.js';
import { resolveConfig, runScenario } from '../../scenarios/runner.js';
import type { HistoryEvent } from '../../sim/history.js';
import { checkHistory, eventlogModel } from '../linearizability/index.js';
import { eventlogOperations, linearizableHistory } from './linearizable.js';

describe('linearizability of a run’s client history (eventlog model)', () => {
  const scenario = findScenario('partition-primary');
  const result = runScenario({ scenario, seed: 1, config: resolveConfig(scenario, []), bugs: [] });

  it('a passing quorum run’s history is linearizable', () => {
    expect(result.outcome).toBe('pass');
    const verdict = checkHistory(eventlogOperations(result.history), eventlogModel);
    expect(verdict.linearizable).toBe(true);
    expect(verdict.operations).toBeGreaterThan(50);
  });

  it('the same history with one read corrupted is not linearizable', () => {
    const history: HistoryEvent[] = structuredClone(result.history);
    // The last read that saw at least one event: drop the newest event from its answer.
    const read = [...history].reverse().find((event) => event.f === 'read' && event.type === 'ok' && ((event.value as { events?: string[] }).events?.length ?? 0) > 0);
    expect(read).toBeDefined();
    const value = (read as HistoryEvent).value as { events: string[] };
    value.events = value.events.slice(0, -1);
    const verdict = checkHistory(eventlogOperations(history), eventlogModel);
    expect(verdict.linearizable).toBe(false);
    expect(verdict.explanation).toMatch(/not linearizable|cannot be placed/i);
  });
});

describe('an undecided history', () => {
  const scenario = findScenario('partition-primary');
  const result = runScenario({ scenario, seed: 1, config: resolveConfig(scenario, []), bugs: [] });

  it('is reported as inconclusive, never as holding, when the budget runs out', () => {
    expect(linearizableHistory(result.history, null, 2_000_000)).toEqual([]);
    const starved = linearizableHistory(result.history, null, 1);
    expect(starved).toHaveLength(1);
    expect(starved[0]).toMatchObject({ property: 'linearizable-reads', kind: 'inconclusive' });
    expect(starved[0]?.message).toMatch(/could not decide .* within its budget \(1 search steps\)/);
  });
});
