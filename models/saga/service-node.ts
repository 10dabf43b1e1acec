// A service node (Inventory, Payment or Notification): its ledger lives in a log store on its own
// disk, recovered in the factory (a restart calls the factory again). A request is answered only once
// its entry is durable; a request whose idempotency key is already in the ledger is answered from the
// ledger without applying anything again — across crashes too, since the ledger is the log. While the
// store recovers, requests are dropped: the coordinator's retry finds the service ready.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import { LogStore, ScanCache } from '../logstore/index.js';
import type { SagaConfig } from './config.js';
import { balances, stocks } from './config.js';
import { applyEntry, entryEvent, foldLedger, type LedgerEntry, type ServiceState } from './ledger.js';
import type { Outcome, SagaMessage, ServiceRequest } from './messages.js';
import type { SagaObserver } from './observer.js';
import { INVENTORY, PAYMENT, type ServiceName } from './order.js';
import { decide, deduplicates } from './services.js';

export interface ServiceNode extends NodeBehaviour<SagaMessage> {
  /** The in-memory ledger (null while recovering): for tests. */
  state(): ServiceState | null;
}

/** The counters a service starts from: stock per product, balance per account, none for notifications. */
export function initialCounters(service: ServiceName, config: SagaConfig): Map<string, number> {
  if (service === INVENTORY) return stocks(config);
  if (service === PAYMENT) return balances(config);
  return new Map();
}

export function serviceNode(service: ServiceName, config: SagaConfig, bugs: ReadonlySet<string>, observer: SagaObserver, scanCache: ScanCache = new ScanCache()) {
  const initial = initialCounters(service, config);
  return (context: NodeContext<SagaMessage>): ServiceNode => {
    const store = new LogStore(context.disk, { durability: 'fsync', timers: context, scanCache, log: (text) => context.log(text) });
    let state: ServiceState | null = null;
    /** Keys whose entry is written but not yet durable: a retry of one waits for the first reply. */
    const uncommitted = new Set<string>();
    store.recover(() => {
      const all = store.readAll(0);
      state = foldLedger(all.ok ? all.events : [], initial);
    });

    const handle = (ledger: ServiceState, request: ServiceRequest, source: string): void => {
      const reply = (outcome: Outcome, detail: string): void => context.send(source, { type: 'reply', orderId: request.order.id, action: request.type, outcome, detail });
      const dedup = deduplicates(request, bugs);
      const known = dedup ? ledger.keys.get(request.key) : undefined;
      if (known !== undefined) {
        if (uncommitted.has(request.key)) return;
        context.cover('retry-deduplicated');
        reply(known.outcome, 'answered from the ledger');
        return;
      }
      const decision = decide(service, ledger, request, bugs);
      if (decision.kind === 'abort') {
        context.cover('late-request-refused');
        observer.applied(context.id, request.order.id, request.type, 'aborted', 0);
        reply('aborted', decision.detail);
        return;
      }
      if (decision.outcome === 'refused') context.cover(service === INVENTORY ? 'stock-unavailable' : 'payment-declined');
      const entry: LedgerEntry = { key: request.key, orderId: request.order.id, action: request.type, outcome: decision.outcome, target: decision.target, delta: decision.delta, effect: decision.effect };
      // Without dedup (a planted bug) each delivery is a new entry with an id of its own.
      const id = dedup ? request.key : `${request.key}@${context.now()}:${request.attempt}`;
      applyEntry(ledger, entry);
      uncommitted.add(request.key);
      store.append(request.order.id, [entryEvent(entry, id)], 'any', (result) => {
        if (!result.ok) return; // never for a ready store without media faults; the coordinator retries
        uncommitted.delete(request.key);
        observer.applied(context.id, entry.orderId, entry.action, entry.outcome, entry.effect);
        reply(entry.outcome, decision.detail);
      });
    };

    return {
      state: () => state,
      onMessage(source, message) {
        if (message.type === 'placeOrder' || message.type === 'orderAccepted' || message.type === 'reply') return;
        if (state === null || store.state !== 'ready') return;
        handle(state, message, source);
      },
      observe: () => ({ role: service, logLength: store.committedPosition }),
    };
  };
}
