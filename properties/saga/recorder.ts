// Records what the saga nodes report (models/saga/observer.ts) with true simulated time, per order: the
// entries services made durable, the coordinator's decisions, recoveries and ends. The checkers judge
// the durable final state; this timeline only says *when* things happened, for explanations and for
// the time-aware parts (notices before compensations, ends after the heal, orders forgotten by a restart).
import type { SagaObserver } from '../../models/saga/observer.js';
import type { Action } from '../../models/saga/order.js';
import type { Micros } from '../../sim/time.js';

export interface TimelineEntry {
  atMicros: Micros;
  node: string;
  /** Service entries: the action and its effect; coordinator decisions: null. */
  action: Action | null;
  outcome: string;
  effect: number;
  text: string;
}

export interface Recovery {
  atMicros: Micros;
  node: string;
  known: ReadonlySet<string>;
  resumed: readonly string[];
}

export class SagaRecorder implements SagaObserver {
  readonly timeline = new Map<string, TimelineEntry[]>();
  readonly ends = new Map<string, { atMicros: Micros; outcome: 'completed' | 'compensated' }>();
  readonly recoveries: Recovery[] = [];

  constructor(private readonly now: () => Micros) {}

  applied(node: string, orderId: string, action: Action, outcome: string, effect: number): void {
    this.push(orderId, { atMicros: this.now(), node, action, outcome, effect, text: `${node} ${action} ${outcome}${effect > 0 && action !== 'confirm' && action !== 'retract' && action !== 'notifyFailure' ? ` (${effect})` : effect === 0 && outcome === 'ok' ? ' (nothing to undo)' : ''}` });
  }

  decided(orderId: string, decision: string): void {
    this.push(orderId, { atMicros: this.now(), node: 'coordinator', action: null, outcome: '', effect: 0, text: `coordinator: ${decision}` });
  }

  recovered(node: string, known: readonly string[], resumed: readonly string[]): void {
    this.recoveries.push({ atMicros: this.now(), node, known: new Set(known), resumed });
  }

  ended(orderId: string, outcome: 'completed' | 'compensated'): void {
    if (!this.ends.has(orderId)) this.ends.set(orderId, { atMicros: this.now(), outcome });
  }

  entriesOf(orderId: string): readonly TimelineEntry[] {
    return this.timeline.get(orderId) ?? [];
  }

  private push(orderId: string, entry: TimelineEntry): void {
    let entries = this.timeline.get(orderId);
    if (entries === undefined) {
      entries = [];
      this.timeline.set(orderId, entries);
    }
    entries.push(entry);
  }
}
