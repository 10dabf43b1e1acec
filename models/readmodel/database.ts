// The database node (PostgreSQL in the seeds): its event table is a log store (models/logstore) on the
// node's own disk — one stream per aggregate, each event appended with the expected version seq − 1 and
// its id as the idempotency key, so a retried store request stores nothing twice and an out-of-order one
// is refused — and a stream `$epochs` recording the application incarnations it has admitted. A store
// request is answered once every event of it is durable (fsync); one from an older epoch is fenced.
// Loads read an aggregate's stream; polls read the whole log from a position (the projection worker's
// catch-up), both only what is committed. While the store recovers, requests are dropped: the callers
// retry. The planted bug `batch-ack-before-store` answers a store request when written, before its fsync.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import { LogStore, ScanCache, type AppendResult } from '../logstore/index.js';
import type { ReadModelMessage, StoreGroup, StoreOutcome } from './messages.js';
import type { ReadModelEvent } from './view.js';

export const EPOCH_STREAM = '$epochs';

export interface DatabaseNode extends NodeBehaviour<ReadModelMessage> {
  store(): LogStore;
}

export function databaseNode(bugs: ReadonlySet<string>, scanCache: ScanCache = new ScanCache()) {
  const ackBeforeDurable = bugs.has('batch-ack-before-store');
  return (context: NodeContext<ReadModelMessage>): DatabaseNode => {
    const store = new LogStore(context.disk, { durability: 'fsync', timers: context, scanCache, log: (text) => context.log(text) });
    let epochMax = 0;
    store.recover(() => {
      const epochs = store.readStream(EPOCH_STREAM, 1);
      if (epochs.ok) for (const event of epochs.events) epochMax = Math.max(epochMax, (event.data as { epoch: number }).epoch);
    });

    const hello = (source: string, epoch: number): void => {
      if (epoch < epochMax) return;
      store.append(EPOCH_STREAM, [{ id: `epoch-${epoch}`, type: 'epoch', data: { epoch } }], 'any', (result) => {
        if (!result.ok) return;
        epochMax = Math.max(epochMax, epoch);
        context.send(source, { type: 'welcome', epoch });
      });
    };

    const storeGroups = (source: string, requestId: number, epoch: number, groups: readonly StoreGroup[]): void => {
      if (epoch < epochMax) {
        context.cover('write-fenced');
        return context.send(source, { type: 'fenced', requestId, epoch: epochMax });
      }
      const outcomes: StoreOutcome[] = [];
      let waiting = groups.length;
      const done = (group: StoreGroup, result: AppendResult): void => {
        outcomes.push(result.ok ? { aggregate: group.aggregate, ok: true } : { aggregate: group.aggregate, ok: false, detail: describeFailure(group, result) });
        waiting--;
        if (waiting === 0 && !ackBeforeDurable) context.send(source, { type: 'stored', requestId, outcomes });
      };
      for (const group of groups) {
        const first = group.events[0];
        if (first === undefined) {
          done(group, { ok: false, reason: 'rejected', detail: 'empty group' });
          continue;
        }
        store.append(group.aggregate, group.events.map((event) => ({ id: event.id, type: 'event', data: event })), first.seq - 1, (result) => done(group, result));
      }
      // The planted bug: every event is written (in the page cache), none is durable yet.
      if (ackBeforeDurable) context.send(source, { type: 'stored', requestId, outcomes: groups.map((group) => ({ aggregate: group.aggregate, ok: true })) });
    };

    return {
      store: () => store,
      observe: () => ({ role: 'database', logLength: store.committedPosition }),
      onMessage(source, message) {
        if (store.state !== 'ready') return;
        switch (message.type) {
          case 'hello':
            return hello(source, message.epoch);
          case 'store':
            return storeGroups(source, message.requestId, message.epoch, message.groups);
          case 'load': {
            const read = store.readStream(message.aggregate, 1);
            if (!read.ok) return;
            context.send(source, { type: 'loaded', requestId: message.requestId, aggregate: message.aggregate, events: read.events.map((event) => event.data as ReadModelEvent) });
            return;
          }
          case 'poll': {
            const read = store.readAll(message.afterPosition, message.max);
            if (!read.ok) return;
            const events = read.events.filter((event) => event.streamId !== EPOCH_STREAM).map((event) => ({ position: event.position, event: event.data as ReadModelEvent }));
            const throughPosition = read.events.at(-1)?.position ?? message.afterPosition;
            context.send(source, { type: 'polled', requestId: message.requestId, events, throughPosition, committedPosition: read.committedPosition });
            return;
          }
          default:
            return;
        }
      },
    };
  };
}

function describeFailure(group: StoreGroup, result: AppendResult & { ok: false }): string {
  const first = group.events[0]?.seq ?? 0;
  if (result.reason === 'wrong-expected-version') return `${group.aggregate}: events from seq ${first} expected version ${String(result.expected)}, the table holds ${result.actual}`;
  if (result.reason === 'idempotency-conflict') return `${group.aggregate}: ${result.detail}`;
  return `${group.aggregate}: ${result.reason}`;
}
