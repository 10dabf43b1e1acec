// The end-of-run read of a node's log store, shared by every scenario whose model keeps one (the log
// store itself, the saga's ledgers and decision log, the read model's event table): the node's disk as a
// restart would find it now, opened read-only — any write is an assertion failure — and recovered
// without repairing anything.
import { assert } from '../sim/assert.js';
import type { NodeDisk } from '../sim/node.js';
import type { Simulation } from '../sim/simulation.js';
import { LogStore, type LogStoreOptions, type RecoveryReport, type StoredEvent } from '../models/logstore/index.js';

export interface RecoveredStore {
  report: RecoveryReport;
  /** Every event the recovery keeps, in position order. */
  events: StoredEvent[];
}

export function recoverReadOnly(simulation: Simulation, node: string, options: Omit<LogStoreOptions, 'readOnly'>): RecoveredStore {
  const disk = simulation.diskOf(node);
  const refuse = (): never => assert(false, `the final read of ${node}'s disk is read-only`) as never;
  const view: NodeDisk = { exists: (name) => disk.exists(name), list: () => disk.list(), size: (name) => disk.size(name), read: (name, offset, length) => disk.read(name, offset, length), write: refuse, append: refuse, truncate: refuse, remove: refuse, fsync: refuse };
  const store = new LogStore(view, { ...options, readOnly: true });
  const report = store.recover();
  const all = store.readAll(0);
  assert(all.ok, 'a read-only recovery is never unavailable');
  return { report, events: all.events };
}
