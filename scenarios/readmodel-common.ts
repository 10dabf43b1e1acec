// What the three read-model scenarios share: the application, the database (a log store on its own
// disk), the projection worker and the cache, clients appending to orders and customers and reading
// their views, a fault profile, a final healAll at `faults.endMicros`, a quiet period, then the
// judgement — properties/readmodel over the history, the database's event table recovered read-only
// from its disk, and the views the application or the projection worker would serve at the end.
// A scenario may draw each seed's persistence, projection and cache options (`drawOptions`, the shared
// swarm-testing mechanism of scenarios/options.ts), so one exploration covers every combination.
import { diskDefaults, type DiskConfig } from '../sim/disk.js';
import type { FaultProfile } from '../sim/faults.js';
import { networkDefaults, type NetworkConfig } from '../sim/network.js';
import type { NodeBehaviour } from '../sim/node.js';
import type { Random } from '../sim/random.js';
import type { Simulation } from '../sim/simulation.js';
import { ScanCache } from '../models/logstore/index.js';
import { appNode, type AppNode } from '../models/readmodel/app.js';
import { readModelBugs } from '../models/readmodel/bugs.js';
import { cacheNode } from '../models/readmodel/cache.js';
import { clientNode } from '../models/readmodel/client.js';
import { APP, CACHE, cacheModes, DATABASE, evictionPolicies, persistenceModes, PROJECTOR, projectionModes, readModelDefaults, readModelNodes, type ReadModelConfig } from '../models/readmodel/config.js';
import { databaseNode, EPOCH_STREAM } from '../models/readmodel/database.js';
import { projectorNode, type ProjectorNode } from '../models/readmodel/projector.js';
import type { ReadModelEvent } from '../models/readmodel/view.js';
import { checkReadModel, ReadModelRecorder, readModelProperties, type ReadModelJudgement, type StoredEvent } from '../properties/readmodel/index.js';
import { clientIds } from '../sim/history.js';
import { formatMicros } from '../sim/time.js';
import { requireChoice, requireInteger } from './config.js';
import { recoverReadOnly } from './final-store.js';
import { inputError } from './input-error.js';
import type { BaseConfig, PropertyInfo, ScenarioDefinition } from './types.js';

export interface ReadModelScenarioConfig extends BaseConfig {
  readmodel: ReadModelConfig;
}

export const readModelGoals: readonly PropertyInfo[] = [
  { name: 'loss-window-observed', description: 'a crash or power loss of the write-behind application lost acknowledged events (the loss window was measured)' },
  { name: 'projection-rebuilt', description: 'the projection worker restarted from its checkpoint and caught up with the database' },
  { name: 'evicted-key-reloaded', description: 'an aggregate evicted from the application’s event or view map was reloaded from the database' },
  { name: 'cache-hit', description: 'a view read was answered from the cache' },
  { name: 'cache-expired', description: 'a cache entry was read after its TTL and dropped' },
  { name: 'cache-fill-refused', description: 'the cache refused a fill whose lease an invalidation had voided (a read that raced a write)' },
  { name: 'write-fenced', description: 'the database fenced a store request of an earlier application incarnation' },
];

const MILLI = 1_000;
/** The shortest quiet period a shrunk workload keeps (final heal to the end of the run). */
const QUIET_MICROS_MIN = 300 * MILLI;

export interface ReadModelScenarioSpec {
  name: string;
  description: string;
  faults: FaultProfile;
  faultNodes?: readonly string[];
  network?: Partial<NetworkConfig>;
  disk?: Partial<DiskConfig>;
  readmodel?: Partial<ReadModelConfig>;
  /** The coverage goals this scenario's faults and options reach in 1,000 seeds. */
  coverage: readonly string[];
  /** Swarm testing of options: each seed draws these (`swarmOptions`, on when this is given). */
  drawOptions?: (config: ReadModelScenarioConfig, random: Random) => string[];
}

export function describeOptions(config: ReadModelConfig): string {
  return `${config.persistence}, ${config.projection} projection, cache ${config.cache}`;
}

const idle = (): NodeBehaviour => ({});

