// A log store client: one operation outstanding at a time, each with a timeout, recorded in the
// history Jepsen-style. Appends go to random streams with expected versions (mostly the version it
// last saw, sometimes `any` / `no_stream` / `stream_exists`) and are retried with the *same* event ids
// and expectation after a timeout or an `unavailable` answer, so idempotency is exercised across
// crashes. Reads, reads of the whole log and journal deletes are mixed in.
//
// History values (what properties/logstore reads):
//   append  invoke {streamId, expected, events: [{id, type, data}]}     ok {firstVersion, lastVersion, firstPosition, lastPosition, idempotent}
//   read    invoke {streamId, fromVersion, maxCount}              ok {version, deletedTo, events: EventView[]}
//   readAll invoke {afterPosition, maxCount}                      ok {committedPosition, corrupt, events: EventView[]}
//   deleteTo invoke {streamId, toVersion}                         ok null
// A `fail` means the operation certainly did not take effect; `info` means it may have.
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { EventData } from './codec.js';
import type { LogStoreMessage } from './messages.js';
import type { ExpectedVersion } from './store.js';

export interface LogStoreWorkload {
  streamCount: number;
  /** Think time before each operation is drawn from [1, thinkMicrosMax]. */
  thinkMicrosMax: Micros;
  timeoutMicros: Micros;
  /** Retries of one append (same ids) after a timeout or `unavailable`. */
  retriesMax: number;
  batchEventsMax: number;
  /** Operation mix in percent; the rest of 100 are appends. */
  readPercent: number;
  readAllPercent: number;
  deletePercent: number;
  /** No new operation is started from this time on (retries neither). */
  stopMicros: Micros;
}

export interface LogStoreClientConfig extends LogStoreWorkload {
  process: number;
  server: string;
}

type Outstanding = { requestId: number; f: 'append' | 'read' | 'readAll' | 'deleteTo'; timer: TimerHandle; retry: Retry | null; key: string | undefined };
type Retry = { streamId: string; expected: ExpectedVersion; events: EventData[]; attempt: number };

