// The application's write-behind queue (the seed's MapStore with write-delay-seconds > 0): an
// acknowledged event waits here until it is stored. Every event is sent to the database at most
// `writeDelayMicros` after it was queued — sooner when a full batch (`writeBatchSize`) is ready — one
// store request in flight at a time, so one aggregate's events reach the database in order. A request
// not answered within `storeTimeoutMicros` is sent again (the database recognises the event ids: a
// retry stores nothing twice). The queue lives in memory: a crash or power loss loses it — the loss
// window the durability property measures.
//
// Coalescing (`writeCoalescing`) keeps only the newest queued write per key. The event map's key is the
// aggregate, so coalescing it drops every older queued event of that aggregate: the planted bug
// `coalesce-event-map` (with coalescing off the queue never merges anything).
import { assert } from '../../sim/assert.js';
import type { NodeContext, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { ReadModelConfig } from './config.js';
import type { ReadModelMessage, StoreGroup, StoreOutcome } from './messages.js';
import type { ReadModelEvent } from './view.js';

interface Queued {
  event: ReadModelEvent;
  queuedMicros: Micros;
}

interface InFlight {
  items: Queued[];
  requestIds: Set<number>;
  timer: TimerHandle;
}

export interface WriteBehindHooks {
  /** A stored event (or one coalesced away: its write was replaced) no longer pins its aggregate. */
  settled(event: ReadModelEvent): void;
  /** Events the database refused (a conflict): they will never be stored. */
  dropped(events: readonly ReadModelEvent[], detail: string): void;
  flushTimedOut(): void;
  nextRequestId(): number;
  epoch(): number;
}

export class WriteBehindQueue {
  private pending: Queued[] = [];
  private inFlight: InFlight | null = null;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly context: NodeContext<ReadModelMessage>,
    private readonly config: ReadModelConfig,
    private readonly target: string,
    private readonly hooks: WriteBehindHooks,
  ) {}

  /** Events acknowledged and not yet stored (queued or in flight). */
  get size(): number {
    return this.pending.length + (this.inFlight?.items.length ?? 0);
  }

  /** True when the oldest unstored event is past its delay plus a batch's timeout: the database is behind. */
  overdue(): boolean {
    const oldest = this.inFlight?.items[0] ?? this.pending[0];
    if (oldest === undefined) return false;
    return this.context.now() - oldest.queuedMicros > this.config.writeDelayMicros + this.config.storeTimeoutMicros;
  }

  push(event: ReadModelEvent): void {
    if (this.config.writeCoalescing) {
      // Coalescing by map key (the aggregate): older queued writes of the key are replaced by this one.
      const replaced = this.pending.filter((each) => each.event.aggregate === event.aggregate);
      if (replaced.length > 0) {
        this.pending = this.pending.filter((each) => each.event.aggregate !== event.aggregate);
        for (const each of replaced) this.hooks.settled(each.event);
      }
    }
    this.pending.push({ event, queuedMicros: this.context.now() });
    this.schedule();
  }

  /** Sends a batch when one is due (full, or its oldest event at its delay) and none is in flight; else arms the timer. */
  private schedule(): void {
    if (this.inFlight !== null) return;
    const oldest = this.pending[0];
    if (oldest === undefined) return;
    const dueMicros = oldest.queuedMicros + this.config.writeDelayMicros;
    if (this.pending.length >= this.config.writeBatchSize || dueMicros <= this.context.now()) {
      this.send(this.pending.splice(0, this.config.writeBatchSize));
      return;
    }
    if (this.timer !== null) return;
    this.timer = this.context.setTimer(dueMicros - this.context.now(), 'write-behind-delay', () => {
      this.timer = null;
      this.schedule();
    });
  }

  private send(items: Queued[]): void {
    assert(items.length > 0 && this.inFlight === null, 'write-behind: one non-empty batch in flight');
    if (this.timer !== null) this.context.cancelTimer(this.timer);
    this.timer = null;
    const flight: InFlight = { items, requestIds: new Set(), timer: null as unknown as TimerHandle };
    this.inFlight = flight;
    this.transmit(flight);
  }

  private transmit(flight: InFlight): void {
    const requestId = this.hooks.nextRequestId();
    flight.requestIds.add(requestId);
    this.context.send(this.target, { type: 'store', requestId, epoch: this.hooks.epoch(), groups: groupsOf(flight.items.map((each) => each.event)) });
    flight.timer = this.context.setTimer(this.config.storeTimeoutMicros, 'write-behind-timeout', () => {
      this.hooks.flushTimedOut();
      this.transmit(flight);
    });
  }

  /** The database's answer to a store request; returns false when it is not for the batch in flight. */
  onStored(requestId: number, outcomes: readonly StoreOutcome[]): boolean {
    const flight = this.inFlight;
    if (flight === null || !flight.requestIds.has(requestId)) return false;
    this.context.cancelTimer(flight.timer);
    this.inFlight = null;
    const refused = new Map<string, string>();
    for (const outcome of outcomes) if (!outcome.ok) refused.set(outcome.aggregate, outcome.detail);
    const lost: ReadModelEvent[] = [];
    for (const item of flight.items) {
      if (refused.has(item.event.aggregate)) lost.push(item.event);
      this.hooks.settled(item.event);
    }
    if (lost.length > 0) this.hooks.dropped(lost, [...refused.values()].join('; '));
    this.schedule();
    return true;
  }
}

/** Events grouped by aggregate, each group in sequence order, groups in order of first appearance. */
export function groupsOf(events: readonly ReadModelEvent[]): StoreGroup[] {
  const groups = new Map<string, ReadModelEvent[]>();
  for (const event of events) {
    let group = groups.get(event.aggregate);
    if (group === undefined) {
      group = [];
      groups.set(event.aggregate, group);
    }
    group.push(event);
  }
  return [...groups].map(([aggregate, list]) => ({ aggregate, events: list }));
}
