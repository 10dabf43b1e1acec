// The one table of faultline's exit codes. Every command answers with one of these, and only cli/
// decides which: the layers below return verdicts, never numbers.
import type { Verdict } from '../scenarios/runner.js';

export const exitCodes = {
  /** Every property held (check-history: linearizable). */
  pass: 0,
  /** A property was violated (check-history: not linearizable). */
  violated: 1,
  /** Bad usage or bad input: one line on stderr, never a stack trace. */
  badInput: 2,
  /** Nothing failed, but a checker ran out of budget and could not decide. */
  inconclusive: 3,
  /** A bug in faultline itself (sysexits' EX_SOFTWARE). */
  internal: 70,
  /** Stopped by Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

export function exitCodeFor(outcome: Verdict['outcome']): ExitCode {
  switch (outcome) {
    case 'pass':
      return exitCodes.pass;
    case 'fail':
      return exitCodes.violated;
    case 'inconclusive':
      return exitCodes.inconclusive;
  }
}
