// The user's scenario: one register server, two clients, crashes, power losses and pauses of the
// server for 1.5 simulated seconds, then a quiet half second. Export it as default so the CLI can run
// the compiled module: `faultline run ./dist/examples/register-store/scenario.js --bug ack-before-fsync`.
import { diskDefaults, networkDefaults, requireInteger, type BaseConfig, type ScenarioDefinition } from 'faultline';
import { registerBugs, registerClient, registerServer } from './model.js';
import { linearizableRegister } from './property.js';

export interface RegisterStoreConfig extends BaseConfig {
  register: { clientCount: number; intervalMicros: number; timeoutMicros: number };
}

const clientIds = (config: RegisterStoreConfig): string[] => Array.from({ length: config.register.clientCount }, (_, index) => `c${index + 1}`);

export const registerStore: ScenarioDefinition<RegisterStoreConfig> = {
  name: 'register-store',
  description: 'Example: a durable single-node register under crashes, power loss and pauses',
  model: 'register-store',
  bugs: registerBugs,
  properties: [{ name: 'linearizable-register', description: 'every read returns the latest acknowledged write (the history is linearizable)' }],
  defaults: {
    durationMicros: 2_000_000,
    eventsMax: 500_000,
    pendingEventsMax: 50_000,
    network: { ...networkDefaults },
    disk: { ...diskDefaults },
    schedule: null,
    faults: {
      swarm: false,
      startMicros: 0,
      endMicros: 1_500_000,
      kinds: {
        crash: { eventsMax: 2, durationMicrosMin: 10_000, durationMicrosMax: 200_000, magnitudeMax: 0 },
        powerLoss: { eventsMax: 3, durationMicrosMin: 10_000, durationMicrosMax: 200_000, magnitudeMax: 0 },
        pause: { eventsMax: 2, durationMicrosMin: 10_000, durationMicrosMax: 100_000, magnitudeMax: 0 },
      },
    },
    register: { clientCount: 2, intervalMicros: 5_000, timeoutMicros: 50_000 },
  },
  nodes: () => ['n1'],
  clients: clientIds,
  // What a failing run's workload may shrink to: fewer clients, and a quiet period down to nothing (the
  // property reads only the history, so nothing needs time to settle after the heal).
  workloadShrink: { counts: [{ name: 'clients', path: 'register.clientCount', min: 1 }], quietMicrosMin: 0 },
  validate(config) {
    requireInteger(config.register.clientCount, 'register.clientCount', 1, 16);
    requireInteger(config.register.intervalMicros, 'register.intervalMicros', 1);
    requireInteger(config.register.timeoutMicros, 'register.timeoutMicros', 1);
  },
  setup(simulation, config, { bugs }) {
    simulation.start('n1', registerServer(bugs));
    clientIds(config).forEach((client, index) =>
      simulation.start(client, registerClient({ process: index, intervalMicros: config.register.intervalMicros, timeoutMicros: config.register.timeoutMicros })),
    );
    return {
      check: () => linearizableRegister(simulation.history),
      summary: () => ({ acknowledgedWrites: simulation.history.filter((event) => event.type === 'ok' && event.f === 'write').length }),
    };
  },
};

export default registerStore;
