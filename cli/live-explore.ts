// The listeners of `faultline explore`, chosen here in cli/: the live ink view at a terminal, plain
// lines for logs and CI, nothing for --json. Whatever the listener, failures are printed in seed order
// (a failing seed is released once every lower seed has finished, so with --stop-on-first only the
// lowest is ever printed), and Ctrl-C (SIGINT) stops handing out seeds, keeps what finished and marks
// the run interrupted so the command prints its summary and exits 130.
import type { BaseConfig, ScenarioDefinition } from '../scenarios/types.js';
import { runSeedsOnWorkers, type PoolRequest } from './explore-pool.js';
import type { SeedOutcome } from './explore-protocol.js';
import { ExploreTracker } from './ui/explore-tracker.js';
import { join } from 'node:path';
import { renderExplorationHtml, renderExplorationMarkdown, type Exploration } from '../reports/exploration.js';
import { writeAtomically } from '../reports/replay-file.js';

export type ExploreListener = 'view' | 'plain' | 'json';

export interface LiveExploreResult {
  outcomes: SeedOutcome[];
  interrupted: boolean;
  tracker: ExploreTracker;
}

/** The live view only for a person at a terminal: not with --json or --no-ui, not in CI, not when piped. */
export function chooseListener(options: { json?: boolean; ui?: boolean }): ExploreListener {
  if (options.json === true) return 'json';
  if (options.ui === false || process.stdout.isTTY !== true || process.stdin.isTTY !== true || process.env.CI) return 'plain';
  return 'view';
}

/** Releases failing seeds in seed order as the seeds below them finish. */
export function orderedFailurePrinter(seeds: readonly number[], stopOnFirst: boolean, write: (line: string) => void): { onOutcome(outcome: SeedOutcome): void; flush(): void } {
  const finished = new Map<number, SeedOutcome>();
  let next = 0;
  let printedFailure = false;
  const release = (done: SeedOutcome): void => {
    if (done.outcome === 'pass' || (stopOnFirst && printedFailure)) return;
    if (done.outcome === 'fail') printedFailure = stopOnFirst;
    const label = done.outcome === 'inconclusive' ? ' (inconclusive)' : '';
    write(`seed ${done.seed}${label}: ${done.violations[0]?.property}: ${done.violations[0]?.message}\n`);
  };
  return {
    onOutcome(outcome) {
      finished.set(outcome.seed, outcome);
      while (next < seeds.length && finished.has(seeds[next] as number)) {
        const done = finished.get(seeds[next] as number) as SeedOutcome;
        finished.delete(done.seed);
        next++;
        release(done);
      }
    },
    /** After a stop: the finished seeds above the first one that never ran, still in seed order. */
    flush() {
      for (const done of [...finished.values()].sort((a, b) => a.seed - b.seed)) release(done);
      finished.clear();
    },
  };
}

export async function exploreLive(
  request: Omit<PoolRequest, 'onOutcome' | 'stop'> & { definition: ScenarioDefinition<any>; config: BaseConfig; listener: ExploreListener },
  runPool: (request: PoolRequest) => Promise<SeedOutcome[]> = runSeedsOnWorkers,
): Promise<LiveExploreResult> {
  const tracker = new ExploreTracker(request.definition, request.config, request.bugs, request.seeds.length, Math.max(1, Math.min(request.workers, request.seeds.length)));
  const stop = { aborted: false };
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    stop.aborted = true;
    tracker.stopping = true;
    if (request.listener !== 'json') process.stderr.write('interrupted: finishing the seeds already running, then the summary\n');
  };
  process.on('SIGINT', onSigint);
  try {
    const { definition: _definition, listener, ...pool } = request;
    if (listener === 'view') {
      const { exploreWithView } = await import('./ui/explore-live.js');
      const viewed = await exploreWithView(tracker, { ...pool, stop, batchSizeMax: 2 }, runPool);
      return { outcomes: viewed.outcomes, interrupted: interrupted || viewed.interrupted, tracker };
    }
    const print = listener === 'plain' ? orderedFailurePrinter(request.seeds, request.stopOnFirst, (line) => process.stdout.write(line)) : null;
    const outcomes = await runPool({
      ...pool,
      stop,
      onOutcome: (outcome) => {
        tracker.onOutcome(outcome);
        print?.onOutcome(outcome);
      },
    });
    print?.flush();
    tracker.finish();
    return { outcomes, interrupted, tracker };
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Writes `DIR/<scenario>[-bugs]-explore.html` and `.md` when something failed or was undecided; returns the HTML path. */
export function writeExplorationSummary(directory: string, exploration: Exploration): string | null {
  if (exploration.failures.length === 0 && (exploration.inconclusive?.length ?? 0) === 0) return null;
  const bugs = exploration.bugs !== undefined && exploration.bugs.length > 0 ? `-${exploration.bugs.join('+')}` : '';
  const base = join(directory, `${exploration.scenario}${bugs}-explore`);
  writeAtomically(`${base}.html`, renderExplorationHtml(exploration));
  writeAtomically(`${base}.md`, renderExplorationMarkdown(exploration));
  return `${base}.html`;
}