export function logStoreClient(config: LogStoreClientConfig) {
  return (context: NodeContext<LogStoreMessage>): NodeBehaviour<LogStoreMessage> => {
    let requestIdNext = 1;
    let operationNext = 1;
    let outstanding: Outstanding | null = null;
    const known = new Map<string, number>();
    let knownPosition = 0;
    const process = config.process;
    // Built once: every operation names a stream, and one string per name keeps map lookups cheap.
    const streamNames = Array.from({ length: config.streamCount }, (_, index) => `s${index + 1}`);

    const record = (type: 'invoke' | 'ok' | 'fail' | 'info', f: Outstanding['f'], value: unknown, key?: string, error?: string): void => {
      // Every field present, in one order: all history events share one shape (see NodeContext.record).
      context.record({ process, type, f, value, time: 0, key, node: type === 'invoke' ? undefined : config.server, error });
    };

    const start = (f: Outstanding['f'], retry: Retry | null, message: LogStoreMessage, key: string | undefined, value: unknown): void => {
      const requestId = (message as { requestId: number }).requestId;
      record('invoke', f, value, key);
      const timer = context.setTimer(config.timeoutMicros, 'client-timeout', () => {
        outstanding = null;
        record('info', f, null, key, 'timeout');
        next(retry);
      });
      outstanding = { requestId, f, timer, retry, key };
      context.send(config.server, message);
    };

    const append = (retry: Retry): void => {
      const message: LogStoreMessage = { type: 'append', requestId: requestIdNext++, streamId: retry.streamId, expected: retry.expected, events: retry.events };
      start('append', retry, message, retry.streamId, { streamId: retry.streamId, expected: retry.expected, events: retry.events });
    };

    const issue = (): void => {
      const random = context.random;
      const streamId = streamNames[random.below(config.streamCount)] as string;
      const roll = random.below(100);
      const version = known.get(streamId) ?? 0;
      if (roll < config.readPercent) {
        const fromVersion = random.intInclusive(1, version + 1);
        const maxCount = random.intInclusive(1, 40);
        start('read', null, { type: 'read', requestId: requestIdNext++, streamId, fromVersion, maxCount }, streamId, { streamId, fromVersion, maxCount });
        return;
      }
      if (roll < config.readPercent + config.readAllPercent) {
        const afterPosition = Math.max(0, knownPosition - random.below(40));
        const maxCount = random.intInclusive(1, 60);
        start('readAll', null, { type: 'readAll', requestId: requestIdNext++, afterPosition, maxCount }, undefined, { afterPosition, maxCount });
        return;
      }
      if (roll < config.readPercent + config.readAllPercent + config.deletePercent) {
        const toVersion = random.chance(1, 3) ? Number.MAX_SAFE_INTEGER : random.intInclusive(0, version);
        start('deleteTo', null, { type: 'deleteTo', requestId: requestIdNext++, streamId, toVersion }, streamId, { streamId, toVersion });
        return;
      }
      const pick = random.below(100);
      const expected: ExpectedVersion = pick < 60 ? version : pick < 85 ? 'any' : pick < 95 ? 'no_stream' : 'stream_exists';
      const count = random.intInclusive(1, config.batchEventsMax);
      const operation = operationNext++;
      const events: EventData[] = [];
      for (let index = 0; index < count; index++) {
        const id = `${context.id}-${operation}-${index}`;
        events.push({ id, type: 'Appended', data: `${id}:${base36(random.uint32())}` });
      }
      append({ streamId, expected, events, attempt: 0 });
    };

    const next = (retry: Retry | null): void => {
      const delay = context.random.intInclusive(1, config.thinkMicrosMax);
      context.setTimer(delay, 'client-think', () => {
        if (context.now() >= config.stopMicros) return;
        if (retry !== null && retry.attempt < config.retriesMax) append({ ...retry, attempt: retry.attempt + 1 });
        else issue();
      });
    };

    next(null);
    return {
      onMessage(_source, message) {
        if (outstanding === null || !('requestId' in message) || message.requestId !== outstanding.requestId) return;
        const current = outstanding;
        context.cancelTimer(current.timer);
        outstanding = null;
        let retry: Retry | null = null;
        switch (message.type) {
          case 'appendReply': {
            const result = message.result;
            const streamId = (current.retry as Retry).streamId;
            if (result.ok) {
              record('ok', 'append', { firstVersion: result.firstVersion, lastVersion: result.lastVersion, firstPosition: result.firstPosition, lastPosition: result.lastPosition, idempotent: result.idempotent }, streamId);
              known.set(streamId, Math.max(known.get(streamId) ?? 0, result.lastVersion));
              knownPosition = Math.max(knownPosition, result.lastPosition);
            } else if (result.reason === 'wrong-expected-version') {
              record('fail', 'append', { actual: result.actual }, streamId, result.reason);
              known.set(streamId, result.actual);
            } else if (result.reason === 'unavailable') {
              record('fail', 'append', null, streamId, result.reason);
              retry = current.retry;
            } else if (result.reason === 'corrupt' && result.indeterminate) {
              record('info', 'append', null, streamId, 'corrupt (indeterminate)');
            } else {
              record('fail', 'append', null, streamId, result.reason);
            }
            break;
          }
          case 'readReply': {
            const result = message.result;
            if (result.ok) {
              const streamId = current.key as string;
              record('ok', 'read', { version: result.version, deletedTo: result.deletedTo, events: result.events }, streamId);
              known.set(streamId, result.version);
            } else record('fail', 'read', null, current.key, result.reason);
            break;
          }
          case 'readAllReply': {
            const result = message.result;
            if (result.ok) {
              record('ok', 'readAll', { committedPosition: result.committedPosition, corrupt: result.corrupt, events: result.events });
              knownPosition = Math.max(knownPosition, result.committedPosition);
            } else record('fail', 'readAll', null, undefined, result.reason);
            break;
          }
          case 'deleteReply': {
            const result = message.result;
            if (result.ok) record('ok', 'deleteTo', null, current.key);
            else if (result.indeterminate) record('info', 'deleteTo', null, current.key, 'corrupt (indeterminate)');
            else record('fail', 'deleteTo', null, current.key, result.reason);
            break;
          }
          default:
            return;
        }
        next(retry);
      },
    };
  };
}

const digitCodes = new Uint8Array(7);

/**
 * `value.toString(36)` for a uint32 (at most 7 digits), without the general radix conversion of a
 * double, which costs twice as much (this runs for every event a client appends).
 */
export function base36(value: number): string {
  let length = 0;
  do {
    const digit = value % 36;
    digitCodes[length++] = digit < 10 ? 48 + digit : 87 + digit;
    value = (value - digit) / 36;
  } while (value > 0);
  const codes = digitCodes as unknown as number[];
  const a = codes[0] as number, b = codes[1] as number, c = codes[2] as number, d = codes[3] as number, e = codes[4] as number, f = codes[5] as number, g = codes[6] as number;
  switch (length) {
    case 1: return String.fromCharCode(a);
    case 2: return String.fromCharCode(b, a);
    case 3: return String.fromCharCode(c, b, a);
    case 4: return String.fromCharCode(d, c, b, a);
    case 5: return String.fromCharCode(e, d, c, b, a);
    case 6: return String.fromCharCode(f, e, d, c, b, a);
    default: return String.fromCharCode(g, f, e, d, c, b, a);
  }
}
