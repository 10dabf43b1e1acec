// Records what the read-model nodes report (models/readmodel/observer.ts) with true simulated time:
// store requests that went unanswered, events the application gave up on, projections rebuilt after a
// cold start, and events a projection applied across a gap or skipped as duplicates. The checkers
// judge the history and the durable final state; this timeline says *when* things happened.
import type { ReadModelObserver } from '../../models/readmodel/observer.js';
import type { View } from '../../models/readmodel/view.js';
import type { Micros } from '../../sim/time.js';

export interface Rebuild {
  atMicros: Micros;
  position: number;
  views: ReadonlyMap<string, View>;
}

/** Gaps and drops kept at most (the first ones explain a failure; the rest add nothing). */
const KEPT_MAX = 1_000;

export class ReadModelRecorder implements ReadModelObserver {
  readonly flushTimeouts: Micros[] = [];
  readonly drops: { atMicros: Micros; eventIds: readonly string[]; detail: string }[] = [];
  readonly rebuilds: Rebuild[] = [];
  readonly gaps: { atMicros: Micros; aggregate: string; seq: number; position: number }[] = [];
  duplicates = 0;
  /** When the application sent each acknowledgement, by event id. */
  readonly acknowledgements = new Map<string, Micros>();

  constructor(private readonly now: () => Micros) {}

  acknowledged(eventId: string): void {
    this.acknowledgements.set(eventId, this.now());
  }

  flushTimedOut(): void {
    if (this.flushTimeouts.length < KEPT_MAX) this.flushTimeouts.push(this.now());
  }

  dropped(eventIds: readonly string[], detail: string): void {
    if (this.drops.length < KEPT_MAX) this.drops.push({ atMicros: this.now(), eventIds: [...eventIds], detail });
  }

  rebuilt(position: number, views: ReadonlyMap<string, View>): void {
    if (this.rebuilds.length < KEPT_MAX) this.rebuilds.push({ atMicros: this.now(), position, views });
  }

  projected(aggregate: string, seq: number, position: number, outcome: 'applied' | 'duplicate' | 'gap'): void {
    if (outcome === 'duplicate') this.duplicates++;
    if (outcome === 'gap' && this.gaps.length < KEPT_MAX) this.gaps.push({ atMicros: this.now(), aggregate, seq, position });
  }

  /** Whether a store request went unanswered between two times (inclusive). */
  flushTimedOutBetween(fromMicros: Micros, toMicros: Micros): boolean {
    return this.flushTimeouts.some((at) => at >= fromMicros && at <= toMicros);
  }

  droppedDetail(eventId: string): { atMicros: Micros; detail: string } | null {
    const drop = this.drops.find((each) => each.eventIds.includes(eventId));
    return drop === undefined ? null : { atMicros: drop.atMicros, detail: drop.detail };
  }
}
