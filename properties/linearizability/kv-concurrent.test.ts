// Proves the checker decides large, highly concurrent kv histories of the Jepsen kv shape (2,000
// operations, 50 processes, 10 keys, 45% gets, 45% appends of unique values, 10% puts): linearizable ones
// are judged linearizable and, with one get corrupted, not linearizable on the corrupted key. The budget
// is generous (speed is measured by `npm run bench`, not here); only the verdicts are asserted.

import { describe, expect, it } from 'vitest';
import { checkHistory } from './checker.js';
import { concurrentKvHistory } from './generator.js';
import { kvModel } from './kv.js';

const budget = { wallMsMax: 60_000 };

describe('concurrent kv histories, 2,000 operations', () => {
  it.each([1, 2, 3])('seed %i: linearizable as generated, not linearizable on the key of a corrupted get', (seed) => {
    const { history } = concurrentKvHistory(seed);
    expect(history).toHaveLength(2_000);
    expect(checkHistory(history, kvModel, { budget })).toMatchObject({ linearizable: true, partitions: 10 });

    const { history: corrupted, corruptedKey } = concurrentKvHistory(seed, { corrupt: true });
    const result = checkHistory(corrupted, kvModel, { budget });
    expect(result.linearizable).toBe(false);
    expect(result.failure?.partition).toBe(corruptedKey);
    expect(result.explanation).toContain(`on ${JSON.stringify(corruptedKey)}`);
  });

  it('decides the same shape with 10% of writes ending info', () => {
    expect(checkHistory(concurrentKvHistory(4, { infoPercentWrites: 10 }).history, kvModel, { budget }).linearizable).toBe(true);
    const { history, corruptedKey } = concurrentKvHistory(4, { infoPercentWrites: 10, corrupt: true });
    expect(checkHistory(history, kvModel, { budget }).failure?.partition).toBe(corruptedKey);
  });
});
