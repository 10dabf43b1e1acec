// A client of the application: appends events to aggregates (orders and customers) and reads their
// views, one operation at a time with a think time between. It remembers the sequence number of its
// own last acknowledged event per aggregate and sends it with each read (`minSeq`, a consistency token
// the async projection waits for). A request not answered in time is recorded as unknown (`info`) and
// not retried: the event may or may not have been stored.
//
// History: f `append`, invoke value {id, aggregate, amount}, ok value adds {seq, invalidated};
//          f `read`, invoke value {aggregate, minSeq}, ok value adds {view, source}.
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import { APP, aggregateIds, type ReadModelConfig } from './config.js';
import type { ReadModelMessage } from './messages.js';

export function clientNode(config: ReadModelConfig, process: number) {
  const aggregates = aggregateIds(config);
  const workload = config.workload;
  return (context: NodeContext<ReadModelMessage>): NodeBehaviour<ReadModelMessage> => {
    const ownSeq = new Map<string, number>();
    let requestNext = 1;
    let eventNext = 1;
    let current: { requestId: number; f: 'append' | 'read'; value: Record<string, unknown>; aggregate: string; timer: TimerHandle } | null = null;

    const complete = (type: 'ok' | 'fail' | 'info', value: Record<string, unknown>, error?: string): void => {
      const op = current;
      if (op === null) return;
      context.cancelTimer(op.timer);
      current = null;
      context.record({ process, type, f: op.f, value, time: 0, key: op.aggregate, node: APP, error });
      think();
    };

    const start = (): void => {
      if (context.now() >= workload.stopMicros) return;
      const aggregate = context.random.pick(aggregates);
      const requestId = requestNext++;
      const reading = context.random.below(100) < workload.readPercent;
      const value: Record<string, unknown> = reading ? { aggregate, minSeq: ownSeq.get(aggregate) ?? 0 } : { id: `${context.id}-${eventNext++}`, aggregate, amount: context.random.intInclusive(1, 100) };
      const f = reading ? 'read' : 'append';
      context.record({ process, type: 'invoke', f, value, time: 0, key: aggregate, node: undefined, error: undefined });
      const timer = context.setTimer(workload.timeoutMicros, 'client-timeout', () => complete('info', value, 'no answer in time'));
      current = { requestId, f, value, aggregate, timer };
      if (reading) context.send(APP, { type: 'read', requestId, aggregate, minSeq: value.minSeq as number });
      else context.send(APP, { type: 'append', requestId, event: value as { id: string; aggregate: string; amount: number } });
    };

    const think = (): void => {
      if (context.now() >= workload.stopMicros) return;
      context.setTimer(context.random.intInclusive(workload.thinkMicrosMin, workload.thinkMicrosMax), 'client-think', start);
    };

    think();
    return {
      onMessage(_source, message) {
        const op = current;
        if (op === null || !('requestId' in message) || message.requestId !== op.requestId) return;
        if (message.type === 'appended') {
          ownSeq.set(op.aggregate, Math.max(ownSeq.get(op.aggregate) ?? 0, message.seq));
          return complete('ok', { ...op.value, seq: message.seq, invalidated: message.invalidated });
        }
        if (message.type === 'viewIs') return complete('ok', { ...op.value, view: message.view, source: message.source });
        if (message.type === 'refused') return complete(message.indeterminate ? 'info' : 'fail', op.value, message.reason);
      },
    };
  };
}
