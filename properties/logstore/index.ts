// The log store properties, run together over one finished run. Each is a pure function of the client
// history and the final recovered log (plus the list of injected faults, to tell media damage from
// crash damage). See each file's header for what it does not verify.
import type { Violation } from '../violation.js';
import type { HistoryEvent } from '../../sim/history.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import { ackedAppendsDurable, type FaultMark, type FinalLog } from './durability.js';
import { ackedEvents, appendedData, operationsOf } from './history.js';
import { highestNeverDecreases, noCorruptedPayload, readYourWrites } from './reads.js';
import { expectedVersionHonoured, noConflictingAppends, readAllNeverSkips, streamVersionsContiguous } from './versions.js';

export { ackedAppendsDurable, type DurabilityVerdict, type FaultMark, type FinalLog } from './durability.js';
export { ackedEvents, appendedData, operationsOf, type AckedEvent, type EventView, type Operation } from './history.js';
export { highestNeverDecreases, noCorruptedPayload, readYourWrites } from './reads.js';
export { expectedVersionHonoured, noConflictingAppends, readAllNeverSkips, streamVersionsContiguous } from './versions.js';

export const logStoreProperties = [
  { name: 'acked-appends-durable', description: 'every acknowledged append is present after recovery, exactly once, at its acknowledged position (or past corruption the store detected and declared)' },
  { name: 'no-corrupted-payload', description: 'no read ever returns an event whose data differs from what was appended under its id' },
  { name: 'stream-versions-contiguous', description: 'stream versions are 1, 2, 3, … in acknowledgements, reads and the recovered log' },
  { name: 'no-conflicting-appends', description: 'no two different events are acknowledged at the same stream version' },
  { name: 'expected-version-honoured', description: 'an append with expected version v lands at version v+1 or is refused naming another version' },
  { name: 'read-your-writes', description: "a client's read sees its own acknowledged appends" },
  { name: 'read-all-never-skips', description: 'reading the whole log from a position returns the next positions with no gap, and the committed prefix only grows' },
  { name: 'highest-never-decreases', description: "a stream's highest sequence number never goes down, not after deletes, not after crashes" },
  { name: 'progress-after-heal', description: 'after every fault heals, appends are acknowledged again (unless the store declared corruption)' },
] as const;

export interface LogStoreJudgement {
  violations: Violation[];
  lostToDetectedCorruption: number;
  ackedEvents: number;
}

export function checkLogStore(history: readonly HistoryEvent[], final: FinalLog, mediaFaults: readonly FaultMark[], crashes: readonly FaultMark[], healedMicros: Micros): LogStoreJudgement {
  const operations = operationsOf(history);
  const acked = ackedEvents(operations);
  const durable = ackedAppendsDurable(acked, final, mediaFaults, crashes);
  const violations = [
    ...durable.violations,
    ...noCorruptedPayload(operations, appendedData(operations), final),
    ...streamVersionsContiguous(operations, final),
    ...noConflictingAppends(acked, final),
    ...expectedVersionHonoured(operations),
    ...readYourWrites(operations, acked),
    ...highestNeverDecreases(operations),
    ...readAllNeverSkips(operations),
    ...progressAfterHeal(operations, final, healedMicros),
  ];
  return { violations, lostToDetectedCorruption: durable.lostToDetectedCorruption, ackedEvents: acked.length };
}

/** progress-after-heal: some append invoked after the heal is acknowledged, unless the store declared corruption. */
export function progressAfterHeal(operations: readonly ReturnType<typeof operationsOf>[number][], final: FinalLog, healedMicros: Micros): Violation[] {
  if (final.corruption !== null) return [];
  const attempted = operations.some((operation) => operation.f === 'append' && operation.invokeMicros >= healedMicros);
  if (!attempted) return [];
  if (operations.some((operation) => operation.f === 'append' && operation.type === 'ok' && operation.invokeMicros >= healedMicros)) return [];
  return [{ property: 'progress-after-heal', kind: 'liveness', message: `no append invoked after every fault healed at ${formatMicros(healedMicros)} was acknowledged by ${final.node}` }];
}
