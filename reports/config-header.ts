// What a report's header says about how a run was configured: the design choices (any field named
// `design` or `durability`) and every field that differs from the scenario's defaults, as the
// `--set path=value` that would reproduce it. Derived from the resolved config, so a replay file
// (which records only the resolved config) yields the same header as the run that wrote it.
import type { BaseConfig } from '../scenarios/types.js';

const DESIGN_KEYS = new Set(['design', 'durability', 'persistence', 'projection', 'cache']);
const LEAVES_MAX = 10_000;

type Leaf = { path: string; value: unknown };

/** Leaves of a plain config object, by dotted path (arrays and null are leaves). Iterative, bounded. */
function leaves(root: unknown): Leaf[] {
  const found: Leaf[] = [];
  const stack: { path: string; value: unknown }[] = [{ path: '', value: root }];
  while (stack.length > 0 && found.length < LEAVES_MAX) {
    const { path, value } = stack.pop() as Leaf;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index] as [string, unknown];
        stack.push({ path: path === '' ? key : `${path}.${key}`, value: child });
      }
    } else found.push({ path, value });
  }
  return found;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `path=value` for every field of `config` that differs from `defaults` (in the config's own order). */
export function configOverrides(defaults: BaseConfig, config: BaseConfig): string[] {
  const base = new Map(leaves(defaults).map((leaf) => [leaf.path, JSON.stringify(leaf.value)]));
  return leaves(config)
    .filter((leaf) => base.get(leaf.path) !== JSON.stringify(leaf.value))
    .map((leaf) => `${leaf.path}=${show(leaf.value)}`);
}

/** The design choices of a config, e.g. `replication.design=quorum`; empty when it has none. */
export function designChoices(config: BaseConfig): string[] {
  return leaves(config)
    .filter((leaf) => DESIGN_KEYS.has(leaf.path.split('.').pop() ?? ''))
    .map((leaf) => `${leaf.path}=${show(leaf.value)}`);
}

/**
 * One line for a header: `design replication.design=async · --set a=1 --set b=2 · bugs x, y`, and
 * when the seed drew its own options (`swarmOptions`), `drawn for this seed: replication.leases=true …`.
 */
export function configLine(defaults: BaseConfig | null, config: BaseConfig, bugs: readonly string[], options: readonly string[] = []): string {
  const design = designChoices(config);
  const overrides = defaults === null ? [] : configOverrides(defaults, config);
  return [
    `design: ${design.length > 0 ? design.join(', ') : 'the scenario\'s own'}`,
    `overrides: ${overrides.length > 0 ? overrides.map((each) => `--set ${each}`).join(' ') : 'none'}`,
    ...(options.length > 0 ? [`drawn for this seed: ${options.join(', ')}`] : []),
    `bugs: ${bugs.length > 0 ? bugs.join(', ') : 'none'}`,
  ].join(' · ');
}
