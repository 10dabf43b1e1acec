// Proves the workload shrinker's search on toy predicates (no simulation): it finds the smallest values
// that still fail, halving first and then stepping, within its attempt budget, the same way every time;
// and that a schedule loses exactly the members and faults a smaller cluster no longer has.
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { searchSmallest, towards, type SearchDimension } from './shrink-search.js';
import { restrictSchedule } from './shrink-workload.js';

interface Toy {
  clients: number;
  operations: number;
}

const dimension = (key: keyof Toy, min: number, step = 1): SearchDimension<Toy> => ({
  name: key,
  min,
  step,
  value: (state) => state[key],
  apply: (state, value) => ({ ...state, [key]: value }),
});
const dimensions = [dimension('clients', 1), dimension('operations', 0, 10)];

describe('towards', () => {
  it('tries the minimum, then halves the distance, then one step below', () => {
    expect(towards(4, 1, 1)).toEqual([1, 2, 3]);
    expect(towards(100, 0, 1)).toEqual([0, 50, 75, 87, 93, 96, 98, 99]);
    expect(towards(1_000, 0, 100)).toEqual([0, 500, 800, 900]);
    expect(towards(7, 7, 1)).toEqual([]);
    expect(towards(100, 60, 1, false)).toEqual([80, 90, 95, 97, 98, 99]);
  });
});

describe('searchSmallest on a toy predicate', () => {
  it('finds the smallest failing values of both dimensions', () => {
    const fails = (state: Toy) => (state.clients >= 3 && state.operations >= 370 ? state : null);
    const found = searchSmallest({ clients: 40, operations: 5_000 }, dimensions, fails, 100);
    // Operations are cut in steps of 10 from 5,000, so 370 is reachable; clients exactly.
    expect(found.state).toEqual({ clients: 3, operations: 370 });
    expect(found.best).toEqual(found.state);
    expect(found.attempts).toBeLessThanOrEqual(40);
  });

  it('is deterministic and stops at its budget', () => {
    const calls: Toy[] = [];
    const fails = (state: Toy) => {
      calls.push(state);
      return state.clients >= 3 && state.operations >= 370 ? state : null;
    };
    const a = searchSmallest({ clients: 40, operations: 5_000 }, dimensions, fails, 5);
    const first = [...calls];
    calls.length = 0;
    const b = searchSmallest({ clients: 40, operations: 5_000 }, dimensions, fails, 5);
    expect(a).toEqual(b);
    expect(calls).toEqual(first);
    expect(a.attempts).toBe(5);
    expect(calls).toHaveLength(5);
    expect(a.state.clients).toBeLessThan(40);
  });

  it('keeps the start when nothing smaller fails, and skips unusable candidates without an attempt', () => {
    const never = searchSmallest({ clients: 4, operations: 100 }, dimensions, () => null, 50);
    expect(never.state).toEqual({ clients: 4, operations: 100 });
    expect(never.best).toBeNull();
    // Odd client counts are "invalid configs": refused before any run.
    const even: SearchDimension<Toy> = { ...dimension('clients', 1), apply: (state, value) => (value % 2 === 0 ? { ...state, clients: value } : null) };
    const tried: number[] = [];
    const found = searchSmallest({ clients: 16, operations: 0 }, [even], (state) => (tried.push(state.clients), state.clients >= 5 ? state : null), 50);
    expect(found.state.clients).toBe(6);
    expect(tried.every((clients) => clients % 2 === 0)).toBe(true);
    expect(found.attempts).toBe(tried.length);
  });

  it('a dimension that does not apply is left alone', () => {
    const absent: SearchDimension<Toy> = { ...dimension('clients', 1), value: () => null };
    const found = searchSmallest({ clients: 9, operations: 0 }, [absent], (state) => state, 10);
    expect(found).toEqual({ state: { clients: 9, operations: 0 }, best: null, attempts: 0 });
  });
});

describe('restrictSchedule', () => {
  it('drops the members and faults a smaller cluster no longer has', () => {
    const schedule: FaultSchedule = [
      { atMicros: 1, fault: { kind: 'partition', groups: [['n1', 'c3'], ['n2', 'n3', 'c1']] } },
      { atMicros: 2, fault: { kind: 'partition', groups: [['c3'], ['n1', 'n2', 'n3', 'c1']] } },
      { atMicros: 3, fault: { kind: 'clog', source: 'n1', target: 'c3' } },
      { atMicros: 4, fault: { kind: 'partitionOneWay', sources: ['c2', 'n1'], targets: ['n2'] } },
      { atMicros: 5, fault: { kind: 'crash', node: 'n4' } },
      { atMicros: 6, fault: { kind: 'crash', node: 'n1' } },
      { atMicros: 7, fault: { kind: 'healAll' } },
    ];
    const nodes = new Set(['n1', 'n2', 'n3']);
    const restricted = restrictSchedule(schedule, nodes, new Set([...nodes, 'c1']));
    expect(restricted).toEqual([
      { atMicros: 1, fault: { kind: 'partition', groups: [['n1'], ['n2', 'n3', 'c1']] } },
      { atMicros: 4, fault: { kind: 'partitionOneWay', sources: ['n1'], targets: ['n2'] } },
      { atMicros: 6, fault: { kind: 'crash', node: 'n1' } },
      { atMicros: 7, fault: { kind: 'healAll' } },
    ]);
    // Nothing missing: the very same objects come back.
    const whole = restrictSchedule(schedule, new Set([...nodes, 'n4']), new Set([...nodes, 'n4', 'c1', 'c2', 'c3']));
    expect(whole).toEqual(schedule);
    expect(whole[0]).toBe(schedule[0]);
  });
});
