// Properties of the replication models. Pure functions of the client history, the nodes' final state
// and what the ReplicationRecorder saw during the run.
//
// What they do not verify: anything about entries no client was told about (a timed-out append may or
// may not be in the log — `info` is judged only by the linearizability check); performance; that a
// node's *disk* matches its memory (convergence compares the logs the nodes hold and would serve).
import type { LogEntry } from '../../models/replication/entry.js';
import { sameEntry } from './entry-identity.js';
import type { ReplicaState } from '../../models/replication/observer.js';
import { clientId, type HistoryEvent } from '../../sim/history.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import type { ReplicationRecorder } from './recorder.js';

export interface FinalNode {
  node: string;
  /** null: the node is down at the end (it is then not judged). */
  state: ReplicaState | null;
}

interface AckedAppend {
  eventId: string;
  stream: string;
  client: number;
  node: string;
  version: number;
  position: number;
  atMicros: Micros;
}

export function ackedAppends(history: readonly HistoryEvent[]): AckedAppend[] {
  const acked: AckedAppend[] = [];
  for (const event of history) {
    if (event.f !== 'append' || event.type !== 'ok') continue;
    const value = event.value as { stream: string; events: string[]; version: number; position: number };
    acked.push({ eventId: value.events[0] as string, stream: value.stream, client: event.process, node: event.node ?? '?', version: value.version, position: value.position, atMicros: event.time });
  }
  return acked;
}

const violation = (property: string, message: string, atMicros?: Micros): Violation => ({ property, kind: 'correctness', message, ...(atMicros !== undefined ? { atMicros } : {}) });

/**
 * no-acked-event-lost: every append acknowledged ok is in the committed log of every live node, exactly
 * once, at the position it was acknowledged with. Reports the first few losses.
 */
export function noAckedEventLost(history: readonly HistoryEvent[], finals: readonly FinalNode[], recorder: ReplicationRecorder): Violation[] {
  const violations: Violation[] = [];
  const acked = ackedAppends(history);
  for (const { node, state } of finals) {
    if (state === null) continue;
    const positions = new Map<string, number[]>();
    const committed = Math.min(state.committedLength, state.log.length);
    for (let index = 1; index <= committed; index++) {
      const entry = state.log[index - 1];
      if (entry === null || entry === undefined || entry.kind !== 'append') continue;
      const list = positions.get(entry.eventId);
      if (list === undefined) positions.set(entry.eventId, [index]);
      else list.push(index);
    }
    for (const append of acked) {
      const found = positions.get(append.eventId) ?? [];
      if (found.length === 1 && found[0] === append.position) continue;
      const what =
        found.length === 0
          ? `is missing from ${node}'s committed log (${committed} entries)${vanished(recorder, node, append.eventId)}`
          : found.length > 1
            ? `appears ${found.length} times in ${node}'s committed log (positions ${found.join(', ')})`
            : `sits at position ${found[0]} in ${node}'s committed log, not at ${append.position}`;
      violations.push(
        violation(
          'no-acked-event-lost',
          `event ${append.eventId} (stream ${append.stream}), acknowledged to client ${clientId(append.client)} by ${append.node} at ${formatMicros(append.atMicros)} at position ${append.position}, ${what}`,
          append.atMicros,
        ),
      );
      if (violations.length >= 5) return violations;
    }
  }
  return violations;
}

function vanished(recorder: ReplicationRecorder, node: string, eventId: string): string {
  const removal = [...recorder.removals].reverse().find((each) => each.node === node && each.eventId === eventId);
  if (removal !== undefined) return `; it vanished at ${formatMicros(removal.atMicros)} (${removal.reason}, was at position ${removal.index})`;
  const anywhere = [...recorder.removals].reverse().find((each) => each.eventId === eventId);
  if (anywhere !== undefined) return `; it was last removed from ${anywhere.node} at ${formatMicros(anywhere.atMicros)} (${anywhere.reason})`;
  return '; no node ever truncated it: it was lost to a crash or never replicated';
}

