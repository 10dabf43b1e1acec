// The application's write-behind queue (the seed's MapStore with write-delay-seconds > 0): an
// acknowledged event waits here until it is stored. Every event is sent to the database at most
// `writeDelayMicros` after it was queued — sooner when a full batch (`writeBatchSize`) is ready — in up
// to four store requests at once, an aggregate in at most one of them, so one aggregate's events reach
// the database in order and a slow round trip does not hold every other aggregate back. A request
// not answered within `storeTimeoutMicros` is sent again (the database recognises the event ids: a
// retry stores nothing twice). The queue lives in memory: a crash or power loss loses it — the loss
// window the durability property measures.
//
// Coalescing keeps only the newest queued write per key (as input, `writeCoalescing=true` is refused: the
// event map is the only map written behind). The event map's key is the
// aggregate, so coalescing it drops every older queued event of that aggregate: the planted bug
// `coalesce-event-map` (with coalescing off the queue never merges anything).
//
// The planted bug `debounce-write-delay` measures the delay from the newest queued event instead of the
// oldest (the timer restarts on every push — a debounce, not a maximum delay): under steady appends the
// oldest event waits far past writeDelayMicros, and a crash loses events older than the bound.
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
  aggregates: Set<string>;
  requestIds: Set<number>;
  timer: TimerHandle | null;
}

/** Store requests in flight at once; one aggregate is in at most one of them, so its events land in order. */
const FLIGHTS_MAX = 4;

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
  private readonly flights = new Set<InFlight>();
  private readonly busy = new Set<string>();
  private timer: TimerHandle | null = null;
  /** When the delay timer fires, on this node's clock. */
  private timerDueMicros = 0;
  /** When the newest event was queued (the planted debounce measures the delay from it). */
  private lastPushMicros = 0;

  constructor(
    private readonly context: NodeContext<ReadModelMessage>,
    private readonly config: ReadModelConfig,
    private readonly target: string,
    private readonly hooks: WriteBehindHooks,
    private readonly debounce = false,
  ) {}

  /** Events acknowledged and not yet stored (queued or in flight). */
  get size(): number {
    let count = this.pending.length;
    for (const flight of this.flights) count += flight.items.length;
    return count;
  }

  /** True when the oldest unstored event is past its delay plus a batch's timeout: the database is behind. */
  overdue(): boolean {
    let oldest = this.pending[0]?.queuedMicros ?? Number.MAX_SAFE_INTEGER;
    for (const flight of this.flights) oldest = Math.min(oldest, flight.items[0]?.queuedMicros ?? oldest);
    return this.context.now() - oldest > this.config.writeDelayMicros + this.config.storeTimeoutMicros;
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
    this.lastPushMicros = this.context.now();
    this.schedule();
  }

  /**
   * Sends batches while one is due — a full batch, or one whose oldest event reached its delay — of events
   * whose aggregates have nothing in flight; else arms the timer for the next one to come due.
   */
  private schedule(): void {
    for (let sent = 0; sent <= FLIGHTS_MAX && this.flights.size < FLIGHTS_MAX; sent++) {
      const eligible = this.pending.filter((each) => !this.busy.has(each.event.aggregate));
      const oldest = eligible[0];
      if (oldest === undefined) return;
      const dueMicros = (this.debounce ? Math.max(oldest.queuedMicros, this.lastPushMicros) : oldest.queuedMicros) + this.config.writeDelayMicros;
      if (eligible.length < this.config.writeBatchSize && dueMicros > this.context.now()) {
        // (Re)arm for the earliest due time: an older event may have just become eligible.
        if (this.timer !== null && (this.debounce ? this.timerDueMicros === dueMicros : this.timerDueMicros <= dueMicros)) return;
        if (this.timer !== null) this.context.cancelTimer(this.timer);
        this.timerDueMicros = dueMicros;
        this.timer = this.context.setTimer(dueMicros - this.context.now(), 'write-behind-delay', () => {
          this.timer = null;
          this.schedule();
        });
        return;
      }
      const batch = new Set(eligible.slice(0, this.config.writeBatchSize));
      this.pending = this.pending.filter((each) => !batch.has(each));
      this.send([...batch]);
    }
  }

  private send(items: Queued[]): void {
    assert(items.length > 0 && this.flights.size < FLIGHTS_MAX, 'write-behind: a non-empty batch within the flight bound');
    const flight: InFlight = { items, aggregates: new Set(items.map((each) => each.event.aggregate)), requestIds: new Set(), timer: null };
    for (const aggregate of flight.aggregates) {
      assert(!this.busy.has(aggregate), `write-behind: ${aggregate} is already in flight`);
      this.busy.add(aggregate);
    }
    this.flights.add(flight);
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

  /** The database's answer to a store request; returns false when it answers no batch in flight. */
  onStored(requestId: number, outcomes: readonly StoreOutcome[]): boolean {
    const flight = [...this.flights].find((each) => each.requestIds.has(requestId));
    if (flight === undefined) return false;
    if (flight.timer !== null) this.context.cancelTimer(flight.timer);
    this.flights.delete(flight);
    for (const aggregate of flight.aggregates) this.busy.delete(aggregate);
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
