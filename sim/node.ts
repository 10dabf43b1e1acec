// What a model sees of the world: a host-shaped capability — its id, its own clock, messages, timers,
// its disk, its own random stream, a history recorder (clients) and a log line for the trace — and
// nothing else. A node is built by a factory, so a restart rebuilds it from its disk alone.
import type { FsyncResult } from './disk.js';
import type { HistoryEvent } from './history.js';
import type { Random } from './random.js';
import type { Micros } from './time.js';

export interface Message {
  /** Names the message kind in the trace and the trace hash. */
  readonly type: string;
}

export interface TimerHandle {
  readonly time: Micros;
}

export interface NodeDisk {
  exists(name: string): boolean;
  list(): string[];
  size(name: string): number;
  read(name: string, offset: number, length: number): Uint8Array;
  write(name: string, offset: number, data: Uint8Array): void;
  /** Appends at the current end of the file; returns the offset written at. */
  append(name: string, data: Uint8Array): number;
  truncate(name: string, size: number): void;
  remove(name: string): void;
  /** Makes every write to `name` issued so far durable, then calls `done` (unless the process died). */
  fsync(name: string, done: (result: FsyncResult) => void): void;
}

export interface NodeContext<M extends Message = Message> {
  readonly id: string;
  /** Every server node id, in a fixed order. */
  readonly nodes: readonly string[];
  readonly clients: readonly string[];
  readonly random: Random;
  readonly disk: NodeDisk;
  /** This node's own clock (offset and drift apply). */
  now(): Micros;
  send(target: string, message: M): void;
  /** Fires after `delayMicros` of this node's clock, unless cancelled or the process dies. */
  setTimer(delayMicros: Micros, label: string, fire: () => void): TimerHandle;
  cancelTimer(handle: TimerHandle): void;
  /**
   * Appends a client operation event to the history, stamped with the simulated time. The object is
   * kept as given (the kernel sets its `time`), so pass a fresh object and do not change it afterwards;
   * building it with every field present, `time: 0` included, keeps all history events one shape, which
   * the checkers read faster.
   */
  record(event: Omit<HistoryEvent, 'time'> & { time?: number }): void;
  log(text: string): void;
  /**
   * Marks a coverage goal ("sometimes" assertion) as reached in this run: a dangerous path the model
   * took, e.g. `suffix-truncated`. Counted per run, never hashed, never changes what executes.
   */
  cover(goal: string): void;
}

/**
 * What a node shows of itself to targeted faults and to the timeline: a role, a term, log lengths.
 * Plain data read at the moment it is asked for; reading it must not change the node.
 */
export interface Observation {
  /** e.g. 'primary', 'follower', 'candidate', 'coordinator'. */
  readonly role: string;
  readonly term?: number;
  /** Entries in the node's durable log (or records in its store). */
  readonly logLength?: number;
  /** Entries known committed. */
  readonly commitLength?: number;
  /** True while the node is in the middle of a multi-step action (e.g. a saga step awaiting a reply). */
  readonly busy?: boolean;
}

export interface NodeBehaviour<M extends Message = Message> {
  onMessage?(source: string, message: M): void;
  /** The node's observable state, for protocol-aware faults and timelines. Optional. */
  observe?(): Observation;
}

export type NodeFactory<M extends Message = Message> = (context: NodeContext<M>) => NodeBehaviour<M>;
