// A user's own model, written only against faultline's public exports: a single-node register store.
// The server keeps one integer register in an append-only file of 8-byte records (value, then its
// bitwise complement, so a torn or flipped record reads as invalid); recovery takes the last valid
// record. A write is appended, fsynced and only then acknowledged. Clients write unique values and
// read them back, one operation outstanding each, with a timeout.
//
// Planted bug `ack-before-fsync`: acknowledge a write as soon as it is appended, before the fsync. A
// power loss then drops a write the client was told is durable, and a later read returns an older value.
import type { NodeBehaviour, NodeContext } from 'faultline';

export const registerFile = 'register.log';

export const registerBugs = {
  'ack-before-fsync': 'acknowledge a write once appended, before the fsync that makes it durable',
} as const;

export type RegisterMessage =
  | { type: 'write'; requestId: number; value: number }
  | { type: 'read'; requestId: number }
  | { type: 'writeOk'; requestId: number }
  | { type: 'readOk'; requestId: number; value: number | null };

function encode(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, value >>> 0);
  view.setUint32(4, ~value >>> 0);
  return bytes;
}

/**
 * Scans the records from the start and keeps those up to the first invalid one: a power loss may
 * leave a torn record at the end, which is cut off so that the next append starts on a record boundary.
 * Returns the last valid value, or null when the file holds none.
 */
function recover(context: NodeContext<RegisterMessage>): number | null {
  const size = context.disk.exists(registerFile) ? context.disk.size(registerFile) : 0;
  let value: number | null = null;
  let offset = 0;
  for (; offset + 8 <= size; offset += 8) {
    const bytes = context.disk.read(registerFile, offset, 8);
    const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
    if (view.getUint32(4) !== ~view.getUint32(0) >>> 0) break;
    value = view.getUint32(0);
  }
  if (offset < size) context.disk.truncate(registerFile, offset);
  return value;
}

export interface RegisterServer extends NodeBehaviour<RegisterMessage> {
  readonly value: number | null;
}

export function registerServer(bugs: ReadonlySet<string>) {
  return (context: NodeContext<RegisterMessage>): RegisterServer => {
    // Reads see the latest durable write only: serving a value still in the page cache would let a
    // power loss take back what a reader already saw. Fsyncs may complete out of order, so the file
    // offset, not the completion order, says which durable write is the latest.
    let value = recover(context);
    let valueOffset = -1;
    const durable = (offset: number, written: number): void => {
      if (offset <= valueOffset) return;
      valueOffset = offset;
      value = written;
    };
    return {
      get value() {
        return value;
      },
      onMessage(source, message) {
        if (message.type === 'read') {
          context.send(source, { type: 'readOk', requestId: message.requestId, value });
          return;
        }
        if (message.type !== 'write') return;
        const written = message.value;
        const offset = context.disk.append(registerFile, encode(written));
        const reply = (): void => context.send(source, { type: 'writeOk', requestId: message.requestId });
        if (bugs.has('ack-before-fsync')) {
          durable(offset, written);
          reply();
          context.disk.fsync(registerFile, () => undefined);
        } else {
          context.disk.fsync(registerFile, () => {
            durable(offset, written);
            reply();
          });
        }
      },
    };
  };
}

export interface RegisterClientConfig {
  process: number;
  intervalMicros: number;
  timeoutMicros: number;
}

/** Alternates writes of unique values with reads; every operation is recorded in the history. */
export function registerClient(config: RegisterClientConfig) {
  return (context: NodeContext<RegisterMessage>): NodeBehaviour<RegisterMessage> => {
    let requestIdNext = 1;
    let writesIssued = 0;
    let outstanding: { requestId: number; f: 'read' | 'write'; value: number | null; timer: ReturnType<typeof context.setTimer> } | null = null;
    const server = context.nodes[0] as string;

    const issue = (): void => {
      const requestId = requestIdNext++;
      const f = context.random.chance(1, 2) ? 'write' : 'read';
      const value = f === 'write' ? config.process * 1_000_000 + ++writesIssued : null;
      context.record({ process: config.process, type: 'invoke', f, value });
      const timer = context.setTimer(config.timeoutMicros, 'client-timeout', () => {
        context.record({ process: config.process, type: 'info', f, value, error: 'timeout' });
        outstanding = null;
        next();
      });
      outstanding = { requestId, f, value, timer };
      context.send(server, f === 'write' ? { type: 'write', requestId, value: value as number } : { type: 'read', requestId });
    };
    const next = (): void => {
      context.setTimer(context.random.intInclusive(1, config.intervalMicros), 'client-think', issue);
    };

    next();
    return {
      onMessage(source, message) {
        if (outstanding === null || !('requestId' in message) || message.requestId !== outstanding.requestId) return;
        if (message.type !== 'writeOk' && message.type !== 'readOk') return;
        context.cancelTimer(outstanding.timer);
        const value = message.type === 'readOk' ? message.value : outstanding.value;
        context.record({ process: config.process, type: 'ok', f: outstanding.f, value, node: source });
        outstanding = null;
        next();
      },
    };
  };
}
