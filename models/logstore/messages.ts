// Messages between log store clients and the log store node.
import type { EventData } from './codec.js';
import type { AppendResult, ExpectedVersion } from './store.js';

/** An event as it travels in a read reply (the store's own immutable StoredEvent objects are sent as they are). */
export interface EventView {
  id: string;
  streamId: string;
  version: number;
  position: number;
  data: unknown;
}

export type Failure = 'unavailable' | 'corrupt';

export type LogStoreMessage =
  | { type: 'append'; requestId: number; streamId: string; expected: ExpectedVersion; events: EventData[] }
  | { type: 'appendReply'; requestId: number; result: AppendResult }
  | { type: 'read'; requestId: number; streamId: string; fromVersion: number; maxCount: number }
  | { type: 'readReply'; requestId: number; result: { ok: true; events: EventView[]; version: number; deletedTo: number } | { ok: false; reason: Failure } }
  | { type: 'readAll'; requestId: number; afterPosition: number; maxCount: number }
  | { type: 'readAllReply'; requestId: number; result: { ok: true; events: EventView[]; committedPosition: number; corrupt: boolean } | { ok: false; reason: Failure } }
  | { type: 'deleteTo'; requestId: number; streamId: string; toVersion: number }
  | { type: 'deleteReply'; requestId: number; result: { ok: true } | { ok: false; reason: Failure | 'rejected'; indeterminate: boolean } };
