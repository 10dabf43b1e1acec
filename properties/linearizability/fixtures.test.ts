// Proves the checker gives the known verdict on hand-written classic histories (new/old inversion, stale
// reads, info operations, Porcupine's README example, optimistic appends), each a JSONL file in fixtures/,
// and on Jepsen history.edn files in both forms (one register, jepsen.independent keys).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinModel, checkEdnHistory, checkJsonlHistory, type BuiltinModelName, type JepsenHistoryForm } from './index.js';

const fixtures: ReadonlyArray<readonly [file: string, model: BuiltinModelName, linearizable: boolean]> = [
  ['register-sequential', 'register', true],
  ['register-read-overlapping-write-sees-new', 'register', true],
  ['register-read-overlapping-write-sees-old', 'register', true],
  ['register-new-old-inversion', 'register', false],
  ['register-stale-read', 'register', false],
  ['register-read-of-unwritten-value', 'register', false],
  ['register-concurrent-writes-either-order', 'register', true],
  ['register-concurrent-writes-flip-flop', 'register', false],
  ['register-cas-ok-on-mismatch', 'register', false],
  ['register-info-write-observed', 'register', true],
  ['register-info-write-took-effect-twice', 'register', false],
  ['register-info-write-before-its-invoke', 'register', false],
  ['register-never-completed-cas', 'register', true],
  ['register-failed-ops-have-no-effect', 'register', false],
  ['register-jepsen-etcd-style', 'register', true],
  ['register-jepsen-etcd-style-violation', 'register', false],
  ['kv-porcupine-readme-linearizable', 'kv', true],
  ['kv-porcupine-readme-not-linearizable', 'kv', false],
  ['kv-appends-concurrent', 'kv', true],
  ['kv-appends-reordered', 'kv', false],
  ['kv-keys-independent-violation', 'kv', false],
  ['eventlog-optimistic-append', 'eventlog', true],
  ['eventlog-double-success', 'eventlog', false],
  ['eventlog-lost-acknowledged-append', 'eventlog', false],
  ['eventlog-reads-diverge', 'eventlog', false],
];

function load(file: string): string {
  return readFileSync(new URL(`./fixtures/${file}.jsonl`, import.meta.url), 'utf8');
}

describe('hand-written fixtures', () => {
  it.each(fixtures)('%s (%s) is linearizable: %s', (file, model, linearizable) => {
    const { result } = checkJsonlHistory(load(file), builtinModel(model));
    expect(result.linearizable).toBe(linearizable);
    if (linearizable) expect(result.failure).toBeNull();
    else expect(result.explanation).toMatch(/^Not linearizable/);
  });
});

const ednFixtures: ReadonlyArray<readonly [file: string, form: JepsenHistoryForm, linearizable: boolean, partitions: number]> = [
  ['jepsen-register', 'register', true, 1],
  ['jepsen-register-stale-read', 'register', false, 1],
  ['jepsen-independent', 'independent', true, 3],
  ['jepsen-independent-crossed-keys', 'independent', false, 2],
];

describe('Jepsen history.edn fixtures', () => {
  it.each(ednFixtures)('%s (%s form) is linearizable: %s', (file, form, linearizable, partitions) => {
    const checked = checkEdnHistory(readFileSync(new URL(`./fixtures/${file}.edn`, import.meta.url), 'utf8'));
    expect(checked.form).toBe(form);
    expect(checked.skipped).toBeGreaterThan(0);
    expect(checked.result.linearizable).toBe(linearizable);
    expect(checked.result.partitions).toBe(partitions);
    if (!linearizable) expect(checked.result.explanation).toMatch(/^Not linearizable/);
  });
});
