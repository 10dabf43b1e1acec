// faultline list: every scenario with its model, properties, planted bugs, coverage goals and drawn options.
import type { Command } from 'commander';
import { drawnOptionPaths } from '../../scenarios/options.js';
import { scenarios } from '../../scenarios/registry.js';
import { resolveConfig } from '../../scenarios/runner.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the scenarios, their properties, planted bugs, coverage goals and the options each draws per seed')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      `
Examples:
  $ faultline list
  $ faultline list --json`,
    )
    .action((options: { json?: boolean }) => {
      const rows = scenarios.map((scenario) => ({
        name: scenario.name,
        description: scenario.description,
        model: scenario.model,
        properties: scenario.properties.map((property) => property.name),
        bugs: Object.keys(scenario.bugs),
        coverage: (scenario.coverage ?? []).map((goal) => goal.name),
        drawnPerSeed: drawnOptionPaths(scenario, resolveConfig(scenario, [])),
      }));
      if (options.json) {
        // What a failing run's workload may shrink to (README: Shrinking a failure), in JSON only.
        const withShrink = rows.map((row, index) => ({ ...row, workloadShrink: scenarios[index]?.workloadShrink ?? null }));
        process.stdout.write(`${JSON.stringify({ scenarios: withShrink })}\n`);
        return;
      }
      for (const row of rows) {
        process.stdout.write(`${row.name}  — ${row.description}\n`);
        process.stdout.write(`    model ${row.model} · properties: ${row.properties.join(', ')}\n`);
        process.stdout.write(`    bugs: ${row.bugs.length > 0 ? row.bugs.join(', ') : 'none'}\n`);
        process.stdout.write(`    coverage goals: ${row.coverage.length > 0 ? row.coverage.join(', ') : 'none'}\n`);
        if (row.drawnPerSeed.length > 0) process.stdout.write(`    options drawn per seed (swarm testing; --set swarmOptions=false to fix them): ${row.drawnPerSeed.join(', ')}\n`);
      }
    });
}
