// The clients' history read as the read-model checkers need it: acknowledged appends (the event, its
// sequence number, when the client got the acknowledgement and whether the cache confirmed its
// invalidation) and completed view reads (what the client asked for, what it got and from where).
import type { View } from '../../models/readmodel/view.js';
import type { HistoryEvent } from '../../sim/history.js';
import type { Micros } from '../../sim/time.js';

export interface AckedAppend {
  process: number;
  id: string;
  aggregate: string;
  amount: number;
  seq: number;
  invokedMicros: Micros;
  ackedMicros: Micros;
  invalidated: boolean;
}

export interface ViewRead {
  process: number;
  aggregate: string;
  invokedMicros: Micros;
  completedMicros: Micros;
  view: View;
  source: string;
}

export interface ReadModelHistory {
  acked: AckedAppend[];
  reads: ViewRead[];
  /** Completed operations in completion order, per process (appends and reads interleaved). */
  byProcess: Map<number, (AckedAppend | ViewRead)[]>;
}

export function readHistory(history: readonly HistoryEvent[]): ReadModelHistory {
  const invoked = new Map<number, Micros>();
  const acked: AckedAppend[] = [];
  const reads: ViewRead[] = [];
  const byProcess = new Map<number, (AckedAppend | ViewRead)[]>();
  for (const event of history) {
    if (event.type === 'invoke') {
      invoked.set(event.process, event.time);
      continue;
    }
    const invokedMicros = invoked.get(event.process) ?? event.time;
    invoked.delete(event.process);
    if (event.type !== 'ok') continue;
    const value = event.value as Record<string, unknown>;
    let op: AckedAppend | ViewRead;
    if (event.f === 'append') {
      op = { process: event.process, id: String(value.id), aggregate: String(value.aggregate), amount: Number(value.amount), seq: Number(value.seq), invokedMicros, ackedMicros: event.time, invalidated: value.invalidated === true };
      acked.push(op);
    } else if (event.f === 'read') {
      op = { process: event.process, aggregate: String(value.aggregate), invokedMicros, completedMicros: event.time, view: value.view as View, source: String(value.source) };
      reads.push(op);
    } else continue;
    let list = byProcess.get(event.process);
    if (list === undefined) {
      list = [];
      byProcess.set(event.process, list);
    }
    list.push(op);
  }
  return { acked, reads, byProcess };
}

export function isRead(op: AckedAppend | ViewRead): op is ViewRead {
  return 'view' in op;
}
