// Every named scenario. `faultline list` prints these; the first log store scenario is the default.
import { inputError } from './input-error.js';
import { counterSwarm } from './counter-swarm.js';
import { demoCounter } from './demo-counter.js';
import { logStoreCrash } from './logstore-crash.js';
import { logStoreDisk } from './logstore-disk.js';
import { logStoreSwarm } from './logstore-swarm.js';
import { replicationClockSkew, replicationCrashRestart, replicationDiskFaults, replicationPartitionBridge, replicationPartitionPrimary, replicationSwarm } from './replication.js';
import { replicationFigure8 } from './replication-figure8.js';
import { readModelCrash } from './readmodel-crash.js';
import { readModelPartition } from './readmodel-partition.js';
import { readModelSwarm } from './readmodel-swarm.js';
import { sagaCoordinatorCrash } from './saga-coordinator-crash.js';
import { sagaFaults } from './saga-faults.js';
import { sagaSwarm } from './saga-swarm.js';
import type { ScenarioDefinition } from './types.js';

export const scenarios: ScenarioDefinition<any>[] = [
  logStoreCrash,
  logStoreDisk,
  logStoreSwarm,
  demoCounter,
  counterSwarm,
  replicationPartitionPrimary,
  replicationPartitionBridge,
  replicationCrashRestart,
  replicationClockSkew,
  replicationDiskFaults,
  replicationSwarm,
  replicationFigure8,
  sagaFaults,
  sagaCoordinatorCrash,
  sagaSwarm,
  readModelCrash,
  readModelPartition,
  readModelSwarm,
];

export function findScenario(name: string): ScenarioDefinition<any> {
  const found = scenarios.find((scenario) => scenario.name === name);
  if (found === undefined) inputError(`unknown scenario "${name}" (known: ${scenarios.map((scenario) => scenario.name).join(', ')}; or the path of a scenario module, e.g. ./my-scenario.js)`);
  return found;
}
