// The demo counter's client: one operation outstanding at a time, each with a timeout. Increments
// are recorded in the history as invoke / ok (with the acknowledged value) / info (timed out). Pings
// are recorded too, so the liveness property can see which nodes answered after the faults healed.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { CounterMessage } from './messages.js';

export interface CounterClientConfig {
  process: number;
  intervalMicros: Micros;
  timeoutMicros: Micros;
  /** From this time on the client pings every node in turn instead of incrementing. */
  pingFromMicros: Micros;
}

export function counterClient(config: CounterClientConfig) {
  return (context: NodeContext<CounterMessage>): NodeBehaviour<CounterMessage> => {
    let requestIdNext = 1;
    let outstanding: { requestId: number; node: string; f: 'incr' | 'ping'; timer: ReturnType<typeof context.setTimer> } | null = null;
    let pingIndex = 0;

    const issue = (): void => {
      const requestId = requestIdNext++;
      const pinging = context.now() >= config.pingFromMicros;
      const node = pinging ? (context.nodes[pingIndex++ % context.nodes.length] as string) : context.random.pick(context.nodes);
      const f = pinging ? 'ping' : 'incr';
      context.record({ process: config.process, type: 'invoke', f, value: null, key: node });
      const timer = context.setTimer(config.timeoutMicros, 'client-timeout', () => {
        context.record({ process: config.process, type: 'info', f, value: null, key: node, error: 'timeout' });
        outstanding = null;
        next();
      });
      outstanding = { requestId, node, f, timer };
      context.send(node, pinging ? { type: 'ping', requestId } : { type: 'incr', requestId });
    };

    const next = (): void => {
      context.setTimer(context.random.intInclusive(1, config.intervalMicros), 'client-think', issue);
    };

    next();
    return {
      onMessage(source, message) {
        if (outstanding === null || !('requestId' in message) || message.requestId !== outstanding.requestId) return;
        if (message.type !== 'incrOk' && message.type !== 'pong') return;
        context.cancelTimer(outstanding.timer);
        const value = message.type === 'incrOk' ? message.value : null;
        context.record({ process: config.process, type: 'ok', f: outstanding.f, value, key: outstanding.node, node: source });
        outstanding = null;
        next();
      },
    };
  };
}
