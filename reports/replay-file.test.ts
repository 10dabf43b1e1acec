// Proves the replay reader is defensive: fast-check feeds it random bytes, truncations and single-byte
// mutations of a real file, and it either returns a well-formed replay or throws InputError — never
// anything else. A round trip of a real file is lossless.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenarios/input-error.js';
import { findScenario } from '../scenarios/registry.js';
import { resolveConfig, runScenario } from '../scenarios/runner.js';
import { decodeReplay, encodeReplay, replayFromResult } from './replay-file.js';

const scenario = findScenario('demo-counter');
const result = runScenario({ scenario, seed: 3, config: resolveConfig(scenario, ['durationMicros=4000000']), bugs: ['mute-after-restart'] });
const good = encodeReplay(replayFromResult(result, '0.0.0-test'));

function decodesOrRejects(bytes: Uint8Array): void {
  try {
    const replay = decodeReplay(bytes);
    expect(typeof replay.scenario).toBe('string');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain('\n');
  }
}

describe('replay file reader', () => {
  it('round-trips a real run', () => {
    const replay = decodeReplay(good);
    expect(replay.seed).toBe(3);
    expect(replay.traceHash).toBe(result.traceHash);
    expect(replay.schedule).toEqual(result.schedule);
    expect(replay.config).toEqual(result.config);
  });

  it('random bytes are rejected with InputError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), decodesOrRejects), { numRuns: 500 });
  });

  it('every truncation is rejected with InputError (none decodes)', () => {
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), (length) => {
        expect(() => decodeReplay(good.subarray(0, length))).toThrow(InputError);
      }),
      { numRuns: 300 },
    );
    // The boundaries fast-check may not draw: nothing, one byte, all but the last byte.
    for (const length of [0, 1, good.length - 1]) expect(() => decodeReplay(good.subarray(0, length))).toThrow(InputError);
  });

  it('single-byte mutations either decode or are rejected with InputError', () => {
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (offset, value) => {
        const mutated = good.slice();
        mutated[offset] = value;
        decodesOrRejects(mutated);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a shrunk workload (config and sizes) and names a damaged one', () => {
    const sizes = { counts: { clients: 2 }, operations: 10, durationMicros: 4_000_000 };
    const workload = { before: sizes, after: { ...sizes, counts: { clients: 1 } }, attempts: 3, attemptsMax: 100, overrides: ['counter.clientCount=1'], faultsDropped: 0, wallMs: 5 };
    const shrunkConfig = resolveConfig(scenario, ['durationMicros=4000000', 'counter.clientCount=1']);
    const shrunk = { schedule: result.schedule, traceHash: result.traceHash, violations: result.violations, config: shrunkConfig, workload };
    const replay = decodeReplay(encodeReplay({ ...replayFromResult(result, '0.0.0-test'), shrunk }));
    expect(replay.shrunk?.config).toEqual(shrunkConfig);
    expect(replay.shrunk?.workload).toEqual(workload);
    const damaged = (change: Record<string, unknown>) => () => decodeReplay(encodeReplay({ ...replayFromResult(result, '0.0.0-test'), shrunk: { ...shrunk, ...change } } as never), 'f.replay');
    expect(damaged({ config: 7 })).toThrow(/f\.replay is damaged: field "shrunk\.config" should be an object/);
    expect(damaged({ workload: [] })).toThrow(/field "shrunk\.workload" should be an object/);
    expect(damaged({ workload: { before: sizes } })).toThrow(/field "shrunk\.workload" should hold the sizes before and after/);
  });

  it('arbitrary msgpack values are rejected with InputError', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => decodesOrRejects(encodeReplay(value as never))), { numRuns: 300 });
  });
});
