// Properties of the demo counter model. Pure functions of the run's history and final state.
// What they do not verify: that increments are applied exactly once (a timed-out increment may or may
// not have happened, so only acknowledged values are judged), or anything about message latency.
import type { HistoryEvent } from '../sim/history.js';
import { clientId } from '../sim/history.js';
import { formatMicros, type Micros } from '../sim/time.js';
import type { Violation } from './violation.js';

/**
 * acked-increments-durable: if an increment on node N was acknowledged with value v before another
 * increment on N was invoked, the later one is acknowledged with a value above v (real-time order), and
 * N's counter at the end is at least v. A regression means an acknowledged increment was lost.
 */
export function ackedIncrementsDurable(history: readonly HistoryEvent[], finalValues: ReadonlyMap<string, number | null>): Violation[] {
  const highest = new Map<string, { value: number; time: Micros; process: number }>();
  const highestAtInvoke = new Map<number, { value: number; time: Micros; process: number } | undefined>();
  const violations: Violation[] = [];
  for (const event of history) {
    if (event.f !== 'incr' || event.key === undefined) continue;
    if (event.type === 'invoke') {
      highestAtInvoke.set(event.process, highest.get(event.key));
      continue;
    }
    if (event.type !== 'ok' || typeof event.value !== 'number') continue;
    const before = highestAtInvoke.get(event.process);
    if (before !== undefined && event.value <= before.value) {
      violations.push({
        property: 'acked-increments-durable',
        kind: 'correctness',
        message: `node ${event.key} acknowledged increment to ${before.value} (client ${clientId(before.process)}, at ${formatMicros(before.time)}), then a later increment by client ${clientId(event.process)} was acknowledged with ${event.value} at ${formatMicros(event.time)}: acknowledged increments were lost`,
        atMicros: event.time,
      });
      return violations;
    }
    const current = highest.get(event.key);
    if (current === undefined || event.value > current.value) highest.set(event.key, { value: event.value, time: event.time, process: event.process });
  }
  for (const [node, acked] of [...highest].sort(([a], [b]) => a.localeCompare(b))) {
    const final = finalValues.get(node);
    if (final !== null && final !== undefined && final < acked.value) {
      violations.push({
        property: 'acked-increments-durable',
        kind: 'correctness',
        message: `node ${node} ends with counter ${final}, below the ${acked.value} it acknowledged at ${formatMicros(acked.time)}`,
      });
    }
  }
  return violations;
}

/** responds-after-heal: every node answers at least one ping invoked after `healedMicros`. */
export function respondsAfterHeal(history: readonly HistoryEvent[], nodes: readonly string[], healedMicros: Micros): Violation[] {
  const answered = new Set<string>();
  const asked = new Set<string>();
  for (const event of history) {
    if (event.f !== 'ping' || event.time < healedMicros || event.key === undefined) continue;
    if (event.type === 'invoke') asked.add(event.key);
    if (event.type === 'ok') answered.add(event.key);
  }
  return nodes
    .filter((node) => !answered.has(node))
    .map((node) => ({
      property: 'responds-after-heal',
      kind: 'liveness' as const,
      message: asked.has(node)
        ? `node ${node} answered none of the pings sent after every fault healed at ${formatMicros(healedMicros)}`
        : `no ping reached node ${node} after ${formatMicros(healedMicros)}: the quiet period is too short to judge`,
    }));
}