export function readModelScenario(spec: ReadModelScenarioSpec): ScenarioDefinition<ReadModelScenarioConfig> {
  const definition: ScenarioDefinition<ReadModelScenarioConfig> = {
    name: spec.name,
    description: spec.description,
    model: 'readmodel',
    bugs: readModelBugs,
    properties: readModelProperties,
    coverage: readModelGoals.filter((goal) => spec.coverage.includes(goal.name)),
    defaults: {
      durationMicros: 2_000 * MILLI,
      eventsMax: 1_000_000,
      pendingEventsMax: 100_000,
      network: { ...networkDefaults, ...spec.network },
      disk: { ...diskDefaults, ...spec.disk },
      schedule: null,
      faults: spec.faults,
      readmodel: { ...structuredClone(readModelDefaults), ...structuredClone(spec.readmodel ?? {}) },
      ...(spec.drawOptions !== undefined ? { swarmOptions: true } : {}),
    },
    nodes: () => [...readModelNodes],
    clients: (config) => clientIds(config.readmodel.workload.clientCount),
    workloadShrink: {
      counts: [
        { name: 'clients', path: 'readmodel.workload.clientCount', min: 1 },
        { name: 'orders', path: 'readmodel.workload.orderCount', min: 0 },
        // (validate refuses no aggregate at all: customers go to 0 only when orders are left)
        { name: 'customers', path: 'readmodel.workload.customerCount', min: 0 },
      ],
      workloadEndPath: 'readmodel.workload.stopMicros',
      tailPaths: ['readmodel.workload.stopMicros'],
      // view-equals-fold is judged at the end: the write-behind queue must drain (its delay plus resends)
      // and a restarted projection worker catch up by polling before then.
      quietMicrosMin: QUIET_MICROS_MIN,
    },
    validate: (config) => validateReadModel(config),
    setup(simulation, config, { bugs }) {
      const options = config.readmodel;
      const recorder = new ReadModelRecorder(() => simulation.now);
      const databaseCache = new ScanCache();
      simulation.start(APP, appNode(options, bugs, recorder));
      simulation.start(DATABASE, databaseNode(bugs, databaseCache));
      simulation.start(PROJECTOR, options.projection === 'async' ? projectorNode(options, bugs, recorder) : idle);
      simulation.start(CACHE, options.cache === 'cache-aside' ? cacheNode(options) : idle);
      clientIds(options.workload.clientCount).forEach((client, index) => simulation.start(client, clientNode(options, index)));
      let judged: ReadModelJudgement | null = null;
      return {
        check() {
          const table = finalTable(simulation, databaseCache);
          judged = checkReadModel({
            history: simulation.history,
            table,
            finalViews: finalViews(simulation, options),
            faults: simulation.faultsApplied,
            recorder,
            app: APP,
            database: DATABASE,
            persistence: options.persistence,
            writeDelayMicros: options.writeDelayMicros,
            storeTimeoutMicros: options.storeTimeoutMicros,
            cacheAside: options.cache === 'cache-aside',
            excuseMicros: options.cacheTtlMicros + config.network.latencyMicrosMax,
          });
          if (judged.windows.some((window) => window.events > 0)) simulation.cover('loss-window-observed');
          return judged.violations;
        },
        summary() {
          const windows = judged?.windows ?? [];
          const widest = windows.reduce((best, window) => (window.events > best.events ? window : best), { events: 0, ageMicros: 0 });
          return {
            design: describeOptions(options),
            acknowledged: judged?.acked ?? 0,
            reads: judged?.reads ?? 0,
            lostToCrashes: judged?.lost ?? 0,
            lossWindows: windows.length,
            widestLossWindow: `${widest.events} events, oldest acknowledged ${formatMicros(widest.ageMicros)} before the crash`,
            staleReadsWithinTtl: judged?.staleness.excused ?? 0,
            projectionRebuilds: recorder.rebuilds.length,
          };
        },
        metrics() {
          const windows = judged?.windows ?? [];
          const bounded = windows.filter((window) => window.bounded);
          return {
            lossWindowEvents: Math.max(0, ...windows.map((window) => window.events)),
            lossWindowMicros: Math.max(0, ...bounded.map((window) => window.ageMicros)),
            lossWindowBoundMicros: options.persistence === 'write-behind' ? options.writeDelayMicros + options.storeTimeoutMicros : 0,
            lostAckedEvents: judged?.lost ?? 0,
            staleReadsWithinTtl: judged?.staleness.excused ?? 0,
            staleReadMicrosMax: judged?.staleness.staleMicrosMax ?? 0,
          };
        },
      };
    },
  };
  const faultNodes = spec.faultNodes;
  if (faultNodes !== undefined) definition.faultNodes = () => [...faultNodes];
  if (spec.drawOptions !== undefined) definition.drawOptions = spec.drawOptions;
  return definition;
}

