// What the two log store scenarios share: one log store node `n1`, clients `c1..` appending to and
// reading many streams with expected versions and retries, and the judgement — the properties of
// properties/logstore over the history and a fresh read-only recovery of n1's disk at the end.
import { diskDefaults, type DiskConfig } from '../sim/disk.js';
import type { FaultProfile } from '../sim/faults.js';
import { networkDefaults } from '../sim/network.js';
import type { Simulation } from '../sim/simulation.js';
import { logStoreClient, type LogStoreWorkload } from '../models/logstore/client.js';
import { durabilityModes, logStoreBugs, ScanCache, type Durability } from '../models/logstore/index.js';
import { logStoreServer } from '../models/logstore/server.js';
import { checkLogStore, logStoreProperties, type FaultMark, type FinalLog } from '../properties/logstore/index.js';
import { requireChoice, requireInteger } from './config.js';
import { recoverReadOnly } from './final-store.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';
import { clientIds } from '../sim/history.js';
import type { Random } from '../sim/random.js';

export interface LogStoreScenarioConfig extends BaseConfig {
  logstore: { durability: Durability; segmentBytesMax: number; groupWindowMicros: number; groupRecordsMax: number };
  workload: LogStoreWorkload & { clientCount: number; progressFromMicros: number };
}

const SERVER = 'n1';

export function logStoreDefaults(faults: FaultProfile, disk: Partial<DiskConfig> = {}): LogStoreScenarioConfig {
  return {
    durationMicros: 4_000_000,
    eventsMax: 2_000_000,
    pendingEventsMax: 100_000,
    network: { ...networkDefaults },
    disk: { ...diskDefaults, ...disk },
    schedule: null,
    faults,
    logstore: { durability: 'fsync', segmentBytesMax: 64 * 1024, groupWindowMicros: 1_000, groupRecordsMax: 32 },
    workload: {
      clientCount: 4,
      streamCount: 8,
      thinkMicrosMax: 2_000,
      timeoutMicros: 20_000,
      retriesMax: 3,
      batchEventsMax: 3,
      readPercent: 22,
      readAllPercent: 5,
      deletePercent: 2,
      stopMicros: 3_800_000,
      progressFromMicros: 3_100_000,
    },
  };
}

/** Coverage goals the log store marks (`NodeContext.cover`); each scenario declares those it must reach. */
export const logStoreGoals = {
  'torn-tail-cut': 'recovery found a torn tail (a write cut short by power loss) and cut it',
  'retry-deduplicated': 'a retried append was recognised by its event ids and not stored twice',
  'corruption-declared': 'recovery found damage it cannot repair (a bad checksum mid-log) and refused to serve past it',
} as const;

/** Swarm testing of the store's options: each seed draws these (`swarmOptions`, on when this is given). */
export type LogStoreOptionDraw = (config: LogStoreScenarioConfig, random: Random) => string[];

