// The log store node: one LogStore on the node's disk, recovered in the factory (a restart calls the
// factory again, so recovery is "read the disk"), answering client requests. While it recovers, or once
// it has found corruption, it answers `unavailable` / `corrupt` rather than guessing.
import { assert } from '../../sim/assert.js';
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { LogStoreMessage } from './messages.js';
import { ScanCache } from './scan-cache.js';
import { LogStore, type Durability } from './store.js';

export interface LogStoreNodeConfig {
  durability: Durability;
  segmentBytesMax: number;
  groupWindowMicros: Micros;
  groupRecordsMax: number;
}

export interface LogStoreNode extends NodeBehaviour<LogStoreMessage> {
  readonly store: LogStore;
}


/** `scanCache`: pass one to share recovery work between restarts (and with a checker of the same disk). */
export function logStoreServer(config: LogStoreNodeConfig, bugs: ReadonlySet<string>, scanCache: ScanCache = new ScanCache()) {
  return (context: NodeContext<LogStoreMessage>): LogStoreNode => {
    const store = new LogStore(context.disk, {
      scanCache,
      durability: config.durability,
      segmentBytesMax: config.segmentBytesMax,
      groupWindowMicros: config.groupWindowMicros,
      groupRecordsMax: config.groupRecordsMax,
      timers: context,
      bugs,
      log: (text) => context.log(text),
    });
    const report = store.recover();
    // A projection kept by a catch-up subscription from the start of the log: it must see every
    // committed position exactly once, in order (a skip is a programmer error, reported as a crash).
    let projected = 0;
    store.subscribe(0, (event) => {
      assert(event.position === projected + 1, `catch-up subscription skipped from position ${projected} to ${event.position}`);
      projected = event.position;
    });
    if (report.tornTail !== null) context.cover('torn-tail-cut');
    if (report.corruption !== null) context.cover('corruption-declared');
    if (report.tornTail !== null || report.corruption !== null) {
      context.log(`recovered ${report.records} records; torn tail ${report.tornTail === null ? 'none' : `${report.tornTail.file}@${report.tornTail.offset}`}; corruption ${report.corruption === null ? 'none' : `${report.corruption.file}@${report.corruption.offset}`}`);
    }
    return {
      store,
      onMessage(source, message) {
        switch (message.type) {
          case 'append':
            store.append(message.streamId, message.events, message.expected, (result) => {
              if (result.ok && result.idempotent) context.cover('retry-deduplicated');
              context.send(source, { type: 'appendReply', requestId: message.requestId, result });
            });
            return;
          case 'read': {
            const read = store.readStream(message.streamId, message.fromVersion, message.maxCount);
            const result = read.ok ? { ok: true as const, events: read.events, version: read.version, deletedTo: read.deletedTo } : { ok: false as const, reason: read.reason };
            context.send(source, { type: 'readReply', requestId: message.requestId, result });
            return;
          }
          case 'readAll': {
            const read = store.readAll(message.afterPosition, message.maxCount);
            const result = read.ok ? { ok: true as const, events: read.events, committedPosition: read.committedPosition, corrupt: read.corruption !== null } : { ok: false as const, reason: read.reason };
            context.send(source, { type: 'readAllReply', requestId: message.requestId, result });
            return;
          }
          case 'deleteTo':
            store.deleteTo(message.streamId, message.toVersion, (result) => {
              const reply = result.ok ? { ok: true as const } : { ok: false as const, reason: result.reason, indeterminate: result.reason === 'corrupt' && result.indeterminate };
              context.send(source, { type: 'deleteReply', requestId: message.requestId, result: reply });
            });
            return;
          default:
            return;
        }
      },
    };
  };
}
