// The replication client: one operation outstanding at a time, recorded as a Jepsen-style history.
// An append names a stream, an event id (unique per client) and either an exact expected version or
// "any"; a read returns the stream's event ids. Each attempt times out after `requestTimeoutMicros` and
// is retried — with the same event id — at the primary a redirect names, or at another node. When the
// operation's deadline passes without a definite answer it is recorded as `info` (it may or may not have
// happened). A version conflict is recorded as `fail` only when it answers the first and only attempt;
// after a retry it is `info`, since an earlier attempt may still reach a newer primary and take effect.
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { ReplicationConfig } from './config.js';
import type { ClientRequest, ReplicationMessage } from './messages.js';

export interface AppendValue {
  stream: string;
  expectedVersion: number | 'any';
  events: string[];
  /** On ok: the stream version the append produced and its global log position. */
  version?: number;
  position?: number;
}

export interface ReadValue {
  stream: string;
  /** On ok: the stream's event ids, oldest first. */
  events?: string[];
}

interface Operation {
  opId: number;
  attempt: number;
  request: ClientRequest;
  invokedMicros: Micros;
  target: string;
  timer: TimerHandle | null;
}

const retryBackoffMicros = 5_000;

export function replicationClient(config: ReplicationConfig, process: number) {
  return (context: NodeContext<ReplicationMessage>): NodeBehaviour<ReplicationMessage> => {
    const streams = Array.from({ length: config.streamCount }, (_, index) => `s${index + 1}`);
    const knownVersion = new Map<string, number>();
    let opIdNext = 1;
    let eventNext = 1;
    // Reads and appends keep separate guesses of the primary: a client keeps reading from the node that
    // last served it a read, even after an append there timed out (as a client bound to a replica for
    // reads would). That is what exposes a primary serving reads it should no longer serve.
    let leaderGuess: string = context.random.pick(context.nodes);
    let readGuess: string = leaderGuess;
    let current: Operation | null = null;

    const think = (): void => {
      if (context.now() >= config.workloadEndMicros) return;
      context.setTimer(context.random.intInclusive(1, config.thinkMicrosMax), 'client-think', invoke);
    };

    const invoke = (): void => {
      if (context.now() >= config.workloadEndMicros) return;
      const stream = context.random.pick(streams);
      const opId = opIdNext++;
      let request: ClientRequest;
      if (context.random.chance(config.readPerMille, 1000)) {
        request = { type: 'read', opId, attempt: 0, stream };
        context.record({ process, type: 'invoke', f: 'read', key: stream, value: { stream } satisfies ReadValue });
      } else {
        const exact = knownVersion.has(stream) && context.random.chance(config.expectedVersionPerMille, 1000);
        const expectedVersion = exact ? (knownVersion.get(stream) as number) : -1;
        const eventId = `${context.id}-${eventNext++}`;
        request = { type: 'append', opId, attempt: 0, stream, eventId, expectedVersion };
        context.record({ process, type: 'invoke', f: 'append', key: stream, value: { stream, expectedVersion: exact ? expectedVersion : 'any', events: [eventId] } satisfies AppendValue });
      }
      current = { opId, attempt: 0, request, invokedMicros: context.now(), target: request.type === 'read' ? readGuess : leaderGuess, timer: null };
      send();
    };

    const send = (): void => {
      const operation = current;
      if (operation === null) return;
      if (context.now() - operation.invokedMicros >= config.operationDeadlineMicros) {
        finish('info', null, undefined, 'timeout');
        return;
      }
      operation.attempt++;
      const request = { ...operation.request, attempt: operation.attempt };
      operation.timer = context.setTimer(config.requestTimeoutMicros, 'client-timeout', () => {
        operation.timer = null;
        operation.target = otherNode(operation.target);
        if (operation.request.type === 'read') readGuess = operation.target;
        else leaderGuess = operation.target;
        send();
      });
      context.send(operation.target, request);
    };

    const retryLater = (target: string): void => {
      const operation = current as Operation;
      if (operation.timer !== null) context.cancelTimer(operation.timer);
      operation.target = target;
      operation.timer = context.setTimer(retryBackoffMicros, 'client-retry', () => {
        operation.timer = null;
        send();
      });
    };

    const otherNode = (node: string): string => {
      const others = context.nodes.filter((each) => each !== node);
      return others.length === 0 ? node : context.random.pick(others);
    };

    const finish = (type: 'ok' | 'fail' | 'info', value: unknown, node: string | undefined, error?: string): void => {
      const operation = current as Operation;
      if (operation.timer !== null) context.cancelTimer(operation.timer);
      current = null;
      const request = operation.request;
      const base = request.type === 'append' ? ({ stream: request.stream, expectedVersion: request.expectedVersion < 0 ? 'any' : request.expectedVersion, events: [request.eventId] } satisfies AppendValue) : ({ stream: request.stream } satisfies ReadValue);
      context.record({
        process,
        type,
        f: request.type,
        key: request.stream,
        value: value === null ? base : { ...base, ...(value as object) },
        ...(node !== undefined ? { node } : {}),
        ...(error !== undefined ? { error } : {}),
      });
      think();
    };

    think();
    return {
      onMessage(source, message) {
        const operation = current;
        if (operation === null || !('opId' in message) || message.opId !== operation.opId) return;
        const currentAttempt = message.attempt === operation.attempt;
        switch (message.type) {
          case 'appendOk':
            leaderGuess = source;
            knownVersion.set(operation.request.stream, message.version);
            finish('ok', { version: message.version, position: message.position }, source);
            return;
          case 'readOk':
            readGuess = source;
            knownVersion.set(operation.request.stream, message.events.length);
            finish('ok', { events: message.events }, source);
            return;
          case 'appendFail':
            if (!currentAttempt) return;
            knownVersion.set(operation.request.stream, message.actualVersion);
            // After a retry, a conflict is not definite: an earlier attempt may still be delivered late to a
            // newer primary and take effect. The operation stays indeterminate (Jepsen's rule).
            if (operation.attempt > 1) finish('info', null, source, `version conflict after ${operation.attempt} attempts (stream at ${message.actualVersion}): outcome unknown`);
            else finish('fail', null, source, `expected version ${operation.request.type === 'append' ? operation.request.expectedVersion : '?'}, stream at ${message.actualVersion}`);
            return;
          case 'redirect':
            if (!currentAttempt) return;
            operation.target = message.leader ?? otherNode(source);
            if (operation.request.type === 'read') readGuess = operation.target;
            else leaderGuess = operation.target;
            retryLater(operation.target);
            return;
          case 'unavailable':
            if (!currentAttempt) return;
            retryLater(source);
            return;
          default:
            return;
        }
      },
    };
  };
}
