// Proves the checker gives the known verdict on hand-written classic histories (new/old inversion, stale
// reads, info operations, Porcupine's README example, optimistic appends), each a JSONL file in fixtures/.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinModel, checkJsonlHistory, type BuiltinModelName } from './index.js';

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
