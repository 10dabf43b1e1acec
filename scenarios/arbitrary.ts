// fast-check arbitraries for fault schedules, so a property suite can let fast-check choose the faults
// and shrink a failing schedule by its own rules. Generated schedules are plain data like any other:
// the same schedule and seed replay bit for bit.
import fc from 'fast-check';
import type { Fault, FaultSchedule, TimedFault } from '../sim/faults.js';
import { sortSchedule, targetSelectors, targetedActions } from '../sim/faults.js';

export interface ScheduleShape {
  nodes: readonly string[];
  startMicros: number;
  endMicros: number;
  faultsMax: number;
}

function faultArbitrary(nodes: readonly string[]): fc.Arbitrary<Fault[]> {
  const node = fc.constantFrom(...nodes);
  const split = fc.shuffledSubarray([...nodes], { minLength: 1, maxLength: Math.max(1, nodes.length - 1) });
  return fc.oneof(
    node.map((id) => [{ kind: 'crash', node: id } as Fault, { kind: 'restart', node: id } as Fault]),
    node.map((id) => [{ kind: 'powerLoss', node: id } as Fault, { kind: 'restart', node: id } as Fault]),
    node.map((id) => [{ kind: 'pause', node: id } as Fault, { kind: 'resume', node: id } as Fault]),
    split.map((side) => [{ kind: 'partition', groups: [side, nodes.filter((id) => !side.includes(id))] } as Fault, { kind: 'heal' } as Fault]),
    fc.tuple(node, fc.integer({ min: -500_000, max: 500_000 })).map(([id, offsetMicros]) => [{ kind: 'skew', node: id, offsetMicros } as Fault]),
    // Targeted: the node is chosen from observations when the fault fires; it ends by itself.
    fc
      .record({ action: fc.constantFrom(...targetedActions), select: fc.constantFrom(...targetSelectors), pick: fc.nat(999), durationMicros: fc.integer({ min: 1, max: 500_000 }) })
      .map((fields) => [{ kind: 'targeted', ...fields } as Fault]),
  );
}

/** A schedule of faults (each paired with its end where it has one) in [startMicros, endMicros), then healAll. */
export function faultScheduleArbitrary(shape: ScheduleShape): fc.Arbitrary<FaultSchedule> {
  const span = shape.endMicros - shape.startMicros;
  const timed = fc.tuple(faultArbitrary(shape.nodes), fc.integer({ min: 0, max: span - 1 }), fc.integer({ min: 1, max: span })).map(([faults, offset, duration]) => {
    const atMicros = shape.startMicros + offset;
    const endMicros = Math.min(atMicros + duration, shape.endMicros);
    return faults.map((fault, index): TimedFault => ({ atMicros: index === 0 ? atMicros : endMicros, fault }));
  });
  return fc.array(timed, { maxLength: shape.faultsMax }).map((groups) => sortSchedule([...groups.flat(), { atMicros: shape.endMicros, fault: { kind: 'healAll' } }]));
}
