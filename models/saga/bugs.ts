// The saga model's planted bugs: named, off by default, switched on with `--bug NAME`. Each breaks one
// guarantee of the coordinator or a service, and a property of properties/saga catches each (pinned by
// scenarios/saga.test.ts) — a property that no planted bug can trip is not trusted.
export const sagaBugs = {
  'non-idempotent-refund': 'payment: a refund is applied on every delivery (retry or duplicate), with no idempotency check',
  'no-dedup-on-retry': 'payment: a charge is applied on every delivery (retry or duplicate): the customer is charged twice',
  'saga-state-in-memory': 'coordinator: saga progress lives in memory only; after a restart in-flight sagas are not resumed',
  'compensate-in-wrong-order': 'coordinator: compensations run in step order (release, refund, restock, retract) instead of in reverse',
  'ack-step-before-persist': 'coordinator: acts on a decision (acknowledges the order, sends the next request) before its record is durable',
  'compensation-not-retried': 'coordinator: a compensation whose request times out is given up (recorded as done) instead of retried',
} as const;

export type SagaBug = keyof typeof sagaBugs;
