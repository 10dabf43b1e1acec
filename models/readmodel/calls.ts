// Request/reply bookkeeping for a node: each outgoing request gets a fresh id and a timeout; the first
// reply carrying that id runs its handler, a late or duplicate one is ignored, and the timeout runs
// instead when no reply comes in time. Lives in the node's memory: a crash forgets every call.
import type { NodeContext, TimerHandle } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { ReadModelMessage } from './messages.js';

type Reply = ReadModelMessage & { requestId: number };

interface Call {
  onReply: (reply: Reply) => void;
  timer: TimerHandle;
}

/** Calls outstanding at once; past it a call fails at once (its timeout runs): a bound, never a hang. */
const CALLS_MAX = 4_096;

export class Calls {
  private idNext = 1;
  private readonly open = new Map<number, Call>();

  constructor(private readonly context: NodeContext<ReadModelMessage>) {}

  nextId(): number {
    return this.idNext++;
  }

  call(target: string, build: (requestId: number) => ReadModelMessage, timeoutMicros: Micros, onReply: (reply: Reply) => void, onTimeout: () => void): void {
    if (this.open.size >= CALLS_MAX) return onTimeout();
    const requestId = this.nextId();
    const timer = this.context.setTimer(timeoutMicros, `${target}-timeout`, () => {
      this.open.delete(requestId);
      onTimeout();
    });
    this.open.set(requestId, { onReply, timer });
    this.context.send(target, build(requestId));
  }

  /** Runs the handler of the call this reply answers; false when none is waiting for it. */
  answer(reply: Reply): boolean {
    const call = this.open.get(reply.requestId);
    if (call === undefined) return false;
    this.open.delete(reply.requestId);
    this.context.cancelTimer(call.timer);
    call.onReply(reply);
    return true;
  }
}
