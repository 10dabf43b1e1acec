// faultline list: every scenario with its model, properties and planted bugs.
import type { Command } from 'commander';
import { scenarios } from '../../scenarios/registry.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the scenarios, their properties, planted bugs and coverage goals')
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
      }
    });
}
