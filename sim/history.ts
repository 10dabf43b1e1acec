// The client-side history of a run, in the style of Jepsen: each operation is an `invoke` followed by
// at most one completion — `ok` (it took effect), `fail` (it did not) or `info` (unknown: it may or may
// not have taken effect, e.g. the request timed out). Checkers in properties/ read it.
import type { Micros } from './time.js';

export type OperationType = 'invoke' | 'ok' | 'fail' | 'info';

export interface HistoryEvent {
  /** The client process: one operation outstanding at a time. */
  process: number;
  type: OperationType;
  /** The operation's name: `append`, `read`, `write`, `cas`… */
  f: string;
  value: unknown;
  /** Simulated time (true time, not any node's clock). */
  time: Micros;
  /** Which stream or key the operation touches, when the model is partitioned by one. */
  key?: string | undefined;
  /** The server node that answered, for completions. */
  node?: string | undefined;
  /** Why an operation failed or is unknown. */
  error?: string | undefined;
}

/**
 * One name per client everywhere — faults, traces, event ids, reports, violation messages: client
 * process p is the endpoint `c{p+1}`. Scenarios name their clients with `clientIds`.
 */
export function clientId(process: number): string {
  return `c${process + 1}`;
}

export function clientIds(count: number): string[] {
  return Array.from({ length: count }, (_, process) => clientId(process));
}
