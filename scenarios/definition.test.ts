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
});
