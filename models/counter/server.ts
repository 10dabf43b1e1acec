// The demo counter node: a fixture that exercises the kernel end to end (messages, timers, disk with
// fsync, crashes, restarts) before the real models. It keeps one durable counter: increments are
// applied one at a time, each written, fsynced, and only then acknowledged with its new value. Values alternate between two
// 8-byte slots, so a write torn by a power loss damages only the slot being written, never the
// previous (acknowledged) value in the other slot.
import { assert } from '../../sim/assert.js';
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import type { CounterMessage } from './messages.js';

export const COUNTER_FILE = 'counter';

export const counterBugs = {
  'ack-before-fsync': 'acknowledge an increment as soon as it is written, before the fsync completes',
  'mute-after-restart': 'after a restart from a non-empty disk, never answer pings again',
} as const;

export type CounterBug = keyof typeof counterBugs;

/** 4 bytes value + 4 bytes its bitwise complement, so a torn or flipped record reads as zero. */
export function encodeCounter(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, value >>> 0);
  view.setUint32(4, ~value >>> 0);
  return bytes;
}

export function decodeCounter(bytes: Uint8Array): number {
  if (bytes.length < 8) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const value = view.getUint32(0);
  return view.getUint32(4) === ~value >>> 0 ? value : 0;
}

export interface CounterNode extends NodeBehaviour<CounterMessage> {
  readonly value: number;
}

export function counterServer(bugs: ReadonlySet<string>) {
  return (context: NodeContext<CounterMessage>): CounterNode => {
    const recovered = Math.max(decodeCounter(context.disk.read(COUNTER_FILE, 0, 8)), decodeCounter(context.disk.read(COUNTER_FILE, 8, 8)));
    const restartedFromDisk = context.disk.size(COUNTER_FILE) > 0;
    if (restartedFromDisk) context.cover('restarted-from-disk');
    let value = recovered;
    assert(value >= 0, 'counter is never negative');
    // What a restart reads may be written but never synced (a process crash keeps the page cache). Serve
    // no increment until it is durable: the next write goes to the other slot, and a power loss before
    // then would take the unsynced value and the slot of the last acknowledged one together.
    let recoveredDurable = !restartedFromDisk;
    if (restartedFromDisk) context.disk.fsync(COUNTER_FILE, () => (recoveredDurable = true));
    // One write in flight at a time: with two slots, a second unsynced write would land on the slot that
    // holds the last durable value, and one power loss could then take both.
    const waiting: { source: string; requestId: number }[] = [];
    let writing = false;
    const writeNext = (): void => {
      const next = waiting.shift();
      if (next === undefined) {
        writing = false;
        return;
      }
      writing = true;
      value += 1;
      const acknowledged = value;
      context.disk.write(COUNTER_FILE, (acknowledged % 2) * 8, encodeCounter(acknowledged));
      const reply = (): void => context.send(next.source, { type: 'incrOk', requestId: next.requestId, value: acknowledged });
      if (bugs.has('ack-before-fsync')) {
        reply();
        context.disk.fsync(COUNTER_FILE, () => undefined);
        writeNext();
      } else {
        context.disk.fsync(COUNTER_FILE, () => {
          reply();
          writeNext();
        });
      }
    };
    return {
      get value() {
        return value;
      },
      onMessage(source, message) {
        if (message.type === 'incr') {
          if (!recoveredDurable) return; // the client times out and records an unknown outcome
          waiting.push({ source, requestId: message.requestId });
          assert(waiting.length <= 100_000, 'increment queue is bounded (clients keep one request outstanding)');
          if (!writing) writeNext();
          return;
        }
        if (message.type === 'ping') {
          if (bugs.has('mute-after-restart') && restartedFromDisk) return;
          context.send(source, { type: 'pong', requestId: message.requestId });
        }
      },
    };
  };
}
