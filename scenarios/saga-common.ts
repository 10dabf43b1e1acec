// What the three saga scenarios share: the coordinator and three services (each with its own disk),
// customers `c1..` placing orders, a fault profile, a final healAll at `faults.endMicros`, a quiet period
// in which every saga must end, then the judgement — properties/saga over the history and the durable
// final state (every node's log recovered read-only from its disk, as a restart would find it).
import { diskDefaults, type DiskConfig } from '../sim/disk.js';
import type { FaultProfile, FaultSchedule } from '../sim/faults.js';
import { networkDefaults, type NetworkConfig } from '../sim/network.js';
import type { Random } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import { ScanCache } from '../models/logstore/index.js';
import { sagaBugs } from '../models/saga/bugs.js';
import { balances, customerIds, sagaDefaults, stocks, type SagaConfig } from '../models/saga/config.js';
import { coordinatorNode } from '../models/saga/coordinator.js';
import { customerNode } from '../models/saga/customer.js';
import { foldDecisions } from '../models/saga/decision-log.js';
import { foldLedger } from '../models/saga/ledger.js';
import { COORDINATOR, forwardSteps, serviceNames, type ServiceName } from '../models/saga/order.js';
import { initialCounters, serviceNode } from '../models/saga/service-node.js';
import { checkSaga, SagaRecorder, sagaProperties, type SagaFinal, type SagaJudgement } from '../properties/saga/index.js';
import { requireInteger } from './config.js';
import { recoverReadOnly } from './final-store.js';
import type { BaseConfig, PropertyInfo, ScenarioDefinition } from './types.js';

export interface SagaScenarioConfig extends BaseConfig {
  saga: SagaConfig;
}

export const sagaNodes = [COORDINATOR, ...serviceNames];

export const sagaCoverage: readonly PropertyInfo[] = [
  { name: 'compensation-ran', description: 'a saga was rolled back and every compensation ran' },
  { name: 'retry-deduplicated', description: 'a service answered a retried or duplicated request from its durable ledger' },
  { name: 'saga-recovered-after-crash', description: 'a restarted coordinator resumed an in-flight saga from its decision log' },
  { name: 'step-timed-out', description: 'a step ran out of retries and triggered a rollback' },
  { name: 'late-request-refused', description: 'a forward step that arrived after its compensation was refused' },
  { name: 'stock-unavailable', description: 'a reservation was refused for lack of stock' },
  { name: 'payment-declined', description: 'a charge was declined for lack of balance' },
];

const SECOND = 1_000_000;

export interface SagaScenarioSpec {
  name: string;
  description: string;
  faults: FaultProfile;
  /** Nodes generated faults target (default: the coordinator and every service). */
  faultNodes?: readonly string[];
  network?: Partial<NetworkConfig>;
  disk?: Partial<DiskConfig>;
  saga?: Partial<SagaConfig>;
  /** The coverage goals this scenario's faults reach in 1,000 seeds (default: every saga goal). */
  coverage?: readonly string[];
  /** Swarm testing of options: each seed draws these (`swarmOptions`, on when this is given). */
  drawOptions?: (config: SagaScenarioConfig, random: Random) => string[];
}

