// Proves the run header and the verdict line count faults alike: the verdict says how many of the
// scheduled faults took effect, and names the targeted ones that found no node to hit (the demo
// counter's nodes show no role, so a fault aimed at "the primary" has no target).
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { demoCounter } from '../scenarios/demo-counter.js';
import { resolveConfig, runScenario } from '../scenarios/runner.js';
import { renderRunText, runJson } from './text.js';

function run(schedule: FaultSchedule) {
  const config = resolveConfig(demoCounter, []);
  config.schedule = schedule;
  return runScenario({ scenario: demoCounter, seed: 3, config, bugs: [] });
}

describe('fault counts', () => {
  it('a targeted fault with no target is scheduled but not injected, and the verdict says so', () => {
    const result = run([
      { atMicros: 100_000, fault: { kind: 'targeted', action: 'crash', select: 'primary', pick: 0, durationMicros: 50_000 } },
      { atMicros: 200_000, fault: { kind: 'crash', node: 'n1' } },
      { atMicros: 300_000, fault: { kind: 'restart', node: 'n1' } },
      { atMicros: 2_000_000, fault: { kind: 'healAll' } },
    ]);
    expect(result.faultsScheduled).toBe(3);
    expect(result.faultsInjected).toBe(2);
    const text = renderRunText(result, demoCounter.properties, null);
    expect(text).toContain('faults: 3 scheduled');
    expect(text).toContain('2 of 3 faults injected (1 targeted found no node to hit)');
    expect(runJson(result, null)).toMatchObject({ faultsScheduled: 3, faultsInjected: 2 });
  });

  it('without misses the header and the verdict give the same number', () => {
    const result = run([
      { atMicros: 200_000, fault: { kind: 'crash', node: 'n1' } },
      { atMicros: 300_000, fault: { kind: 'restart', node: 'n1' } },
      { atMicros: 2_000_000, fault: { kind: 'healAll' } },
    ]);
    const text = renderRunText(result, demoCounter.properties, null);
    expect(text).toContain('faults: 2 scheduled');
    expect(text).toContain('· 2 faults injected ·');
  });
});
