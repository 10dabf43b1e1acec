// faultline report FILE: renders a replay file (re-run and recorded: space-time diagram, header with
// design, --set overrides and bugs) or an explore/merge result (JSON) as HTML, Markdown or JSON.
// With no output option, writes FILE's name with .html beside it and says where.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { inputError } from '../../scenarios/input-error.js';
import { asExploration, groupByProperty, renderExplorationHtml, renderExplorationMarkdown } from '../../reports/exploration.js';
import { decodeReplay, writeAtomically } from '../../reports/replay-file.js';
import { reportFromReplay } from '../../reports/replay-report.js';

export interface ReportOptions {
  html?: string;
  md?: string;
  json?: boolean;
  shrunk?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render a replay file or an explore result as HTML, Markdown or JSON')
    .argument('<file>', 'a .replay file, or the JSON that `explore --json` printed')
    .option('--html <out>', 'write the HTML report here')
    .option('--md <out>', 'write the Markdown report here')
    .option('--json', 'print the report as one JSON object')
    .option('--shrunk', 'report the replay file\'s minimal (shrunk) schedule')
    .addHelpText('after', '\nExamples:\n  faultline report faultline-out/demo-counter-mute-after-restart-seed11.replay --html report.html\n  faultline explore swarm --seeds 200 --json > swarm.json && faultline report swarm.json --md swarm.md')
    .action((file: string, options: ReportOptions) => {
      process.exitCode = reportCommand(file, options);
    });
}

export function reportCommand(file: string, options: ReportOptions): number {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    inputError(`cannot read ${file}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  const outputs = { html: options.html, md: options.md };
  if (outputs.html === undefined && outputs.md === undefined && options.json !== true) outputs.html = `${file.replace(/\.(replay|json)$/, '')}.html`;
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  if (first === 0x7b /* { */) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      inputError(`${file} is neither a replay file nor valid JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
    const exploration = asExploration(parsed, file);
    if (outputs.html !== undefined) writeAtomically(outputs.html, renderExplorationHtml(exploration));
    if (outputs.md !== undefined) writeAtomically(outputs.md, renderExplorationMarkdown(exploration));
    if (options.json === true) process.stdout.write(`${JSON.stringify({ ...exploration, byProperty: groupByProperty(exploration.failures).map(({ example, ...group }) => ({ ...group, message: example.message })) })}\n`);
    announce(outputs, options.json === true);
    return 0;
  }
  const report = reportFromReplay(decodeReplay(bytes, `replay file ${file}`), file, { shrunk: options.shrunk === true });
  if (outputs.html !== undefined) writeAtomically(outputs.html, report.html());
  if (outputs.md !== undefined) writeAtomically(outputs.md, report.markdown());
  if (options.json === true) process.stdout.write(`${JSON.stringify(report.json())}\n`);
  announce(outputs, options.json === true);
  return 0;
}

function announce(outputs: { html?: string | undefined; md?: string | undefined }, quiet: boolean): void {
  const written = [outputs.html, outputs.md].filter((each): each is string => each !== undefined);
  if (quiet) {
    if (written.length > 0) process.stderr.write(`report: ${written.join(', ')}\n`);
    return;
  }
  for (const path of written) process.stdout.write(`report: ${path}\n`);
}
