// The projection worker (Marten's async projections, the seed's Jet pipeline): it polls the
// database's log from its position, folds each event into its aggregate's view, and every
// `checkpointEvery` applied events writes a durable checkpoint — the position and the views as of that
// position, one record in a log store on its own disk. A cold start (crash, power loss) loads the last
// checkpoint and replays the log after it; views are served only once the worker has caught up with
// what the database had committed when it started, and a read waits until the aggregate's view holds
// the reader's own last write (`minSeq`), so a reader never sees the projection go back in time.
//
// The planted bug `checkpoint-before-apply` records the position past a batch before applying it:
// a crash in between resumes after events the views never saw.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import { LogStore, ScanCache } from '../logstore/index.js';
import { Calls } from './calls.js';
import { DATABASE, type ReadModelConfig } from './config.js';
import type { ReadModelMessage } from './messages.js';
import type { ReadModelObserver } from './observer.js';
import { emptyView, type ReadModelEvent, type View } from './view.js';

const CHECKPOINT_STREAM = 'checkpoint';
/** Reads waiting for the views to catch up: past it the oldest is dropped (the app times it out). */
const WAITING_READS_MAX = 256;

interface Checkpoint {
  position: number;
  views: [string, View][];
}

export interface ProjectorNode extends NodeBehaviour<ReadModelMessage> {
  views(): ReadonlyMap<string, View> | null;
  position(): number;
}

export function projectorNode(config: ReadModelConfig, bugs: ReadonlySet<string>, observer: ReadModelObserver, scanCache: ScanCache = new ScanCache()) {
  const checkpointFirst = bugs.has('checkpoint-before-apply');
  return (context: NodeContext<ReadModelMessage>): ProjectorNode => {
    const store = new LogStore(context.disk, { durability: 'fsync', timers: context, scanCache, log: (text) => context.log(text) });
    const calls = new Calls(context);
    let views: Map<string, View> | null = null;
    let position = 0;
    /** The database's committed position when this incarnation first heard from it: serve once past it. */
    let catchUpTo: number | null = null;
    let caughtUp = false;
    let coldStart = false;
    let sinceCheckpoint = 0;
    let checkpointing = false;
    let polling = false;
    const waiting: { source: string; requestId: number; aggregate: string; minSeq: number }[] = [];

    const writeCheckpoint = (checkpoint: Checkpoint): void => {
      checkpointing = true;
      sinceCheckpoint = 0;
      store.append(CHECKPOINT_STREAM, [{ id: `checkpoint-${checkpoint.position}-${context.now()}`, type: 'checkpoint', data: checkpoint }], 'any', () => {
        checkpointing = false;
      });
    };

    const snapshot = (at: number): Checkpoint => ({ position: at, views: [...(views ?? new Map<string, View>())].map(([key, view]) => [key, { ...view }]) });

    const apply = (event: ReadModelEvent, at: number): void => {
      const current = views?.get(event.aggregate) ?? emptyView;
      if (event.seq <= current.seq) {
        observer.projected(event.aggregate, event.seq, at, 'duplicate');
      } else {
        // Applied even across a gap: a projection that skipped an event shows it in the view (count ≠ seq).
        observer.projected(event.aggregate, event.seq, at, event.seq === current.seq + 1 ? 'applied' : 'gap');
        views?.set(event.aggregate, { seq: event.seq, count: current.count + 1, total: current.total + event.amount });
      }
    };

    const serveWaiting = (): void => {
      if (!caughtUp || views === null) return;
      for (let index = 0; index < waiting.length; ) {
        const read = waiting[index] as (typeof waiting)[number];
        const view = views.get(read.aggregate) ?? emptyView;
        if (view.seq >= read.minSeq) {
          context.send(read.source, { type: 'viewRead', requestId: read.requestId, view });
          waiting.splice(index, 1);
        } else index++;
      }
    };

    const poll = (): void => {
      if (polling) return;
      polling = true;
      calls.call(DATABASE, (requestId) => ({ type: 'poll', requestId, afterPosition: position, max: config.pollBatchMax }), config.storeTimeoutMicros, (reply) => {
        polling = false;
        if (reply.type !== 'polled' || reply.throughPosition < position) return again();
        // A reply to a poll from an earlier position than ours (cannot happen: one poll at a time) is ignored.
        const batch = reply.events.filter((each) => each.position > position);
        if (checkpointFirst && batch.length > 0 && sinceCheckpoint + batch.length >= config.checkpointEvery && !checkpointing) writeCheckpoint(snapshot(reply.throughPosition));
        for (const each of batch) apply(each.event, each.position);
        sinceCheckpoint += batch.length;
        position = Math.max(position, reply.throughPosition);
        if (!checkpointFirst && sinceCheckpoint >= config.checkpointEvery && !checkpointing) writeCheckpoint(snapshot(position));
        if (catchUpTo === null) catchUpTo = reply.committedPosition;
        if (!caughtUp && position >= catchUpTo) {
          caughtUp = true;
          if (coldStart) {
            context.cover('projection-rebuilt');
            observer.rebuilt(position, new Map(views ?? []));
          }
        }
        serveWaiting();
        // More to read: poll again at once; else wait a poll interval.
        if (reply.throughPosition < reply.committedPosition) return poll();
        again();
      }, () => {
        polling = false;
        again();
      });
    };
    const again = (): void => void context.setTimer(config.pollMicros, 'poll', poll);

    store.recover(() => {
      const version = store.highestVersion(CHECKPOINT_STREAM);
      const last = typeof version === 'number' && version > 0 ? store.readStream(CHECKPOINT_STREAM, version, 1) : null;
      const checkpoint = last !== null && last.ok ? (last.events[0]?.data as Checkpoint | undefined) : undefined;
      views = new Map(checkpoint?.views ?? []);
      position = checkpoint?.position ?? 0;
      coldStart = store.committedPosition > 0;
      poll();
    });

    return {
      views: () => (caughtUp ? views : null),
      position: () => position,
      observe: () => ({ role: 'projector', logLength: position, busy: checkpointing }),
      onMessage(source, message) {
        if (message.type === 'polled') {
          calls.answer(message);
          return;
        }
        if (message.type !== 'readView') return;
        if (waiting.length >= WAITING_READS_MAX) waiting.shift();
        waiting.push({ source, requestId: message.requestId, aggregate: message.aggregate, minSeq: message.minSeq });
        serveWaiting();
      },
    };
  };
}
