// The replication scenarios share one shape: N replicas running the chosen design
// (`replication.design`), M clients appending to and reading streams, a fault profile, a final healAll
// at `faults.endMicros`, a quiet period in which the workload winds down, then the checks.
import { diskDefaults } from '../sim/disk.js';
import type { FaultProfile, FaultSchedule } from '../sim/faults.js';
import type { NodeBehaviour } from '../sim/node.js';
import { networkDefaults } from '../sim/network.js';
import { replicationClient } from '../models/replication/client.js';
import { designs, replicationBugs, replicationDefaults, type ReplicationConfig } from '../models/replication/config.js';
import type { ReplicaInspect } from '../models/replication/observer.js';
import { quorumServer } from '../models/replication/quorum.js';
import { shippingServer } from '../models/replication/shipping.js';
import { convergence, livenessAfterHeal, noAckedEventLost, noDivergence, onePrimaryPerTerm, uniquePositions, type FinalNode } from '../properties/replication/checks.js';
import { linearizableHistory } from '../properties/replication/linearizable.js';
import { ReplicationRecorder } from '../properties/replication/recorder.js';
import { requireChoice, requireInteger } from './config.js';
import type { Violation } from '../properties/violation.js';
import type { BaseConfig, PropertyInfo, ScenarioDefinition } from './types.js';
import { clientIds } from '../sim/history.js';
import type { Random } from '../sim/random.js';

export interface ReplicationScenarioConfig extends BaseConfig {
  replication: ReplicationConfig;
  checks: {
    /** The linearizability checker's search budget; a history it cannot decide within it makes the run inconclusive. */
    linearizabilityStepsMax: number;
  };
}

export const replicationProperties: readonly PropertyInfo[] = [
  { name: 'no-acked-event-lost', description: 'every acknowledged append is in every live node’s committed log, once, at its acknowledged position' },
  { name: 'no-divergence', description: 'no two nodes ever commit different entries at one index' },
  { name: 'one-primary-per-term', description: 'at most one primary per term (quorum design)' },
  { name: 'unique-positions', description: 'no two events are acknowledged at the same global position' },
  { name: 'linearizable-reads', description: 'the append/read history is linearizable (prefix-consistency and real-time checks)' },
  { name: 'liveness-after-heal', description: 'after the final heal a write succeeds within replication.livenessBoundMicros' },
  { name: 'convergence', description: 'after the quiet period every replica holds a byte-identical log' },
];

/** Coverage goals the replication models mark (`NodeContext.cover`); each scenario declares those it must reach. */
export const replicationGoals = {
  'election-with-divergent-log': 'a primary was elected holding entries of earlier terms past its commit point (other replicas may hold something else there)',
  'suffix-truncated': 'a follower truncated a divergent uncommitted suffix on a primary’s word',
  'torn-tail-cut': 'a replica restarted after a torn or corrupt write and cut its log’s tail',
  'lease-expired-during-read': 'a read reached a primary whose lease had lapsed, so it confirmed leadership with a round instead',
  'retry-deduplicated': 'a retried append was recognised by its event id and not appended twice',
} as const;

export type ReplicationGoal = keyof typeof replicationGoals;

const nodeIds = (config: ReplicationScenarioConfig): string[] => Array.from({ length: config.replication.nodeCount }, (_, index) => `n${index + 1}`);
const clientsOf = (config: ReplicationScenarioConfig): string[] => clientIds(config.replication.clientCount);

/** The time of the final heal: the last scheduled healAll, else the profile's end. */
function healMicros(schedule: FaultSchedule, profile: FaultProfile): number {
  let last = -1;
  for (const timed of schedule) if (timed.fault.kind === 'healAll' && timed.atMicros > last) last = timed.atMicros;
  return last >= 0 ? last : profile.endMicros;
}

export interface ReplicationScenarioSpec {
  name: string;
  description: string;
  faults: FaultProfile;
  replication?: Partial<ReplicationConfig>;
  schedule?: FaultSchedule | null;
  durationMicros?: number;
  /** Restrict generated faults to these replica indexes (0-based), e.g. disk faults on one replica. */
  faultReplicaIndexes?: readonly number[];
  /**
   * Let generated partitions place clients too (only for partition kinds: clients are never crashed),
   * so an isolated primary is cut off from the clients on the majority side, as in Jepsen.
   */
  partitionClients?: boolean;
  /** Coverage goals this scenario must reach across an exploration (`explore --require-coverage`). */
  coverage?: readonly ReplicationGoal[];
  /** Swarm testing of the design: each seed draws these options (`swarmOptions`, on when this is given). */
  drawOptions?: (config: ReplicationScenarioConfig, random: Random) => string[];
}

