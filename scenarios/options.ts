// Swarm testing of a design's options: a scenario that draws options (`drawOptions`) gives each seed
// its own design and workload choices — leases on or off, a slow disk, one stream or six — as `path=value`
// assignments applied to a copy of the resolved config. The draw comes from the seed's own `options`
// stream, so it changes no other stream's numbers, and it is a pure function of (scenario, config, seed):
// a run records the config before the draw, and its replay draws the same options again.
import { rootRandom } from '../sim/random.js';
import { applyOverride, cloneConfig } from './config.js';
import { inputError, InputError } from './input-error.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';
import { validateBase } from './validate.js';

/** At most this many options per seed: a draw is a handful of choices, not a config of its own. */
const OPTIONS_MAX = 64;

export interface SeedConfig {
  /** The config the seed runs with: the given one, with the drawn options applied. */
  config: BaseConfig;
  /** The drawn options, `path=value`, in the order they were applied; empty without a draw. */
  options: string[];
}

/** The config seed `seed` runs with. Without `swarmOptions` (or a scenario that draws none) it is `config` itself. */
export function configForSeed(scenario: ScenarioDefinition<any>, config: BaseConfig, seed: number): SeedConfig {
  if (config.swarmOptions !== true || scenario.drawOptions === undefined) return { config, options: [] };
  const options = scenario.drawOptions(config, rootRandom(seed).fork('options'));
  if (options.length > OPTIONS_MAX) inputError(`scenario ${scenario.name} drew ${options.length} options for seed ${seed} (at most ${OPTIONS_MAX})`);
  const drawn = cloneConfig(config);
  try {
    for (const assignment of options) applyOverride(drawn as unknown as Record<string, unknown>, assignment);
    validateBase(drawn, scenario.nodes(drawn), scenario.clients(drawn));
    scenario.validate?.(drawn);
  } catch (error) {
    if (error instanceof InputError) inputError(`scenario ${scenario.name}, seed ${seed}: a drawn option is unusable: ${error.message}`);
    throw error;
  }
  return { config: drawn, options };
}

/**
 * The config paths a scenario's draw sets, over the first `seeds` seeds, in the order first seen: what
 * `faultline list` names as drawn per seed. Empty for a scenario that draws nothing.
 */
export function drawnOptionPaths(scenario: ScenarioDefinition<any>, config: BaseConfig, seeds = 32): string[] {
  const paths = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    for (const assignment of configForSeed(scenario, config, seed).options) paths.add(assignment.slice(0, assignment.indexOf('=')));
  }
  return [...paths];
}