export function sagaScenario(spec: SagaScenarioSpec): ScenarioDefinition<SagaScenarioConfig> {
  const definition: ScenarioDefinition<SagaScenarioConfig> = {
    name: spec.name,
    description: spec.description,
    model: 'saga',
    bugs: sagaBugs,
    properties: sagaProperties,
    coverage: spec.coverage === undefined ? sagaCoverage : sagaCoverage.filter((goal) => spec.coverage?.includes(goal.name)),
    defaults: {
      durationMicros: 540 * SECOND,
      eventsMax: 3_000_000,
      pendingEventsMax: 200_000,
      network: { ...networkDefaults, ...spec.network },
      disk: { ...diskDefaults, ...spec.disk },
      schedule: null,
      faults: spec.faults,
      saga: { ...structuredClone(sagaDefaults), ...spec.saga },
      ...(spec.drawOptions !== undefined ? { swarmOptions: true } : {}),
    },
    nodes: () => [...sagaNodes],
    clients: (config) => customerIds(config.saga),
    workloadShrink: {
      counts: [
        { name: 'customers', path: 'saga.customerCount', min: 1 },
        { name: 'products', path: 'saga.productCount', min: 1 },
      ],
      workloadEndPath: 'saga.workloadEndMicros',
      tailPaths: ['saga.workloadEndMicros'],
      timeStepMicros: SECOND,
      // No quietMicrosMin: every saga must end (and its compensations run) in the quiet period, whose
      // length is tied to the step timeouts; it moves with the heal but is never shortened.
    },
    validate: (config) => validateSaga(config),
    setup(simulation, config, { bugs, schedule }) {
      const saga = config.saga;
      const recorder = new SagaRecorder(() => simulation.now);
      const caches = new Map(sagaNodes.map((node) => [node, new ScanCache()]));
      simulation.start(COORDINATOR, coordinatorNode(saga, bugs, recorder, caches.get(COORDINATOR)));
      for (const service of serviceNames) simulation.start(service, serviceNode(service, saga, bugs, recorder, caches.get(service)));
      customerIds(saga).forEach((customer, index) => simulation.start(customer, customerNode(saga, index)));
      let judged: SagaJudgement | null = null;
      return {
        check() {
          const final = finalState(simulation, saga, caches);
          judged = checkSaga({
            history: simulation.history,
            final,
            recorder,
            faults: simulation.faultsApplied,
            coordinator: COORDINATOR,
            healedMicros: healMicros(schedule, config.faults),
            livenessBoundMicros: saga.livenessBoundMicros,
            endMicros: simulation.now,
          });
          return judged.violations;
        },
        summary() {
          const views = judged?.views ?? [];
          const phases = new Map<string, number>();
          for (const view of views) phases.set(view.saga?.phase ?? 'unknown', (phases.get(view.saga?.phase ?? 'unknown') ?? 0) + 1);
          return {
            orders: views.length,
            acknowledged: views.filter((view) => view.ackedMicros !== null).length,
            completed: phases.get('completed') ?? 0,
            compensated: phases.get('compensated') ?? 0,
            open: (phases.get('forward') ?? 0) + (phases.get('compensating') ?? 0),
            coordinatorRestarts: recorder.recoveries.filter((each) => each.node === COORDINATOR).length - 1,
          };
        },
      };
    },
  };
  if (spec.drawOptions !== undefined) definition.drawOptions = spec.drawOptions;
  const faultNodes = spec.faultNodes;
  if (faultNodes !== undefined) definition.faultNodes = () => [...faultNodes];
  return definition;
}

function validateSaga(config: SagaScenarioConfig): void {
  const saga = config.saga;
  for (const step of forwardSteps) {
    requireInteger(saga.steps[step]?.timeoutMicros, `saga.steps.${step}.timeoutMicros`, 1);
    requireInteger(saga.steps[step]?.retries, `saga.steps.${step}.retries`, 0, 1_000);
  }
  requireInteger(saga.compensationAttemptsMax, 'saga.compensationAttemptsMax', 1, 1_000_000);
  requireInteger(saga.customerCount, 'saga.customerCount', 1, 64);
  requireInteger(saga.productCount, 'saga.productCount', 1, 1_000);
  requireInteger(saga.stockPerProduct, 'saga.stockPerProduct', 0, 1_000_000);
  requireInteger(saga.balancePerCustomer, 'saga.balancePerCustomer', 0, 1_000_000_000);
  requireInteger(saga.priceMin, 'saga.priceMin', 1, 1_000_000);
  requireInteger(saga.priceMax, 'saga.priceMax', saga.priceMin, 1_000_000);
  requireInteger(saga.quantityMax, 'saga.quantityMax', 1, 1_000);
  requireInteger(saga.thinkMicrosMin, 'saga.thinkMicrosMin', 1);
  requireInteger(saga.thinkMicrosMax, 'saga.thinkMicrosMax', saga.thinkMicrosMin);
  requireInteger(saga.placeTimeoutMicros, 'saga.placeTimeoutMicros', 1);
  requireInteger(saga.placeRetries, 'saga.placeRetries', 0, 1_000);
  requireInteger(saga.workloadEndMicros, 'saga.workloadEndMicros', 0, config.durationMicros);
  requireInteger(saga.livenessBoundMicros, 'saga.livenessBoundMicros', 1);
}

/** The time of the final heal: the last scheduled healAll, else the profile's end. */
function healMicros(schedule: FaultSchedule, profile: FaultProfile): number {
  let last = -1;
  for (const timed of schedule) if (timed.fault.kind === 'healAll' && timed.atMicros > last) last = timed.atMicros;
  return last >= 0 ? last : profile.endMicros;
}

/** Every node's log as a restart would recover it now, read without repairing anything, folded. */
export function finalState(simulation: Simulation, saga: SagaConfig, caches: ReadonlyMap<string, ScanCache>): SagaFinal {
  const events = (node: string) => {
    const scanCache = caches.get(node);
    return recoverReadOnly(simulation, node, { durability: 'fsync', ...(scanCache === undefined ? {} : { scanCache }) }).events;
  };
  const ledger = (service: ServiceName) => foldLedger(events(service), initialCounters(service, saga));
  return {
    sagas: foldDecisions(events(COORDINATOR)),
    inventory: ledger('inventory'),
    payment: ledger('payment'),
    notification: ledger('notification'),
    initialStock: stocks(saga),
    initialBalance: balances(saga),
  };
}