export function replicationScenario(spec: ReplicationScenarioSpec): ScenarioDefinition<ReplicationScenarioConfig> {
  const definition: ScenarioDefinition<ReplicationScenarioConfig> = {
    name: spec.name,
    description: spec.description,
    model: 'replication',
    bugs: replicationBugs,
    properties: replicationProperties,
    coverage: (spec.coverage ?? []).map((goal) => ({ name: goal, description: replicationGoals[goal] })),
    defaults: {
      durationMicros: spec.durationMicros ?? 10_000_000,
      eventsMax: 3_000_000,
      pendingEventsMax: 200_000,
      network: { ...networkDefaults },
      disk: { ...diskDefaults },
      schedule: spec.schedule ?? null,
      faults: spec.faults,
      replication: { ...replicationDefaults, ...spec.replication },
      checks: { linearizabilityStepsMax: 2_000_000 },
      ...(spec.drawOptions !== undefined ? { swarmOptions: true } : {}),
    },
    nodes: nodeIds,
    clients: clientsOf,
    workloadShrink: {
      counts: [
        { name: 'clients', path: 'replication.clientCount', min: 1 },
        { name: 'streams', path: 'replication.streamCount', min: 1 },
      ],
      // No workloadEndPath: liveness-after-heal needs appends after the final heal even when another
      // property is the one failing (a correct design must still pass the shrunk run), so the workload's
      // end only moves with the heal and the quiet period.
      tailPaths: ['replication.workloadEndMicros'],
      // Every live replica must hold every acknowledged event by the end: leave time for elections and catch-up.
      quietMicrosMin: 2_000_000,
    },
    validate(config) {
      const replication = config.replication;
      requireChoice(replication.design, 'replication.design', designs);
      requireInteger(replication.nodeCount, 'replication.nodeCount', 1, 9);
      requireInteger(replication.clientCount, 'replication.clientCount', 1, 64);
      requireInteger(replication.streamCount, 'replication.streamCount', 1, 1_000);
      requireInteger(replication.heartbeatMicros, 'replication.heartbeatMicros', 1);
      requireInteger(replication.electionMicrosMin, 'replication.electionMicrosMin', replication.heartbeatMicros * 2);
      requireInteger(replication.electionMicrosMax, 'replication.electionMicrosMax', replication.electionMicrosMin);
      requireInteger(replication.batchEntriesMax, 'replication.batchEntriesMax', 1, 10_000);
      requireInteger(replication.leaseDriftBoundPpm, 'replication.leaseDriftBoundPpm', 0, 500_000);
      requireInteger(replication.requestTimeoutMicros, 'replication.requestTimeoutMicros', 1);
      requireInteger(replication.operationDeadlineMicros, 'replication.operationDeadlineMicros', replication.requestTimeoutMicros);
      requireInteger(replication.thinkMicrosMax, 'replication.thinkMicrosMax', 1);
      requireInteger(replication.readPerMille, 'replication.readPerMille', 0, 1000);
      requireInteger(replication.expectedVersionPerMille, 'replication.expectedVersionPerMille', 0, 1000);
      requireInteger(replication.workloadEndMicros, 'replication.workloadEndMicros', 0, config.durationMicros);
      requireInteger(replication.livenessBoundMicros, 'replication.livenessBoundMicros', 1);
      requireInteger(config.checks.linearizabilityStepsMax, 'checks.linearizabilityStepsMax', 1);
    },
    setup(simulation, config, { bugs, schedule }) {
      const replication = config.replication;
      const nodes = nodeIds(config);
      const recorder = new ReplicationRecorder(() => simulation.now, replication.design === 'quorum');
      const factory = replication.design === 'quorum' ? quorumServer(replication, bugs, recorder) : shippingServer(replication, recorder);
      for (const node of nodes) simulation.start(node, factory);
      clientsOf(config).forEach((client, index) => simulation.start(client, replicationClient(replication, index)));
      const healedMicros = healMicros(schedule, config.faults);
      const finals = (): FinalNode[] => nodes.map((node) => ({ node, state: simulation.isUp(node) ? (simulation.behaviourOf<NodeBehaviour & ReplicaInspect>(node)?.inspect() ?? null) : null }));
      return {
        check() {
          const final = finals();
          const reference = [...final].filter((each) => each.state !== null).sort((a, b) => (b.state?.committedLength ?? 0) - (a.state?.committedLength ?? 0))[0]?.state ?? null;
          const violations: Violation[] = [
            ...noAckedEventLost(simulation.history, final, recorder),
            ...noDivergence(final, recorder),
            ...onePrimaryPerTerm(recorder),
            ...uniquePositions(simulation.history),
            ...linearizableHistory(simulation.history, reference, config.checks.linearizabilityStepsMax),
            ...livenessAfterHeal(simulation.history, healedMicros, replication.livenessBoundMicros),
            ...convergence(final),
          ];
          return violations;
        },
        summary() {
          const history = simulation.history;
          return {
            design: replication.design,
            ackedAppends: history.filter((event) => event.type === 'ok' && event.f === 'append').length,
            okReads: history.filter((event) => event.type === 'ok' && event.f === 'read').length,
            infoOperations: history.filter((event) => event.type === 'info').length,
            primaries: recorder.primaries.length,
            commits: recorder.commitsRecorded,
          };
        },
      };
    },
  };
  if (spec.partitionClients === true) definition.faultNodes = (config) => [...nodeIds(config), ...clientsOf(config)];
  if (spec.drawOptions !== undefined) definition.drawOptions = spec.drawOptions;
  if (spec.faultReplicaIndexes !== undefined) {
    const indexes = spec.faultReplicaIndexes;
    definition.faultNodes = (config) => nodeIds(config).filter((_, index) => indexes.includes(index));
  }
  return definition;
}
