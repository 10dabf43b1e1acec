// demo-counter: three counter nodes, two clients, crashes, power losses, partitions and pauses for
// three simulated seconds, then a healed quiet period in which every node must answer a ping.
import { clientIds } from '../sim/history.js';
import { networkDefaults } from '../sim/network.js';
import { diskDefaults } from '../sim/disk.js';
import { counterClient } from '../models/counter/client.js';
import { counterBugs, counterServer, type CounterNode } from '../models/counter/server.js';
import { ackedIncrementsDurable, respondsAfterHeal } from '../properties/counter.js';
import { requireInteger } from './config.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';

export interface DemoCounterConfig extends BaseConfig {
  counter: { nodeCount: number; clientCount: number; intervalMicros: number; timeoutMicros: number; pingFromMicros: number };
}

const nodeIds = (config: DemoCounterConfig): string[] => Array.from({ length: config.counter.nodeCount }, (_, index) => `n${index + 1}`);
const clients = (config: DemoCounterConfig): string[] => clientIds(config.counter.clientCount);

export const demoCounter: ScenarioDefinition<DemoCounterConfig> = {
  name: 'demo-counter',
  description: 'Kernel fixture: durable counters under crashes, power loss, partitions and pauses',
  model: 'counter',
  bugs: counterBugs,
  properties: [
    { name: 'acked-increments-durable', description: 'an acknowledged increment is never lost, not even by a power loss' },
    { name: 'responds-after-heal', description: 'after every fault heals, every node answers a ping' },
  ],
  coverage: [{ name: 'restarted-from-disk', description: 'a node restarted and recovered its count from a non-empty disk' }],
  defaults: {
    durationMicros: 5_000_000,
    eventsMax: 1_000_000,
    pendingEventsMax: 100_000,
    network: { ...networkDefaults },
    disk: { ...diskDefaults },
    schedule: null,
    faults: {
      swarm: false,
      startMicros: 0,
      endMicros: 3_000_000,
      kinds: {
        crash: { eventsMax: 3, durationMicrosMin: 10_000, durationMicrosMax: 500_000, magnitudeMax: 0 },
        powerLoss: { eventsMax: 3, durationMicrosMin: 10_000, durationMicrosMax: 500_000, magnitudeMax: 0 },
        partition: { eventsMax: 2, durationMicrosMin: 50_000, durationMicrosMax: 800_000, magnitudeMax: 0 },
        pause: { eventsMax: 2, durationMicrosMin: 10_000, durationMicrosMax: 300_000, magnitudeMax: 0 },
      },
    },
    counter: { nodeCount: 3, clientCount: 2, intervalMicros: 5_000, timeoutMicros: 50_000, pingFromMicros: 3_500_000 },
  },
  nodes: nodeIds,
  clients,
  // No workload end: clients increment until the run ends; pings start at pingFromMicros.
  // The final counts are read from the nodes' state, which needs no time to settle: any quiet period will do.
  workloadShrink: { counts: [{ name: 'clients', path: 'counter.clientCount', min: 1 }], tailPaths: ['counter.pingFromMicros'], quietMicrosMin: 0 },
  validate(config) {
    requireInteger(config.counter.nodeCount, 'counter.nodeCount', 1, 64);
    requireInteger(config.counter.clientCount, 'counter.clientCount', 1, 64);
    requireInteger(config.counter.intervalMicros, 'counter.intervalMicros', 1);
    requireInteger(config.counter.timeoutMicros, 'counter.timeoutMicros', 1);
    requireInteger(config.counter.pingFromMicros, 'counter.pingFromMicros', 0);
  },
  setup(simulation, config, { bugs }) {
    const nodes = nodeIds(config);
    for (const node of nodes) simulation.start(node, counterServer(bugs));
    clients(config).forEach((client, index) =>
      simulation.start(client, counterClient({ process: index, intervalMicros: config.counter.intervalMicros, timeoutMicros: config.counter.timeoutMicros, pingFromMicros: config.counter.pingFromMicros })),
    );
    return {
      check() {
        const finalValues = new Map(nodes.map((node) => [node, simulation.behaviourOf<CounterNode>(node)?.value ?? null]));
        return [
          ...ackedIncrementsDurable(simulation.history, finalValues),
          ...respondsAfterHeal(simulation.history, nodes, config.counter.pingFromMicros),
        ];
      },
      summary() {
        const acked = simulation.history.filter((event) => event.type === 'ok' && event.f === 'incr').length;
        return { ackedIncrements: acked };
      },
    };
  },
};
