// Proves, through the real `faultline` binary in a child process, that `check-history - --format edn`
// reads a Jepsen history.edn from standard input with the verdict and exit code the file gets (0
// linearizable, 1 not), and that bad EDN input or a bad --format exits 2 with one line and no stack trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectBadInputRun, faultlineProcess } from './test-process.js';

const fixture = (name: string): string => `properties/linearizability/fixtures/${name}.edn`;

describe('check-history --format edn (child process)', () => {
  it('reads standard input with the verdict and exit code of the file, in both forms', () => {
    for (const [name, status] of [['jepsen-register-stale-read', 1], ['jepsen-independent', 0]] as const) {
      const fromFile = faultlineProcess(['check-history', fixture(name), '--json']);
      const fromStdin = faultlineProcess(['check-history', '-', '--format', 'edn', '--json'], { input: readFileSync(fixture(name), 'utf8') });
      expect(fromStdin.stderr, name).toBe('');
      expect(fromStdin.status, name).toBe(status);
      expect(fromFile.status, name).toBe(status);
      const { wallMs: _stdinMs, ...stdinReport } = JSON.parse(fromStdin.stdout) as Record<string, unknown>;
      const { wallMs: _fileMs, ...fileReport } = JSON.parse(fromFile.stdout) as Record<string, unknown>;
      expect(stdinReport, name).toEqual(fileReport);
    }
  });

  it('bad input exits 2 with one line and no stack trace', () => {
    const malformed = faultlineProcess(['check-history', '-', '--format', 'edn'], { input: '{:type :invoke, :f :read, :value nil, :process 0}\n{:type :ok "unclosed' });
    expectBadInputRun(malformed, /^check-history: -: line 2, column 12: a string is never closed/, 'malformed EDN on stdin');
    const format = faultlineProcess(['check-history', fixture('jepsen-register'), '--format', 'toml']);
    expectBadInputRun(format, /^check-history: --format must be one of jsonl, edn \(got "toml"\)/, 'unknown --format');
    const orphan = faultlineProcess(['check-history', '-', '--format', 'edn'], { input: '{:type :info, :f :cas, :value [1 2], :process 3}' });
    expectBadInputRun(orphan, /^check-history: -: line 1, column 1: :info for process 3, which has no operation outstanding/, 'completion without invoke');
  });
});
