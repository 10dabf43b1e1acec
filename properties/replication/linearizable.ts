// linearizable-reads: judges the client history of appends and reads twice — with the quick
// prefix-consistency and real-time rules (whose messages name the stale read or the misplaced event),
// then with the linearizability checker's `eventlog` model (properties/linearizability), which also
// decides the orderings of concurrent and `info` operations. A checker verdict of "unknown" (its search
// budget ran out) is reported as an `inconclusive` violation: nobody decided the history, so the run is
// not a pass (exit 3), and not a failure either.
//
// Not verified here: whether a read served by a node was *allowed* to be served (leases, read index) —
// only whether what the clients saw fits one order of the operations.
import type { ReplicaState } from '../../models/replication/observer.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Violation } from '../violation.js';
import { checkHistory, eventlogModel, type EventlogInput, type EventlogOutput, type Operation } from '../linearizability/index.js';
import { prefixConsistency } from './prefix-consistency.js';

/** The run's history as the checker's operations: appends (one event each) and whole-stream reads. */
export function eventlogOperations(history: readonly HistoryEvent[]): Operation<EventlogInput, EventlogOutput>[] {
  const operations: Operation<EventlogInput, EventlogOutput>[] = [];
  const open = new Map<number, { input: EventlogInput; invokeTime: number }>();
  for (const event of history) {
    if (event.f !== 'append' && event.f !== 'read') continue;
    if (event.type === 'invoke') {
      const value = event.value as { stream: string; expectedVersion?: number | 'any'; events?: string[] };
      const input: EventlogInput =
        event.f === 'read' ? { f: 'read', stream: value.stream } : { f: 'append', stream: value.stream, expectedVersion: value.expectedVersion ?? 'any', events: value.events ?? [] };
      open.set(event.process, { input, invokeTime: event.time });
      continue;
    }
    const invoked = open.get(event.process);
    if (invoked === undefined) continue;
    open.delete(event.process);
    const value = event.value as { version?: number; events?: string[] };
    const output: EventlogOutput | undefined = event.type !== 'ok' ? undefined : invoked.input.f === 'read' ? (value.events ?? []) : (value.version as number);
    operations.push({ process: event.process, input: invoked.input, outcome: event.type, ...(output !== undefined ? { output } : {}), invokeTime: invoked.invokeTime, completeTime: event.time });
  }
  for (const [process, invoked] of open) operations.push({ process, input: invoked.input, outcome: 'info', invokeTime: invoked.invokeTime });
  return operations;
}

/** `searchStepsMax`: the checker's budget; a history it cannot decide within it is inconclusive. */
export function linearizableHistory(history: readonly HistoryEvent[], reference: ReplicaState | null, searchStepsMax: number): Violation[] {
  const quick = prefixConsistency(history, reference);
  if (quick.length > 0) return quick;
  const result = checkHistory(eventlogOperations(history), eventlogModel, { budget: { stepsMax: searchStepsMax } });
  if (result.linearizable === true) return [];
  if (result.linearizable === null) {
    return [{ property: 'linearizable-reads', kind: 'inconclusive', message: `the linearizability checker could not decide the append/read history within its budget (${searchStepsMax} search steps): ${result.explanation}` }];
  }
  return [{ property: 'linearizable-reads', kind: 'correctness', message: `the append/read history is not linearizable: ${result.explanation}` }];
}
