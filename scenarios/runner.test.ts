// The runner's own verdicts, apart from any model: a model that throws or fails an assertion is a
// `crash` (and says where), a model that runs away is a `liveness` failure of `bounded-run` instead of a
// hung process, a checker that throws is a crash of the checker, and coverage goals are counted.
import { describe, expect, it } from 'vitest';
import { diskDefaults } from '../sim/disk.js';
import { assert } from '../sim/assert.js';
import { networkDefaults } from '../sim/network.js';
import type { NodeContext } from '../sim/node.js';
import { runScenario } from './runner.js';
import type { BaseConfig, ScenarioDefinition } from './types.js';

type Behaviour = 'quiet' | 'throws' | 'asserts' | 'runs-away' | 'checker-throws';

function fixture(behaviour: Behaviour): ScenarioDefinition {
  return {
    name: 'runner-fixture',
    description: 'one node that misbehaves on purpose',
    model: 'fixture',
    bugs: {},
    properties: [],
    defaults: {
      durationMicros: 1_000_000,
      eventsMax: 5_000,
      pendingEventsMax: 1_000,
      network: { ...networkDefaults },
      disk: { ...diskDefaults },
      faults: { swarm: false, startMicros: 0, endMicros: 0, kinds: {} },
      schedule: null,
    },
    nodes: () => ['n1'],
    clients: () => [],
    setup(simulation) {
      simulation.start('n1', (context: NodeContext) => {
        const tick = (): void => {
          context.cover('ticked');
          if (behaviour === 'throws' && context.now() >= 500) throw new Error('model fell over');
          if (behaviour === 'asserts') assert(context.now() < 500, 'the tick came too late');
          context.setTimer(behaviour === 'runs-away' ? 0 : 100_000, 'tick', tick);
        };
        context.setTimer(100, 'tick', tick);
        return {};
      });
      return {
        check: () => {
          if (behaviour === 'checker-throws') throw new Error('checker fell over');
          return [];
        },
      };
    },
  };
}

const run = (behaviour: Behaviour) => {
  const scenario = fixture(behaviour);
  return runScenario({ scenario, seed: 1, config: scenario.defaults as BaseConfig, bugs: [] });
};

describe('runner verdicts', () => {
  it('a quiet model passes and counts its coverage goals', () => {
    const result = run('quiet');
    expect(result.outcome).toBe('pass');
    expect(result.coverage).toEqual({ ticked: 10 });
  });

  it('a model that throws is a crash of the model, at the time it threw', () => {
    const result = run('throws');
    expect(result.outcome).toBe('fail');
    expect(result.outcome === 'fail' && result.kind).toBe('crash');
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({ property: 'no-crash', kind: 'crash', atMicros: 100_100 });
    expect(result.violations[0]?.message).toMatch(/^the model threw: model fell over/);
  });

  it('a failed assertion in the model says so', () => {
    const result = run('asserts');
    expect(result.violations[0]?.message).toMatch(/^assertion failed in the model: the tick came too late/);
  });

  it('a checker that throws is a crash of the checker', () => {
    const result = run('checker-throws');
    expect(result.outcome === 'fail' && result.kind).toBe('crash');
    expect(result.violations[0]?.message).toMatch(/^a checker threw: checker fell over/);
  });

  it('a runaway model uses its event budget and is a liveness failure, not a hang', () => {
    const result = run('runs-away');
    expect(result.outcome === 'fail' && result.kind).toBe('liveness');
    expect(result.events).toBe(5_000);
    expect(result.violations).toEqual([expect.objectContaining({ property: 'bounded-run', kind: 'liveness' })]);
    expect(result.simulatedMicros).toBeLessThan(1_000_000);
  });
});