export function logStoreScenario(
  name: string,
  description: string,
  faults: FaultProfile,
  disk: Partial<DiskConfig> = {},
  goals: readonly (keyof typeof logStoreGoals)[] = [],
  drawOptions?: LogStoreOptionDraw,
): ScenarioDefinition<LogStoreScenarioConfig> {
  const defaults = logStoreDefaults(faults, disk);
  return {
    ...(drawOptions !== undefined ? { drawOptions } : {}),
    name,
    description,
    model: 'logstore',
    bugs: logStoreBugs,
    properties: logStoreProperties,
    coverage: goals.map((goal) => ({ name: goal, description: logStoreGoals[goal] })),
    defaults: drawOptions !== undefined ? { ...defaults, swarmOptions: true } : defaults,
    nodes: () => [SERVER],
    clients: (config) => clientIds(config.workload.clientCount),
    workloadShrink: {
      counts: [
        { name: 'clients', path: 'workload.clientCount', min: 1 },
        { name: 'streams', path: 'workload.streamCount', min: 1 },
      ],
      workloadEndPath: 'workload.stopMicros',
      tailPaths: ['workload.stopMicros', 'workload.progressFromMicros'],
      // The checks read the history and the disk as a restart finds it: nothing needs time to settle.
      quietMicrosMin: 0,
    },
    validate(config) {
      requireChoice(config.logstore.durability, 'logstore.durability', durabilityModes);
      requireInteger(config.logstore.segmentBytesMax, 'logstore.segmentBytesMax', 256, config.disk.fileBytesMax);
      requireInteger(config.logstore.groupWindowMicros, 'logstore.groupWindowMicros', 1);
      requireInteger(config.logstore.groupRecordsMax, 'logstore.groupRecordsMax', 1, 100_000);
      const workload = config.workload;
      requireInteger(workload.clientCount, 'workload.clientCount', 1, 64);
      requireInteger(workload.streamCount, 'workload.streamCount', 1, 10_000);
      requireInteger(workload.thinkMicrosMax, 'workload.thinkMicrosMax', 1);
      requireInteger(workload.timeoutMicros, 'workload.timeoutMicros', 1);
      requireInteger(workload.retriesMax, 'workload.retriesMax', 0, 100);
      requireInteger(workload.batchEventsMax, 'workload.batchEventsMax', 1, 1_000);
      requireInteger(workload.readPercent, 'workload.readPercent', 0, 100);
      requireInteger(workload.readAllPercent, 'workload.readAllPercent', 0, 100 - workload.readPercent);
      requireInteger(workload.deletePercent, 'workload.deletePercent', 0, 100 - workload.readPercent - workload.readAllPercent);
      requireInteger(workload.stopMicros, 'workload.stopMicros', 0, config.durationMicros);
      requireInteger(workload.progressFromMicros, 'workload.progressFromMicros', 0, config.durationMicros);
    },
    setup(simulation, config, { bugs }) {
      const scanCache = new ScanCache();
      simulation.start(SERVER, logStoreServer(config.logstore, bugs, scanCache));
      const clients = clientIds(config.workload.clientCount);
      clients.forEach((client, index) => simulation.start(client, logStoreClient({ ...config.workload, process: index, server: SERVER })));
      let judged: ReturnType<typeof checkLogStore> | null = null;
      let final: FinalLog | null = null;
      return {
        check() {
          final = finalLog(simulation, config, bugs, scanCache);
          const mediaFaults: FaultMark[] = simulation.diskFaults
            .filter((fault) => fault.node === SERVER && (fault.kind === 'bitFlip' || fault.kind === 'misdirectedWrite'))
            .map((fault) => ({ atMicros: fault.atMicros, kind: fault.kind, detail: `${fault.kind} ${fault.file}@${fault.offset}`, file: fault.file }));
          const crashes: FaultMark[] = simulation.faultsApplied
            .filter((each) => each.fault.kind === 'crash' || each.fault.kind === 'powerLoss')
            .map((each) => ({ atMicros: each.atMicros, kind: each.fault.kind, detail: each.fault.kind === 'powerLoss' ? 'power loss' : 'process crash' }));
          judged = checkLogStore(simulation.history, final, mediaFaults, crashes, config.workload.progressFromMicros);
          return judged.violations;
        },
        summary() {
          const corruption = final?.corruption ?? null;
          return {
            durability: config.logstore.durability,
            ackedEvents: judged?.ackedEvents ?? 0,
            recoveredEvents: final?.events.length ?? 0,
            lostToDetectedCorruption: judged?.lostToDetectedCorruption ?? 0,
            corruption: corruption === null ? 'none' : `${corruption.file}@${corruption.offset}: ${corruption.reason}`,
            diskFaults: simulation.diskFaults.length,
          };
        },
      };
    },
  };
}

/** What a restart would recover from n1's disk now, read without repairing anything. */
export function finalLog(simulation: Simulation, config: LogStoreScenarioConfig, bugs: ReadonlySet<string>, scanCache?: ScanCache): FinalLog {
  const { report, events } = recoverReadOnly(simulation, SERVER, { durability: config.logstore.durability, bugs, ...(scanCache === undefined ? {} : { scanCache }) });
  const corruption = report.corruption === null ? null : { file: report.corruption.file, offset: report.corruption.offset, reason: report.corruption.reason, lastGoodPosition: report.corruption.lastGoodPosition };
  return { node: SERVER, events, corruption };
}