/** no-divergence: no two nodes ever committed different entries at one index, during the run or at the end. */
export function noDivergence(finals: readonly FinalNode[], recorder: ReplicationRecorder): Violation[] {
  const violations = recorder.commitConflicts.map((conflict) =>
    violation(
      'no-divergence',
      `index ${conflict.index} was committed as ${conflict.first.digest} by ${conflict.first.node} at ${formatMicros(conflict.first.atMicros)} and as ${conflict.second.digest} by ${conflict.second.node} at ${formatMicros(conflict.second.atMicros)}`,
      conflict.second.atMicros,
    ),
  );
  if (violations.length > 0) return violations;
  const live = finals.filter((each): each is { node: string; state: ReplicaState } => each.state !== null);
  for (let a = 0; a < live.length; a++) {
    for (let b = a + 1; b < live.length; b++) {
      const left = live[a] as { node: string; state: ReplicaState };
      const right = live[b] as { node: string; state: ReplicaState };
      const shared = Math.min(left.state.committedLength, right.state.committedLength);
      for (let index = 1; index <= shared; index++) {
        const x = left.state.log[index - 1] ?? null;
        const y = right.state.log[index - 1] ?? null;
        if (x !== null && y !== null && sameEntry(x, y)) continue;
        return [violation('no-divergence', `committed prefixes diverge at index ${index}: ${left.node} holds ${describe(x)}, ${right.node} holds ${describe(y)}`)];
      }
    }
  }
  return [];
}

/** one-primary-per-term: no term ever had two primaries. */
export function onePrimaryPerTerm(recorder: ReplicationRecorder): Violation[] {
  return recorder.doublePrimaries.map(([first, second]) =>
    violation('one-primary-per-term', `term ${first.term} had two primaries: ${first.node} from ${formatMicros(first.atMicros)} and ${second.node} from ${formatMicros(second.atMicros)}`, second.atMicros),
  );
}

/** unique-positions: no two different events were acknowledged at the same global position. */
export function uniquePositions(history: readonly HistoryEvent[]): Violation[] {
  const byPosition = new Map<number, AckedAppend>();
  for (const append of ackedAppends(history)) {
    const earlier = byPosition.get(append.position);
    if (earlier === undefined) {
      byPosition.set(append.position, append);
      continue;
    }
    if (earlier.eventId === append.eventId) continue;
    return [
      violation(
        'unique-positions',
        `position ${append.position} was acknowledged twice: event ${earlier.eventId} to client ${clientId(earlier.client)} by ${earlier.node} at ${formatMicros(earlier.atMicros)}, and event ${append.eventId} to client ${clientId(append.client)} by ${append.node} at ${formatMicros(append.atMicros)} (split brain)`,
        append.atMicros,
      ),
    ];
  }
  return [];
}

/** convergence: after the quiet period every live replica holds the same log, entry for entry. */
export function convergence(finals: readonly FinalNode[]): Violation[] {
  const live = finals.filter((each): each is { node: string; state: ReplicaState } => each.state !== null);
  const reference = live[0];
  if (reference === undefined) return [{ property: 'convergence', kind: 'liveness', message: 'no replica is up at the end of the run' }];
  for (const other of live.slice(1)) {
    const length = Math.max(reference.state.log.length, other.state.log.length);
    for (let index = 1; index <= length; index++) {
      const x = reference.state.log[index - 1] ?? null;
      const y = other.state.log[index - 1] ?? null;
      if (x !== null && y !== null && sameEntry(x, y)) continue;
      return [
        {
          property: 'convergence',
          kind: 'liveness',
          message: `after the quiet period ${reference.node} (${reference.state.log.length} entries) and ${other.node} (${other.state.log.length} entries) differ at index ${index}: ${describe(x)} vs ${describe(y)}`,
        },
      ];
    }
  }
  return [];
}

/** liveness-after-heal: some append invoked after the final heal succeeds within `boundMicros` of it. */
export function livenessAfterHeal(history: readonly HistoryEvent[], healMicros: Micros, boundMicros: Micros): Violation[] {
  const deadline = healMicros + boundMicros;
  for (const event of history) if (event.f === 'append' && event.type === 'ok' && event.time >= healMicros && event.time <= deadline) return [];
  const attempted = history.some((event) => event.f === 'append' && event.type === 'invoke' && event.time >= healMicros && event.time <= deadline);
  return [
    {
      property: 'liveness-after-heal',
      kind: 'liveness',
      message: attempted
        ? `no append succeeded between the final heal at ${formatMicros(healMicros)} and ${formatMicros(deadline)}: no working primary`
        : `no append was even attempted between the final heal at ${formatMicros(healMicros)} and ${formatMicros(deadline)}: the workload ended too early to judge`,
      atMicros: deadline,
    },
  ];
}

function describe(entry: LogEntry | null): string {
  if (entry === null) return 'nothing (a hole or past its end)';
  return entry.kind === 'noop' ? `a no-op of term ${entry.term}` : `event ${entry.eventId} (stream ${entry.stream} v${entry.version}, term ${entry.term})`;
}
