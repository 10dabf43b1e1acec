// acked-appends-durable: every acknowledged append is present after recovery, exactly once, at the
// position and version it was acknowledged with.
//
// The final state is what a fresh recovery of the node's disk serves at the end of the run (the page
// cache as a restart would find it). Judged per acknowledged event:
// - present with the same id at its acknowledged position → fine;
// - missing, but the recovered store *declared* corruption and the event lies past its last good
//   position, and a bit flip or misdirected write was injected into that very file → "lost to detected
//   corruption": counted and reported in the summary, not a violation. On a single node a media fault
//   can destroy acknowledged data; a correct store detects it and refuses to serve past it, which is
//   all it can do. Declared corruption with no media fault injected is a violation (a crash alone must
//   never corrupt the log);
// - otherwise (silently missing, or another event in its place) → violation.
// Exactly once: an event id appearing at two positions of the final log is a violation (a duplicate).
// What it does not verify: events whose append timed out (`info`) — they may or may not be present.
import type { Violation } from '../violation.js';
import { formatMicros, type Micros } from '../../sim/time.js';
import type { AckedEvent, EventView } from './history.js';
import { clientId } from '../../sim/history.js';

export interface FinalLog {
  node: string;
  /** The recovered log, by position - 1 (deleted events included: deletes are logical). */
  events: readonly EventView[];
  corruption: { file: string; offset: number; reason: string; lastGoodPosition: number } | null;
}

export interface FaultMark {
  atMicros: Micros;
  kind: string;
  detail: string;
  /** The file a disk fault hit (media faults only). */
  file?: string;
}

export interface DurabilityVerdict {
  violations: Violation[];
  lostToDetectedCorruption: number;
}

const VIOLATIONS_MAX = 5;

export function ackedAppendsDurable(acked: readonly AckedEvent[], final: FinalLog, mediaFaults: readonly FaultMark[], crashes: readonly FaultMark[]): DurabilityVerdict {
  const violations: Violation[] = [];
  let lostToDetectedCorruption = 0;
  const push = (violation: Violation): void => {
    if (violations.length < VIOLATIONS_MAX) violations.push(violation);
  };
  const corruption = final.corruption;
  const excusable = corruption !== null && mediaFaults.some((fault) => fault.file === corruption.file);
  if (corruption !== null && !excusable) {
    push({
      property: 'acked-appends-durable',
      kind: 'correctness',
      message: `the store on ${final.node} declared corruption in ${corruption.file} at offset ${corruption.offset} (${corruption.reason}) and stops serving after position ${corruption.lastGoodPosition}, but no bit flip or misdirected write was injected into that file: crashes alone corrupted the log`,
    });
  }
  for (const event of acked) {
    const found = final.events[event.position - 1];
    if (found !== undefined && found.id === event.id) continue;
    if (excusable && event.position > (corruption as NonNullable<typeof corruption>).lastGoodPosition) {
      lostToDetectedCorruption++;
      continue;
    }
    const crash = crashes.find((each) => each.atMicros >= event.ackedMicros);
    const where = found === undefined ? `the recovered log ends at position ${final.events.length}` : `position ${event.position} now holds event ${found.id} (stream ${found.streamId} version ${found.version})`;
    const when = crash === undefined ? 'no crash or power loss followed the acknowledgement' : `it vanished in or after the ${crash.detail} at ${formatMicros(crash.atMicros)}`;
    push({
      property: 'acked-appends-durable',
      kind: 'correctness',
      message: `lost acknowledged event ${event.id} (stream ${event.streamId} version ${event.version}, position ${event.position}), acknowledged to client ${clientId(event.process)} by ${event.node ?? final.node} at ${formatMicros(event.ackedMicros)}: ${where}; ${when}`,
      atMicros: event.ackedMicros,
    });
  }
  const seen = new Map<string, number>();
  for (const event of final.events) {
    const earlier = seen.get(event.id);
    if (earlier !== undefined) {
      push({
        property: 'acked-appends-durable',
        kind: 'correctness',
        message: `event ${event.id} is stored twice on ${final.node}: at positions ${earlier} and ${event.position} (stream ${event.streamId} version ${event.version}) — a retry was written again instead of being recognised`,
      });
    } else seen.set(event.id, event.position);
  }
  return { violations, lostToDetectedCorruption };
}
