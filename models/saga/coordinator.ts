// The Order saga coordinator (orchestration, as in seeds/003). Every decision is appended to its
// decision log (a log store on its own disk) and acted on only once the record is durable: the order is
// acknowledged to the customer after `placed` is fsynced, the next request is sent after `stepOk`, the
// compensations after `rollback`. A restart (process crash or power loss) folds the log and resumes every
// in-flight saga by resending its current request with the same idempotency key.
//
// Each forward step has its own timeout and retry count (scenario config, simulated time, on this
// node's clock). Rollback triggers: a step's timeout after its retries, a refusal (stock unavailable,
// payment declined), or an `aborted` answer. Compensations are retried until they succeed (bounded by
// `compensationAttemptsMax`); their timeout is the one of the step they undo.
import { fail } from '../../sim/assert.js';
import type { NodeBehaviour, NodeContext, TimerHandle } from '../../sim/node.js';
import { LogStore, ScanCache } from '../logstore/index.js';
import type { SagaConfig } from './config.js';
import { applyDecision, currentAction, decisionEvent, describeDecision, foldDecisions, isTerminal, newSaga, type DecisionRecord, type SagaState } from './decision-log.js';
import type { SagaMessage } from './messages.js';
import type { SagaObserver } from './observer.js';
import { compensationPlan, type Action, forwardSteps, idempotencyKey, serviceOf, stepOfAction, type Order, type Step } from './order.js';

interface LiveSaga {
  saga: SagaState;
  /** The action whose reply is awaited, or null (between steps, writing a decision, or ended). */
  awaiting: Action | null;
  attempt: number;
  timer: TimerHandle | null;
  writing: boolean;
  /** The `placed` record is not durable yet: the customer is not acknowledged. */
  placing: boolean;
}

/** Wait before appending a decision again when the store was not ready (it was recovering). */
const PERSIST_RETRY_MICROS = 10_000;

export interface CoordinatorNode extends NodeBehaviour<SagaMessage> {
  sagas(): ReadonlyMap<string, SagaState>;
}

