// The application node (the seed's microservice JVM with its IMaps): an in-memory **event map** (per
// aggregate, its events) and, with inline projection, a **view map** (per aggregate, its view), both
// bounded with LRU eviction; a **loader** that reloads an evicted aggregate from the database; the
// persistence option — write-through (acknowledge after the database stored the event durably) or
// write-behind (acknowledge at once, store within writeDelayMicros, write-behind.ts); and, with
// cache-aside, a cache in front of view reads: a miss takes a lease, the view read from its source is
// put back with that lease, and a write invalidates the key *after* updating the view (an invalidation
// voids outstanding leases, so a fill read before the write cannot land after it).
//
// Appends to one aggregate run one at a time (the next sequence number depends on the previous one);
// reads do not wait for them. An incarnation takes a fresh epoch from its own disk and registers it
// with the database before serving: store requests of an older incarnation are fenced.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import { Calls } from './calls.js';
import { CACHE, DATABASE, PROJECTOR, type ReadModelConfig } from './config.js';
import { LruMap } from './lru.js';
import type { ReadModelMessage } from './messages.js';
import type { ReadModelObserver } from './observer.js';
import { foldEvents, type ReadModelEvent, type View } from './view.js';
import { WriteBehindQueue } from './write-behind.js';

interface Entry {
  events: ReadModelEvent[];
  /** Events of this aggregate queued for write-behind: the entry is pinned until they are stored. */
  dirty: number;
  loading: boolean;
  waiters: ((entry: Entry | null) => void)[];
}

/** Appends waiting for one aggregate: past it new ones are refused. */
const WAITING_MAX = 64;
const EPOCH_FILE = 'epoch';
const HELLO_RETRY_MICROS = 5_000;
/** Write-through: attempts of one store before the aggregate is given up and reloaded (a bound, not a policy). */
const STORE_ATTEMPTS_MAX = 200;

export interface AppNode extends NodeBehaviour<ReadModelMessage> {
  /** The views this node would serve now (inline projection): its view map, and the fold of each loaded event-map entry. */
  inspect(): { views: Map<string, View>; eventFolds: Map<string, View> };
}

