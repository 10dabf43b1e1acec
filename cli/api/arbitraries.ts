// fast-check arbitraries over whole runs of a scenario — a seed, a fault schedule within the scenario's
// fault window and, optionally, config overrides such as workload sizes — and `assertProperty`, which
// lets fast-check search and shrink them, then leaves the replay file of the shrunk counterexample.
import fc from 'fast-check';
import { faultScheduleArbitrary } from '../../scenarios/arbitrary.js';
import { resolveConfig } from '../../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import type { FaultSchedule } from '../../sim/faults.js';
import { assertPasses, simulate, type SimulateOptions } from './simulate.js';

/** One generated run: what `simulate` needs besides the scenario. */
export interface GeneratedRun {
  seed: number;
  schedule: FaultSchedule;
  set: string[];
}

export interface RunArbitraryOptions<C extends BaseConfig = BaseConfig> {
  scenario: ScenarioDefinition<C>;
  /** Fixed overrides applied before anything is drawn. */
  set?: readonly string[];
  /** Drawn overrides (e.g. workload sizes): `fc.constantFrom(['kv.clientCount=1'], ['kv.clientCount=3'])`. */
  sets?: fc.Arbitrary<string[]>;
  /** Most fault pairs in a schedule (default 6). */
  faultsMax?: number;
  /** Seeds are drawn from [0, seedMax] (default 2^31 - 1). */
  seedMax?: number;
}

/** A seed: what `faultline run --seed` takes. */
export function seedArbitrary(seedMax = 2 ** 31 - 1): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: seedMax });
}

/** A fault schedule against a scenario's fault nodes, inside its config's fault window, ending in healAll. */
export function scenarioScheduleArbitrary<C extends BaseConfig>(scenario: ScenarioDefinition<C>, config: C = scenario.defaults, faultsMax = 6): fc.Arbitrary<FaultSchedule> {
  const nodes = scenario.faultNodes?.(config) ?? scenario.nodes(config);
  return faultScheduleArbitrary({ nodes, startMicros: config.faults.startMicros, endMicros: config.faults.endMicros, faultsMax });
}

/** Whole runs of a scenario: seed, fault schedule and drawn config overrides. */
export function runArbitrary<C extends BaseConfig>(options: RunArbitraryOptions<C>): fc.Arbitrary<GeneratedRun> {
  const config = resolveConfig(options.scenario as ScenarioDefinition<any>, options.set ?? []) as C;
  const fixed = [...(options.set ?? [])];
  return fc.record({
    seed: seedArbitrary(options.seedMax),
    schedule: scenarioScheduleArbitrary(options.scenario, config, options.faultsMax ?? 6),
    set: (options.sets ?? fc.constant<string[]>([])).map((drawn) => [...fixed, ...drawn]),
  });
}

export interface AssertPropertyOptions<C extends BaseConfig = BaseConfig> extends RunArbitraryOptions<C>, Pick<SimulateOptions<C>, 'bugs' | 'out' | 'scenarioModule'> {
  /** Runs fast-check tries (default 20: each is a whole simulation). */
  numRuns?: number;
  /** fast-check's own seed, for a reproducible search. */
  fcSeed?: number;
}

/**
 * Lets fast-check draw runs until one fails (or `numRuns` pass), shrinks the failing one by fast-check's
 * rules, then runs the counterexample once more through `assertPasses`, which writes its replay file
 * and throws a SimulationFailure naming the `faultline replay` command.
 */
export function assertProperty<C extends BaseConfig>(options: AssertPropertyOptions<C>): void {
  const bugs = options.bugs ?? [];
  const property = fc.property(runArbitrary(options), (run) => simulate({ scenario: options.scenario, bugs, ...run, out: false, shrink: false }).outcome !== 'fail');
  const details = fc.check(property, { numRuns: options.numRuns ?? 20, ...(options.fcSeed !== undefined ? { seed: options.fcSeed } : {}) });
  if (!details.failed) return;
  if (details.counterexample === null) throw details.errorInstance ?? new Error(`fast-check failed without a counterexample (seed ${details.seed})`);
  const [run] = details.counterexample;
  assertPasses({ ...options, bugs, ...run, shrink: false });
  throw new Error(`fast-check found a failing run (seed ${run.seed}), but it passed when run again: the model is not deterministic`);
}
