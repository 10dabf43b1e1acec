// faultline as a library: `import { simulate, type NodeContext, … } from 'faultline'`.
//
// Write a model against NodeContext (a node factory), a property as a pure function of the run's
// history and final state returning Violations, and a ScenarioDefinition that wires them together;
// then run it from a test with `simulate` / `assertPasses`, or let fast-check draw whole runs with
// `runArbitrary` / `assertProperty`. A failure leaves a replay file that `faultline replay` re-runs.
// `examples/` holds a worked model, property, scenario and vitest suite that use this entry alone.

// Running scenarios
export { simulate, assertPasses, describeFailure, SimulationFailure, type SimulateOptions, type SimulateResult } from './api/simulate.js';
export { replayFile, type ReplayOptions, type ReplayOutcome } from './api/replay.js';
export { loadScenarioModule, resolveScenarioSource, isScenarioPath, type ScenarioSource, type ScenarioModuleRef } from './api/scenario-module.js';
export { toolVersion } from './version.js';
export { runScenario, startRun, resolveConfig, verdictOf, type RunRequest, type RunResult, type RunSession, type Verdict, type FailureKind } from '../scenarios/runner.js';
export { shrinkSchedule, type ShrinkResult } from '../scenarios/shrink.js';
export { shrinkWorkload, describeWorkloadShrink, WORKLOAD_ATTEMPTS_DEFAULT, type WorkloadShrinkResult, type WorkloadShrinkSummary, type WorkloadShrinkOptions, type WorkloadSizes } from '../scenarios/shrink-workload.js';
export { shrinkFailure, type FailureShrink, type FailureShrinkOptions } from '../scenarios/shrink-failure.js';
export { scenarios, findScenario } from '../scenarios/registry.js';
export { validateScenarioDefinition } from '../scenarios/definition.js';
export { validateSchedule } from '../scenarios/validate.js';
export { requireChoice, requireInteger, requireRatio, applyOverride } from '../scenarios/config.js';
export type { BaseConfig, PropertyInfo, ScenarioDefinition, ScenarioRun, SetupContext, WorkloadCount, WorkloadShrinkSpec } from '../scenarios/types.js';

// fast-check arbitraries
export { faultScheduleArbitrary, type ScheduleShape } from '../scenarios/arbitrary.js';
export { assertProperty, runArbitrary, scenarioScheduleArbitrary, seedArbitrary, type AssertPropertyOptions, type GeneratedRun, type RunArbitraryOptions } from './api/arbitraries.js';

// Writing models: the kernel's interfaces
export type { Message, NodeBehaviour, NodeContext, NodeDisk, NodeFactory, Observation, TimerHandle } from '../sim/node.js';
export { Simulation, type RunStop, type SimulationObserver, type SimulationOptions, type TraceEntry } from '../sim/simulation.js';
export { describeFault, generateSchedule, profileKinds, sortSchedule, type Fault, type FaultKind, type FaultProfile, type FaultSchedule, type KindProfile, type ProfileKind, type TimedFault } from '../sim/faults.js';
export type { HistoryEvent, OperationType } from '../sim/history.js';
export { Random, rootRandom } from '../sim/random.js';
export { formatMicros, millis, seconds, type Micros } from '../sim/time.js';
export { networkDefaults, type NetworkConfig } from '../sim/network.js';
export { diskDefaults, type DiskConfig, type FsyncResult } from '../sim/disk.js';
export { InputError } from '../scenarios/input-error.js';
export { AssertionError, assert } from '../sim/assert.js';

// Writing properties
export type { Violation, ViolationKind } from '../properties/violation.js';

// The linearizability checker (the whole of it: `faultline/linearizability`)
export {
  builtinModel,
  builtinModelNames,
  checkEdnHistory,
  checkHistory,
  checkJsonlHistory,
  eventlogModel,
  HistoryInputError,
  kvModel,
  parseHistoryJsonl,
  registerModel,
  type Budget,
  type CheckOptions,
  type CheckResult,
  type Model,
  type Operation,
  type Outcome,
  type StepResult,
} from '../properties/linearizability/index.js';

// Replay files and reports
export { renderTimelineHtml, type TimelineOptions } from '../reports/linearizability-timeline.js';
export { decodeReplay, encodeReplay, readReplayFile, replayBaseName, writeReplayFile, type ReplayFile } from '../reports/replay-file.js';
export { renderMarkdown } from '../reports/markdown.js';
