// The faultline command line. Thin: parse, call a library function, print. Bad input of any kind
// becomes one line on stderr and exit code 2; no stack trace reaches the user.
import { Command, CommanderError } from 'commander';
import { InputError } from '../scenarios/input-error.js';
import { registerCheckHistory } from './check-history.js';
import { registerExplore } from './commands/explore.js';
import { registerList } from './commands/list.js';
import { registerMerge } from './commands/merge.js';
import { registerReplay } from './commands/replay.js';
import { registerReport } from './commands/report.js';
import { interactiveTerminal, registerUi } from './commands/ui.js';
import { registerRun } from './commands/run.js';
import { exitCodes } from './exit-codes.js';
import { toolVersion } from './version.js';


export function buildProgram(): Command {
  const program = new Command();
  program
    .name('faultline')
    .description('Deterministic cluster simulator and chaos-testing harness')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') })
    .addHelpText(
      'after',
      `
Examples:
  $ faultline list
  $ faultline run logstore-crash --seed 7
  $ faultline run demo-counter --seed 11 --bug mute-after-restart
  $ faultline replay faultline-out/demo-counter-mute-after-restart-seed11.replay --shrunk
  $ faultline explore swarm --seeds 1000 --workers 2
  $ faultline merge a.json b.json
  $ faultline run ./dist/my-scenario.js --seed 1     # your own scenario module

Exit codes: 0 every property held, 1 a property was violated, 2 bad usage or input, 3 inconclusive.`,
    );
  registerList(program);
  registerRun(program);
  registerReplay(program);
  registerExplore(program);
  registerMerge(program);
  registerCheckHistory(program);
  registerReport(program);
  registerUi(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `faultline replay FILE --trace | head`: the reader left; stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = buildProgram();
  try {
    // No arguments at a terminal: the scenario runner. Anywhere else commander prints the help.
    await program.parseAsync(argv.length === 0 && interactiveTerminal() ? ['ui'] : argv, { from: 'user' });
  } catch (error) {
    process.exitCode = exitCodeForError(error);
  }
}

function exitCodeForError(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version exit 0 through here; everything else commander rejects is bad usage.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return exitCodes.pass;
    if (error.code === 'commander.help') return exitCodes.pass;
    return exitCodes.badInput;
  }
  if (error instanceof InputError) {
    process.stderr.write(`faultline: ${error.message}\n`);
    return exitCodes.badInput;
  }
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`faultline: internal error: ${text.split('\n')[0]}\n`);
  return exitCodes.internal;
}
