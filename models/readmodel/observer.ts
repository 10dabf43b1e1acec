// What the read-model nodes report while they run, so properties can say *when* something happened
// (a store request that went unanswered, events dropped, a projection rebuilt after a cold start): the
// models call it and never read it back, so it cannot change their behaviour. Verdicts come from the
// clients' history and the durable final state.
import type { View } from './view.js';

export interface ReadModelObserver {
  /** The application sent the acknowledgement of an appended event (the client gets it a message's flight later). */
  acknowledged(eventId: string): void;
  /** A write-behind store request got no answer within storeTimeoutMicros: the database was out of reach. */
  flushTimedOut(): void;
  /** The application gave up on events the database refused (a conflict): they will never be stored. */
  dropped(eventIds: readonly string[], detail: string): void;
  /** The projection worker caught up after a cold start: views rebuilt from its checkpoint and the log after it. */
  rebuilt(position: number, views: ReadonlyMap<string, View>): void;
  /** The projection worker applied an event in order, skipped a duplicate, or applied one across a gap. */
  projected(aggregate: string, seq: number, position: number, outcome: 'applied' | 'duplicate' | 'gap'): void;
}

export const nullReadModelObserver: ReadModelObserver = {
  acknowledged: () => undefined,
  flushTimedOut: () => undefined,
  dropped: () => undefined,
  rebuilt: () => undefined,
  projected: () => undefined,
};
