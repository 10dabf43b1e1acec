// Proves each planted bug of the demo counter is caught by the property meant for it, and that the
// correct model passes the same seeds: every property here can fail.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/registry.js';
import { resolveConfig, runScenario } from '../../scenarios/runner.js';

const scenario = findScenario('demo-counter');
const config = resolveConfig(scenario, []);

function firstFailure(bugs: string[], seedsMax: number): { seed: number; properties: string[] } | null {
  for (let seed = 1; seed <= seedsMax; seed++) {
    const result = runScenario({ scenario, seed, config, bugs });
    if (result.outcome !== 'pass') return { seed, properties: result.violations.map((violation) => violation.property) };
  }
  return null;
}

describe('demo counter planted bugs', () => {
  it('ack-before-fsync loses acknowledged increments on power loss: acked-increments-durable', () => {
    const failure = firstFailure(['ack-before-fsync'], 60);
    expect(failure?.properties).toContain('acked-increments-durable');
  });

  it('mute-after-restart is a liveness failure: responds-after-heal', () => {
    const failure = firstFailure(['mute-after-restart'], 20);
    expect(failure?.properties).toContain('responds-after-heal');
  });

  it('the correct model holds on the seeds that caught the bugs', () => {
    expect(firstFailure([], 10)).toBeNull();
  });
});
