// view-equals-fold: after the quiet period every view the system would serve equals the fold of the
// database's events of its aggregate (the async projection worker's views, or the application's view
// map with inline projection), and every cold-start rebuild of the projection produced, at the position
// it caught up to, exactly the fold of the events up to that position. A projection that skipped an
// event shows fewer events than its sequence number says; one that applied an event twice, more.
// The database's own table is checked first: each aggregate's events carry seq 1, 2, … in order.
// Does not verify: views read before the quiet period (no-stale-read judges those).
import { describeView, foldEvents, sameView, type ReadModelEvent, type View } from '../../models/readmodel/view.js';
import { formatMicros } from '../../sim/time.js';
import type { Violation } from '../violation.js';
import type { ReadModelRecorder } from './recorder.js';

export interface StoredEvent {
  position: number;
  event: ReadModelEvent;
}

export interface ViewsInput {
  /** The database's final event table, in position order. */
  table: readonly StoredEvent[];
  /** The views to judge at the end, by who holds them; null: that holder had none to show (not caught up). */
  finalViews: { holder: string; views: ReadonlyMap<string, View> | null }[];
  recorder: ReadModelRecorder;
}

const VIOLATIONS_MAX = 5;

export function viewEqualsFold(input: ViewsInput): Violation[] {
  const violations: Violation[] = [];
  const push = (violation: Violation): void => {
    if (violations.length < VIOLATIONS_MAX) violations.push(violation);
  };
  const byAggregate = eventsByAggregate(input.table);
  for (const [aggregate, events] of byAggregate) {
    const broken = events.findIndex((event, index) => event.seq !== index + 1);
    if (broken >= 0) push({ property: 'view-equals-fold', kind: 'correctness', message: `the database's events of ${aggregate} are not numbered 1, 2, …: position ${broken + 1} holds seq ${events[broken]?.seq}` });
  }
  for (const { holder, views } of input.finalViews) {
    if (views === null) {
      push({ property: 'view-equals-fold', kind: 'liveness', message: `${holder} had not caught up with the database by the end of the quiet period: no views to serve` });
      continue;
    }
    for (const aggregate of new Set([...byAggregate.keys(), ...views.keys()])) {
      const expected = foldEvents(byAggregate.get(aggregate) ?? []);
      const actual = views.get(aggregate);
      if (actual === undefined) {
        // Views the holder does not hold (evicted, never read) are not served from it; an async projection holds every aggregate.
        if (holder === 'projector' && expected.seq > 0) push({ property: 'view-equals-fold', kind: 'correctness', message: `projector has no view of ${aggregate} at the end, but the database's events fold to ${describeView(expected)}` });
        continue;
      }
      if (!sameView(actual, expected)) push({ property: 'view-equals-fold', kind: 'correctness', message: `${holder}'s view of ${aggregate} at the end is ${describeView(actual)}, but the database's events fold to ${describeView(expected)}${explainGap(input.recorder, aggregate)}` });
    }
  }
  for (const rebuild of input.recorder.rebuilds) {
    const upTo = eventsByAggregate(input.table.filter((each) => each.position <= rebuild.position));
    for (const aggregate of new Set([...upTo.keys(), ...rebuild.views.keys()])) {
      const expected = foldEvents(upTo.get(aggregate) ?? []);
      const actual = rebuild.views.get(aggregate) ?? foldEvents([]);
      if (!sameView(actual, expected)) {
        push({ property: 'view-equals-fold', kind: 'correctness', atMicros: rebuild.atMicros, message: `the projection rebuilt after a cold start (caught up to position ${rebuild.position} at ${formatMicros(rebuild.atMicros)}) shows ${aggregate} as ${describeView(actual)}, but the events up to that position fold to ${describeView(expected)}${explainGap(input.recorder, aggregate)}` });
        break;
      }
    }
  }
  return violations;
}

export function eventsByAggregate(table: readonly StoredEvent[]): Map<string, ReadModelEvent[]> {
  const map = new Map<string, ReadModelEvent[]>();
  for (const { event } of table) {
    let list = map.get(event.aggregate);
    if (list === undefined) {
      list = [];
      map.set(event.aggregate, list);
    }
    list.push(event);
  }
  return map;
}

function explainGap(recorder: ReadModelRecorder, aggregate: string): string {
  const gap = recorder.gaps.find((each) => each.aggregate === aggregate);
  return gap === undefined ? '' : ` (the projection jumped to seq ${gap.seq} at position ${gap.position} at ${formatMicros(gap.atMicros)}: the events before it were skipped)`;
}