function validateReadModel(config: ReadModelScenarioConfig): void {
  const model = config.readmodel;
  requireChoice(model.persistence, 'readmodel.persistence', persistenceModes);
  requireChoice(model.projection, 'readmodel.projection', projectionModes);
  requireChoice(model.cache, 'readmodel.cache', cacheModes);
  requireChoice(model.eviction.policy, 'readmodel.eviction.policy', evictionPolicies);
  requireInteger(model.eviction.maxSize, 'readmodel.eviction.maxSize', 1, 1_000_000);
  requireInteger(model.writeDelayMicros, 'readmodel.writeDelayMicros', 1, config.durationMicros);
  requireInteger(model.writeBatchSize, 'readmodel.writeBatchSize', 1, 1_000);
  // Coalescing keeps the newest queued write per key: right for a map whose value is the latest state
  // (views), wrong for the append-only event map — the only map this model writes behind.
  if (model.writeCoalescing !== false) inputError(`readmodel.writeCoalescing=true is refused: the only map written behind is the append-only event map, where coalescing drops every older queued event of an aggregate (it is right only for latest-state maps such as views, which this model does not write behind)`);
  requireInteger(model.writeQueueMax, 'readmodel.writeQueueMax', model.writeBatchSize, 100_000);
  requireInteger(model.storeTimeoutMicros, 'readmodel.storeTimeoutMicros', 1, config.durationMicros);
  requireInteger(model.checkpointEvery, 'readmodel.checkpointEvery', 1, 100_000);
  requireInteger(model.pollMicros, 'readmodel.pollMicros', 1, config.durationMicros);
  requireInteger(model.pollBatchMax, 'readmodel.pollBatchMax', 1, 1_000);
  requireInteger(model.cacheTtlMicros, 'readmodel.cacheTtlMicros', 1, config.durationMicros);
  requireInteger(model.invalidateTimeoutMicros, 'readmodel.invalidateTimeoutMicros', 1, config.durationMicros);
  const workload = model.workload;
  requireInteger(workload.clientCount, 'readmodel.workload.clientCount', 1, 32);
  requireInteger(workload.orderCount, 'readmodel.workload.orderCount', 0, 10_000);
  requireInteger(workload.customerCount, 'readmodel.workload.customerCount', workload.orderCount === 0 ? 1 : 0, 10_000);
  requireInteger(workload.readPercent, 'readmodel.workload.readPercent', 0, 100);
  requireInteger(workload.thinkMicrosMin, 'readmodel.workload.thinkMicrosMin', 1);
  requireInteger(workload.thinkMicrosMax, 'readmodel.workload.thinkMicrosMax', workload.thinkMicrosMin);
  requireInteger(workload.timeoutMicros, 'readmodel.workload.timeoutMicros', 1);
  requireInteger(workload.stopMicros, 'readmodel.workload.stopMicros', 0, config.durationMicros);
}

/** The database's event table as a restart would recover it now, read without repairing anything. */
export function finalTable(simulation: Simulation, scanCache: ScanCache): StoredEvent[] {
  const { events } = recoverReadOnly(simulation, DATABASE, { durability: 'fsync', scanCache });
  return events.filter((event) => event.streamId !== EPOCH_STREAM).map((event) => ({ position: event.position, event: event.data as ReadModelEvent }));
}

/** The views each holder would serve at the end: the projection worker's (async), or the application's maps (inline). */
function finalViews(simulation: Simulation, options: ReadModelConfig): { holder: string; views: ReadonlyMap<string, import('../models/readmodel/view.js').View> | null }[] {
  if (options.projection === 'async') {
    const projector = simulation.isUp(PROJECTOR) ? simulation.behaviourOf<ProjectorNode>(PROJECTOR) : null;
    return [{ holder: 'projector', views: projector?.views() ?? null }];
  }
  const app = simulation.isUp(APP) ? simulation.behaviourOf<AppNode>(APP) : null;
  if (app === null) return [];
  const inspected = app.inspect();
  return [
    { holder: 'app view map', views: inspected.views },
    { holder: 'app event map', views: inspected.eventFolds },
  ];
}
