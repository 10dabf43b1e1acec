// Reads a log store run's client history (models/logstore/client.ts) into operations: each invoke
// paired with its completion by the same process. Pure; used by every log store property.
import type { HistoryEvent } from '../../sim/history.js';
import type { Micros } from '../../sim/time.js';

import type { EventView } from '../../models/logstore/messages.js';

/** The shape the log store's client records its read answers in (defined beside its messages). */
export type { EventView };

export interface Operation {
  process: number;
  f: string;
  invokeMicros: Micros;
  /** Null when the run ended with the operation still outstanding. */
  completeMicros: Micros | null;
  type: 'ok' | 'fail' | 'info' | 'pending';
  key: string | undefined;
  invoke: any;
  result: any;
  error: string | undefined;
  node: string | undefined;
}

export function operationsOf(history: readonly HistoryEvent[]): Operation[] {
  // Client processes are small integers: the open operation of each sits at its index.
  const open: (Operation | undefined)[] = [];
  const operations: Operation[] = [];
  for (let index = 0; index < history.length; index++) {
    const event = history[index] as HistoryEvent;
    if (event.type === 'invoke') {
      const operation: Operation = { process: event.process, f: event.f, invokeMicros: event.time, completeMicros: null, type: 'pending', key: event.key, invoke: event.value, result: null, error: undefined, node: undefined };
      open[event.process] = operation;
      operations.push(operation);
      continue;
    }
    const operation = open[event.process];
    if (operation === undefined || operation.f !== event.f) continue;
    open[event.process] = undefined;
    operation.type = event.type;
    operation.completeMicros = event.time;
    operation.result = event.value;
    operation.error = event.error;
    operation.node = event.node;
  }
  return operations;
}

/** An event the store acknowledged: where and when. */
export interface AckedEvent {
  id: string;
  streamId: string;
  version: number;
  position: number;
  data: unknown;
  process: number;
  ackedMicros: Micros;
  node: string | undefined;
}

export function ackedEvents(operations: readonly Operation[]): AckedEvent[] {
  const acked: AckedEvent[] = [];
  for (const operation of operations) {
    if (operation.f !== 'append' || operation.type !== 'ok') continue;
    const events = operation.invoke.events as { id: string; data: unknown }[];
    const { streamId } = operation.invoke;
    const { firstVersion, firstPosition } = operation.result;
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as { id: string; data: unknown };
      acked.push({ id: event.id, streamId, version: firstVersion + index, position: firstPosition + index, data: event.data, process: operation.process, ackedMicros: operation.completeMicros as Micros, node: operation.node });
    }
  }
  return acked;
}

/** What a client appended under one event id. */
export interface AppendedEvent {
  streamId: string;
  data: unknown;
}

/** Every event id a client ever asked to append, with its stream and data (whatever the outcome). */
export function appendedData(operations: readonly Operation[]): Map<string, AppendedEvent> {
  const known = new Map<string, AppendedEvent>();
  for (const operation of operations) {
    if (operation.f !== 'append') continue;
    const streamId = operation.invoke.streamId as string;
    const events = operation.invoke.events as { id: string; data: unknown }[];
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as { id: string; data: unknown };
      known.set(event.id, { streamId, data: event.data });
    }
  }
  return known;
}
