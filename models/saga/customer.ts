// A customer: places orders one after another with the coordinator — a random product, a quantity,
// paid from the customer's own account — each acknowledged once the coordinator has durably recorded
// it. An unacknowledged attempt is retried with the same order id; after the retries the order is
// recorded as `info` (it may or may not have been placed). The saga itself runs in the background, so
// many sagas (of all customers) are in flight at once and compete for stock.
//
// History: f `order`, invoke value = the Order; ok when acknowledged; info after the retries.
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import { accountOf, products, type SagaConfig } from './config.js';
import type { SagaMessage } from './messages.js';
import { COORDINATOR, type Order } from './order.js';

export function customerNode(config: SagaConfig, process: number) {
  const catalog = products(config);
  return (context: NodeContext<SagaMessage>): NodeBehaviour<SagaMessage> => {
    let orderNext = 1;
    let current: { order: Order; attempt: number; timer: TimerHandle | null } | null = null;

    const record = (type: 'invoke' | 'ok' | 'info', order: Order, error: string | undefined): void => {
      context.record({ process, type, f: 'order', value: order, time: 0, key: order.id, node: type === 'invoke' ? undefined : COORDINATOR, error });
    };

    const think = (): void => {
      if (context.now() >= config.workloadEndMicros) return;
      context.setTimer(context.random.intInclusive(config.thinkMicrosMin, config.thinkMicrosMax), 'customer-think', place);
    };

    const place = (): void => {
      if (context.now() >= config.workloadEndMicros) return;
      const product = context.random.pick(catalog);
      const quantity = context.random.intInclusive(1, config.quantityMax);
      const order: Order = { id: `${context.id}-${orderNext++}`, customer: context.id, account: accountOf(context.id), product: product.id, quantity, amount: quantity * product.price };
      record('invoke', order, undefined);
      current = { order, attempt: 0, timer: null };
      attempt();
    };

    const attempt = (): void => {
      const placing = current;
      if (placing === null) return;
      if (placing.attempt > config.placeRetries) {
        current = null;
        record('info', placing.order, `not acknowledged after ${placing.attempt} attempts`);
        return think();
      }
      placing.attempt++;
      context.send(COORDINATOR, { type: 'placeOrder', order: placing.order });
      placing.timer = context.setTimer(config.placeTimeoutMicros, 'place-timeout', attempt);
    };

    think();
    return {
      onMessage(_source, message) {
        const placing = current;
        if (message.type !== 'orderAccepted' || placing === null || message.orderId !== placing.order.id) return;
        if (placing.timer !== null) context.cancelTimer(placing.timer);
        current = null;
        record('ok', placing.order, undefined);
        think();
      },
    };
  };
}
