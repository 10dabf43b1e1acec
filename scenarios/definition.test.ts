// Proves the check a scenario module must pass is the shape every built-in scenario already has, and
// that it names the field a broken definition gets wrong.
import { describe, expect, it } from 'vitest';
import { validateScenarioDefinition } from './definition.js';
import { demoCounter } from './demo-counter.js';
import { scenarios } from './registry.js';

describe('validateScenarioDefinition', () => {
  it('accepts every built-in scenario', () => {
    for (const scenario of scenarios) expect(() => validateScenarioDefinition(scenario, scenario.name)).not.toThrow();
  });

  it('names what is wrong', () => {
    expect(() => validateScenarioDefinition(null, 'm.js')).toThrow(/m\.js: a scenario must be an object \(got null\)/);
    expect(() => validateScenarioDefinition({ ...demoCounter, name: 'has space' }, 'm.js')).toThrow(/scenario\.name must be/);
    expect(() => validateScenarioDefinition({ ...demoCounter, setup: undefined }, 'm.js')).toThrow(/setup must be a function \(got undefined\)/);
    expect(() => validateScenarioDefinition({ ...demoCounter, properties: [{ name: 'p' }] }, 'm.js')).toThrow(/properties\[0\] must be \{name, description\}/);
    expect(() => validateScenarioDefinition({ ...demoCounter, bugs: { x: 1 } }, 'm.js')).toThrow(/bugs\.x must be a description string/);
    expect(() => validateScenarioDefinition({ ...demoCounter, nodes: () => [] }, 'm.js')).toThrow(/nodes\(defaults\) must return a non-empty list/);
    expect(() => validateScenarioDefinition({ ...demoCounter, defaults: { ...demoCounter.defaults, durationMicros: -1 } }, 'm.js')).toThrow(/durationMicros must be an integer/);
  });

  it('checks a declared workloadShrink against the defaults', () => {
    const shrink = (workloadShrink: unknown) => () => validateScenarioDefinition({ ...demoCounter, workloadShrink }, 'm.js');
    expect(shrink({ counts: [{ name: 'clients', path: 'counter.clientCount', min: 1 }], tailPaths: ['counter.pingFromMicros'], quietMicrosMin: 0 })).not.toThrow();
    expect(shrink([])).toThrow(/workloadShrink must be an object/);
    expect(shrink({ clients: 'x' })).toThrow(/workloadShrink has an unknown field "clients"/);
    expect(shrink({ counts: [{ name: 'clients', path: 'counter.nope', min: 1 }] })).toThrow(/workloadShrink\.counts\[0\]\.path: "counter\.nope" must name a non-negative integer of the defaults \(got undefined\)/);
    expect(shrink({ counts: [{ name: 'clients', path: 'counter.clientCount', min: 3 }] })).toThrow(/workloadShrink\.counts\[0\]\.min must be an integer in \[0, 2\] \(got 3\)/);
    expect(shrink({ counts: [{ name: 'c', path: 'counter.clientCount', min: 1 }, { name: 'c', path: 'counter.nodeCount', min: 1 }] })).toThrow(/counts\[1\]\.name "c" is used twice/);
    expect(shrink({ workloadEndPath: 'network' })).toThrow(/workloadEndPath: "network" must name a non-negative integer/);
    expect(shrink({ tailPaths: ['counter.pingFromMicros', 7] })).toThrow(/tailPaths\[1\] must be a dotted config path \(got 7\)/);
    expect(shrink({ quietMicrosMin: -1 })).toThrow(/quietMicrosMin must be an integer/);
    expect(shrink({ timeStepMicros: 0 })).toThrow(/timeStepMicros must be an integer in \[1, /);
  });
});
