// Proves shrinking works on targeted faults, which are plain data until they fire: a schedule of blind
// faults plus one targeted crash (resolved when it fires) shrinks to that single targeted fault, and the
// shrunk schedule replays to the same trace hash; a schedule file's targeted faults are validated field
// by field.
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { findScenario } from './registry.js';
import { resolveConfig, runScenario } from './runner.js';
import { shrinkSchedule } from './shrink.js';
import { validateSchedule } from './validate.js';

describe('shrinking targeted faults', () => {
  it('keeps the one targeted crash that matters and drops the rest', () => {
    const scenario = findScenario('demo-counter');
    const config = resolveConfig(scenario, []);
    const schedule: FaultSchedule = [
      { atMicros: 200_000, fault: { kind: 'partition', groups: [['n1'], ['n2', 'n3']] } },
      { atMicros: 400_000, fault: { kind: 'heal' } },
      { atMicros: 600_000, fault: { kind: 'pause', node: 'n2' } },
      { atMicros: 700_000, fault: { kind: 'resume', node: 'n2' } },
      // The counter shows no role, so every running node is a `follower`; pick 2 names n3.
      { atMicros: 900_000, fault: { kind: 'targeted', action: 'crash', select: 'follower', pick: 2, durationMicros: 100_000 } },
      { atMicros: 3_000_000, fault: { kind: 'healAll' } },
    ];
    const request = { scenario, seed: 3, config, bugs: ['mute-after-restart'], schedule };
    expect(runScenario(request).outcome).toBe('fail');
    const shrunk = shrinkSchedule(request, 'responds-after-heal');
    expect(shrunk.schedule.map((timed) => timed.fault.kind)).toEqual(['targeted', 'healAll']);
    const again = runScenario({ ...request, schedule: shrunk.schedule });
    expect(again.traceHash).toBe(shrunk.result.traceHash);
    expect(again.violations[0]?.message).toMatch(/n3/);
  });
});

describe('validating targeted faults', () => {
  const at = (fault: Record<string, unknown>) => [{ atMicros: 10, fault: { kind: 'targeted', action: 'crash', select: 'primary', pick: 0, durationMicros: 5, ...fault } }];
  it('accepts a well-formed one and names the bad field otherwise', () => {
    expect(() => validateSchedule(at({}), ['n1'], 100)).not.toThrow();
    expect(() => validateSchedule(at({ afterNewPrimary: { delayMicros: 0, waitMicrosMax: 9 } }), ['n1'], 100)).not.toThrow();
    expect(() => validateSchedule(at({ select: 'oldest' }), ['n1'], 100)).toThrow(/schedule\[0\]\.fault\.select must be one of primary, follower/);
    expect(() => validateSchedule(at({ action: 'explode' }), ['n1'], 100)).toThrow(/fault\.action must be one of crash/);
    expect(() => validateSchedule(at({ durationMicros: 0 }), ['n1'], 100)).toThrow(/fault\.durationMicros/);
    expect(() => validateSchedule(at({ afterNewPrimary: { delayMicros: -1, waitMicrosMax: 9 } }), ['n1'], 100)).toThrow(/afterNewPrimary\.delayMicros/);
  });
});