export function coordinatorNode(config: SagaConfig, bugs: ReadonlySet<string>, observer: SagaObserver, scanCache: ScanCache = new ScanCache()) {
  const stepOrder = bugs.has('compensate-in-wrong-order');
  const actBeforeDurable = bugs.has('ack-step-before-persist');
  return (context: NodeContext<SagaMessage>): CoordinatorNode => {
    const store = new LogStore(context.disk, { durability: 'fsync', timers: context, scanCache, log: (text) => context.log(text) });
    const sagas = new Map<string, LiveSaga>();
    let ready = false;
    let awaitingCount = 0;

    const live = (saga: SagaState, placing: boolean): LiveSaga => ({ saga, awaiting: null, attempt: 0, timer: null, writing: false, placing });

    store.recover(() => {
      const all = store.readAll(0);
      const folded = foldDecisions(all.ok ? all.events : []);
      const resumed: string[] = [];
      for (const [orderId, saga] of folded) {
        sagas.set(orderId, live(saga, false));
        if (!isTerminal(saga)) resumed.push(orderId);
      }
      // The planted bug: progress is kept in memory only, so nothing in flight is picked up again.
      const resuming = bugs.has('saga-state-in-memory') ? [] : resumed;
      observer.recovered(context.id, [...folded.keys()], resuming);
      ready = true;
      if (resuming.length > 0) context.cover('saga-recovered-after-crash');
      for (const orderId of resuming) send(sagas.get(orderId) as LiveSaga);
    });

    /** Appends one decision, then (once durable) applies it and runs `then`. One append per saga at a time. */
    const persist = (saga: LiveSaga, record: DecisionRecord, then: () => void): void => {
      if (saga.writing) fail(`coordinator: two decisions in flight for ${saga.saga.order.id}`);
      const before = saga.saga;
      const event = decisionEvent(before.order.id, before.version + 1, record);
      const act = (): void => {
        saga.writing = false;
        saga.saga = applyDecision(before, record);
        observer.decided(before.order.id, describeDecision(record));
        then();
      };
      saga.writing = true;
      store.append(before.order.id, [event], before.version === 0 ? 'no_stream' : before.version, (result) => {
        if (actBeforeDurable) return;
        if (result.ok) return act();
        saga.writing = false;
        context.setTimer(PERSIST_RETRY_MICROS, 'persist-retry', () => persist(saga, record, then));
      });
      if (actBeforeDurable) act(); // the planted bug: act on the written, not yet durable, record
    };

    const send = (saga: LiveSaga): void => {
      const action = currentAction(saga.saga);
      if (action === null) return;
      if (saga.awaiting === null) awaitingCount++;
      saga.awaiting = action;
      saga.attempt++;
      const order = saga.saga.order;
      context.send(serviceOf[action], { type: action, order, key: idempotencyKey(order.id, action), attempt: saga.attempt });
      saga.timer = context.setTimer(config.steps[stepOfAction[action]].timeoutMicros, 'step-timeout', () => timedOut(saga));
    };

    const stopWaiting = (saga: LiveSaga): void => {
      if (saga.timer !== null) context.cancelTimer(saga.timer);
      saga.timer = null;
      if (saga.awaiting !== null) awaitingCount--;
      saga.awaiting = null;
    };

    const timedOut = (saga: LiveSaga): void => {
      saga.timer = null;
      const state = saga.saga;
      if (state.phase === 'forward') {
        const step = forwardSteps[state.stepIndex] as Step;
        if (saga.attempt <= config.steps[step].retries) {
          context.cover('step-retried');
          return send(saga);
        }
        stopWaiting(saga);
        context.cover('step-timed-out');
        return rollback(saga, `no reply after ${saga.attempt} attempts`);
      }
      if (bugs.has('compensation-not-retried')) {
        const action = currentAction(state);
        stopWaiting(saga);
        return persist(saga, { kind: 'compensated', action: action ?? 'notifyFailure', outcome: 'given up' }, () => advance(saga));
      }
      if (saga.attempt >= config.compensationAttemptsMax) {
        context.log(`saga ${state.order.id}: compensation ${currentAction(state)} given up after ${saga.attempt} attempts`);
        return stopWaiting(saga);
      }
      context.cover('compensation-retried');
      send(saga);
    };

    const rollback = (saga: LiveSaga, reason: string): void => {
      const state = saga.saga;
      const plan = compensationPlan(state.stepIndex, stepOrder);
      persist(saga, { kind: 'rollback', step: forwardSteps[state.stepIndex] as Step, reason, plan }, () => send(saga));
    };

    /** After a decision: the next request, or the end of the saga. */
    const advance = (saga: LiveSaga): void => {
      saga.attempt = 0;
      const state = saga.saga;
      if (state.phase === 'completed' || state.phase === 'compensated') {
        if (state.phase === 'compensated') context.cover('compensation-ran');
        observer.ended(state.order.id, state.phase);
        return;
      }
      send(saga);
    };

    const placeOrder = (source: string, order: Order): void => {
      const known = sagas.get(order.id);
      if (known !== undefined) {
        if (!known.placing) context.send(source, { type: 'orderAccepted', orderId: order.id });
        return;
      }
      const saga = live(newSaga(order), true);
      sagas.set(order.id, saga);
      persist(saga, { kind: 'placed', order }, () => {
        saga.placing = false;
        context.send(source, { type: 'orderAccepted', orderId: order.id });
        send(saga);
      });
    };

    return {
      sagas: () => new Map([...sagas].map(([orderId, saga]) => [orderId, saga.saga])),
      observe: () => ({ role: 'coordinator', busy: awaitingCount > 0, logLength: store.committedPosition }),
      onMessage(source, message) {
        if (!ready) return;
        if (message.type === 'placeOrder') return placeOrder(source, message.order);
        if (message.type !== 'reply') return;
        const saga = sagas.get(message.orderId);
        if (saga === undefined || saga.awaiting !== message.action) return; // stale, duplicate or not resumed
        stopWaiting(saga);
        if (saga.saga.phase === 'compensating') {
          persist(saga, { kind: 'compensated', action: message.action, outcome: message.outcome }, () => advance(saga));
          return;
        }
        if (message.outcome === 'ok') {
          persist(saga, { kind: 'stepOk', step: message.action as Step }, () => advance(saga));
          return;
        }
        rollback(saga, message.outcome === 'refused' ? message.detail : `aborted: ${message.detail}`);
      },
    };
  };
}