export function appNode(config: ReadModelConfig, bugs: ReadonlySet<string>, observer: ReadModelObserver) {
  const evictDirty = bugs.has('evict-dirty-entry');
  const invalidateFirst = bugs.has('invalidate-before-write');
  const writeBehind = config.persistence === 'write-behind';
  const cached = config.cache === 'cache-aside';
  const inline = config.projection === 'inline';
  // The planted bug switches coalescing on for the event map, whatever the configuration says.
  const queueConfig = bugs.has('coalesce-event-map') ? { ...config, writeCoalescing: true } : config;
  return (context: NodeContext<ReadModelMessage>): AppNode => {
    const calls = new Calls(context);
    const locks = new Map<string, (() => void)[]>();
    const evicted = new Set<string>();
    let epoch = 0;
    let ready = false;

    const events = new LruMap<Entry>(config.eviction.maxSize, config.eviction.policy, (key, entry) => !entry.loading && !locks.has(key) && (evictDirty || entry.dirty === 0), (key, entry) => {
      evicted.add(key);
      if (entry.dirty > 0) context.log(`evicted ${key} with ${entry.dirty} events still queued`);
    });
    const views = new LruMap<View>(config.eviction.maxSize, config.eviction.policy, () => true, (key) => evicted.add(`view:${key}`));
    const queue = new WriteBehindQueue(context, queueConfig, DATABASE, {
      settled: (event) => {
        const entry = events.peek(event.aggregate);
        if (entry !== undefined && entry.dirty > 0) entry.dirty--;
        events.evict();
      },
      dropped: (lost, detail) => {
        observer.dropped(lost.map((event) => event.id), detail);
        for (const event of lost) forget(event.aggregate);
      },
      flushTimedOut: () => observer.flushTimedOut(),
      nextRequestId: () => calls.nextId(),
      epoch: () => epoch,
    }, bugs.has('debounce-write-delay'));

    // A fresh epoch, durable before it is used: the last one on disk plus one.
    const bytes = context.disk.exists(EPOCH_FILE) ? context.disk.read(EPOCH_FILE, 0, 8) : new Uint8Array(8);
    epoch = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0)) + 1;
    const next = new Uint8Array(8);
    new DataView(next.buffer).setBigUint64(0, BigInt(epoch));
    context.disk.write(EPOCH_FILE, 0, next);
    const hello = (): void => {
      if (ready) return;
      context.send(DATABASE, { type: 'hello', epoch });
      context.setTimer(HELLO_RETRY_MICROS, 'hello-retry', hello);
    };
    context.disk.fsync(EPOCH_FILE, () => hello());

    /** Drops what the app holds of an aggregate: the next access loads it from the database. */
    const forget = (aggregate: string): void => {
      events.delete(aggregate);
      views.delete(aggregate);
    };

    /** The aggregate's entry, loaded from the database when it is not in the event map (the loader). */
    const ensureLoaded = (aggregate: string, then: (entry: Entry | null) => void): void => {
      const known = events.get(aggregate);
      if (known !== undefined && !known.loading) return then(known);
      if (known !== undefined) return void known.waiters.push(then);
      const entry: Entry = { events: [], dirty: 0, loading: true, waiters: [then] };
      events.set(aggregate, entry);
      const settle = (result: Entry | null): void => {
        const waiters = entry.waiters;
        entry.waiters = [];
        for (const waiter of waiters) waiter(result);
      };
      calls.call(DATABASE, (requestId) => ({ type: 'load', requestId, aggregate }), config.storeTimeoutMicros, (reply) => {
        if (reply.type !== 'loaded') return;
        entry.events = reply.events;
        entry.loading = false;
        if (evicted.delete(aggregate)) context.cover('evicted-key-reloaded');
        events.evict();
        settle(entry);
      }, () => {
        if (events.peek(aggregate) === entry) events.delete(aggregate);
        settle(null);
      });
    };

    /** Inline projection: the view from the view map, else folded from the aggregate's events. */
    const inlineView = (aggregate: string, then: (view: View | null) => void): void => {
      const known = views.get(aggregate);
      if (known !== undefined) return then(known);
      ensureLoaded(aggregate, (entry) => {
        if (entry === null) return then(null);
        const view = foldEvents(entry.events);
        if (evicted.delete(`view:${aggregate}`)) context.cover('evicted-key-reloaded');
        views.set(aggregate, view);
        then(view);
      });
    };

    /** The view from its source: the app's own view map, or the projection worker (which waits for minSeq). */
    const sourceView = (aggregate: string, minSeq: number, then: (view: View | null) => void): void => {
      if (inline) return inlineView(aggregate, then);
      calls.call(PROJECTOR, (requestId) => ({ type: 'readView', requestId, aggregate, minSeq }), config.workload.timeoutMicros, (reply) => then(reply.type === 'viewRead' ? reply.view : null), () => then(null));
    };

    const invalidate = (aggregate: string, then: (confirmed: boolean) => void): void => {
      calls.call(CACHE, (requestId) => ({ type: 'cacheInvalidate', requestId, key: aggregate }), config.invalidateTimeoutMicros, () => then(true), () => then(false));
    };

    const read = (source: string, requestId: number, aggregate: string, minSeq: number): void => {
      const answer = (view: View | null, from: string): void => {
        if (view === null) return context.send(source, { type: 'refused', requestId, reason: `no view of ${aggregate} available`, indeterminate: false });
        context.send(source, { type: 'viewIs', requestId, view, source: from });
      };
      const fromSource = (lease: number | null): void =>
        sourceView(aggregate, minSeq, (view) => {
          if (view !== null && lease !== null) context.send(CACHE, { type: 'cacheFill', key: aggregate, view, lease });
          answer(view, inline ? 'app' : 'projector');
        });
      if (!cached) return fromSource(null);
      calls.call(CACHE, (id) => ({ type: 'cacheGet', requestId: id, key: aggregate }), config.invalidateTimeoutMicros, (reply) => {
        // Async projection: a cached view older than the reader's own last write (its token) is a miss.
        // Inline projection promises read-your-writes through invalidation alone, as the seed's design does.
        if (reply.type === 'cacheHit' && (inline || reply.view.seq >= minSeq)) {
          context.cover('cache-hit');
          return answer(reply.view, 'cache');
        }
        fromSource(reply.type === 'cacheMiss' ? reply.lease : null);
      }, () => fromSource(null));
    };

    const withLock = (aggregate: string, run: (release: () => void) => void, refuse: () => void): void => {
      const release = (): void => {
        const waiting = locks.get(aggregate);
        const next = waiting?.shift();
        if (next !== undefined) return next();
        locks.delete(aggregate);
        events.evict();
      };
      const waiting = locks.get(aggregate);
      if (waiting === undefined) {
        locks.set(aggregate, []);
        return run(release);
      }
      if (waiting.length >= WAITING_MAX) return refuse();
      waiting.push(() => run(release));
    };

    const append = (source: string, requestId: number, input: { id: string; aggregate: string; amount: number }): void => {
      const aggregate = input.aggregate;
      const refuse = (reason: string, indeterminate = false): void => context.send(source, { type: 'refused', requestId, reason, indeterminate });
      if (!ready) return refuse('starting: epoch not registered yet');
      withLock(aggregate, (release) => {
        const refuseAndRelease = (reason: string, indeterminate = false): void => {
          refuse(reason, indeterminate);
          release();
        };
        ensureLoaded(aggregate, (entry) => {
          if (entry === null) return refuseAndRelease(`could not load ${aggregate}`);
          if (writeBehind && (queue.size >= config.writeQueueMax || queue.overdue())) return refuseAndRelease('write-behind queue full or overdue');
          const event: ReadModelEvent = { ...input, seq: (entry.events.at(-1)?.seq ?? 0) + 1 };
          const commit = (): void => {
            entry.events.push(event);
            if (views.peek(aggregate) !== undefined) views.set(aggregate, foldEvents(entry.events));
          };
          const acknowledge = (invalidated: boolean): void => {
            observer.acknowledged(event.id);
            context.send(source, { type: 'appended', requestId, seq: event.seq, invalidated });
            release();
          };
          const afterWrite = (invalidatedBefore: boolean | null): void => {
            if (invalidatedBefore !== null) return acknowledge(invalidatedBefore);
            if (!cached) return acknowledge(true);
            invalidate(aggregate, acknowledge);
          };
          const write = (invalidatedBefore: boolean | null): void => {
            if (writeBehind) {
              commit();
              entry.dirty++;
              queue.push(event);
              return afterWrite(invalidatedBefore);
            }
            // An unanswered store may have been stored: it is resent (its event id makes that harmless) until
            // the database answers, so the maps never miss an event the table holds.
            const store = (attempt: number): void =>
              calls.call(DATABASE, (id) => ({ type: 'store', requestId: id, epoch, groups: [{ aggregate, events: [event] }] }), config.storeTimeoutMicros, (reply) => {
                if (reply.type === 'stored' && reply.outcomes.every((outcome) => outcome.ok)) {
                  commit();
                  return afterWrite(invalidatedBefore);
                }
                forget(aggregate);
                refuseAndRelease(reply.type === 'fenced' ? 'fenced by a newer incarnation' : 'conflict in the database');
              }, () => {
                if (attempt < STORE_ATTEMPTS_MAX) return store(attempt + 1);
                forget(aggregate);
                refuseAndRelease('the database did not answer', true);
              });
            store(1);
          };
          // The planted bug: invalidate first, so a read between this and the write caches the old view.
          if (cached && invalidateFirst) return invalidate(aggregate, (confirmed) => write(confirmed));
          write(null);
        });
      }, () => refuse(`too many appends waiting for ${aggregate}`));
    };

    return {
      inspect: () => {
        const viewMap = new Map<string, View>();
        for (const key of views.keys()) viewMap.set(key, views.peek(key) as View);
        const eventFolds = new Map<string, View>();
        for (const key of events.keys()) {
          const entry = events.peek(key) as Entry;
          if (!entry.loading) eventFolds.set(key, foldEvents(entry.events));
        }
        return { views: viewMap, eventFolds };
      },
      observe: () => ({ role: 'app', busy: queue.size > 0, logLength: queue.size }),
      onMessage(source, message) {
        switch (message.type) {
          case 'append':
            return append(source, message.requestId, message.event);
          case 'read':
            return read(source, message.requestId, message.aggregate, message.minSeq);
          case 'welcome':
            if (message.epoch === epoch && !ready) {
              ready = true;
              context.log(`epoch ${epoch} registered`);
            }
            return;
          case 'stored':
            if (queue.onStored(message.requestId, message.outcomes)) return;
            calls.answer(message);
            return;
          case 'fenced':
          case 'loaded':
          case 'viewRead':
          case 'cacheHit':
          case 'cacheMiss':
          case 'cacheInvalidated':
            calls.answer(message);
            return;
          default:
            return;
        }
      },
    };
  };
}
