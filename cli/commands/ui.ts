// faultline ui (and `faultline` with no arguments at a terminal): the interactive scenario runner.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { inputError } from '../../scenarios/input-error.js';
import { scenarios } from '../../scenarios/registry.js';
import { runSeedsOnWorkers } from '../explore-pool.js';

export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('open the interactive scenario runner (needs a terminal)')
    .option('--out <dir>', 'where reports and replay files go', './faultline-out')
    .action(async (options: { out: string }) => {
      await uiCommand(options);
    });
}

/** True when a person is at the terminal: both ends are TTYs and this is not CI. */
export function interactiveTerminal(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true && !process.env.CI;
}

export async function uiCommand(options: { out: string }): Promise<void> {
  if (!interactiveTerminal()) inputError('faultline ui needs an interactive terminal (use `faultline explore SCENARIO` for plain lines or --json)');
  const { runRunnerApp } = await import('../ui/runner-app.js');
  await runRunnerApp({ scenarios, runPool: runSeedsOnWorkers, outDir: options.out, defaultWorkers: availableParallelism() });
}
