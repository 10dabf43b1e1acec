// Proves `--set` overrides by dotted path: existing fields only, types kept, and every refusal is an
// InputError naming the path and the valid choices. fast-check fuzzes the assignment parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PENDING_EVENTS_LIMIT } from '../sim/queue.js';
import { InputError } from './input-error.js';
import { applyOverride } from './config.js';
import { demoCounter } from './demo-counter.js';
import { replicationFigure8 } from './replication-figure8.js';
import { resolveConfig } from './runner.js';

const base = () => ({ durationMicros: 10, network: { lossRatio: 0, reorder: true, name: 'x' }, list: [1] });

describe('applyOverride', () => {
  it('sets numbers, booleans, strings and JSON values by path', () => {
    const config = base();
    applyOverride(config, 'durationMicros=25');
    applyOverride(config, 'network.lossRatio=0.5');
    applyOverride(config, 'network.reorder=false');
    applyOverride(config, 'network.name=y');
    applyOverride(config, 'list=[2,3]');
    expect(config).toEqual({ durationMicros: 25, network: { lossRatio: 0.5, reorder: false, name: 'y' }, list: [2, 3] });
  });

  it('refuses unknown paths with the valid choices, and wrong types', () => {
    expect(() => applyOverride(base(), 'network.loss=1')).toThrow(/valid: network\.lossRatio, network\.reorder, network\.name/);
    expect(() => applyOverride(base(), 'nope.x=1')).toThrow(/no such field "nope"/);
    expect(() => applyOverride(base(), 'network.reorder=maybe')).toThrow(/true or false/);
    expect(() => applyOverride(base(), 'durationMicros=1.5')).toThrow(/integer/);
    expect(() => applyOverride(base(), 'list={}')).toThrow(/JSON array/);
    expect(() => applyOverride(base(), '__proto__.x=1')).toThrow(InputError);
  });

  it('bounds pendingEventsMax by what the event queue can hold', () => {
    expect(resolveConfig(demoCounter, [`pendingEventsMax=${PENDING_EVENTS_LIMIT}`]).pendingEventsMax).toBe(PENDING_EVENTS_LIMIT);
    expect(() => resolveConfig(demoCounter, [`pendingEventsMax=${PENDING_EVENTS_LIMIT + 1}`])).toThrow(`pendingEventsMax must be an integer in [1, ${PENDING_EVENTS_LIMIT}] (got ${PENDING_EVENTS_LIMIT + 1})`);
  });

  it('sets a fixed schedule in every scenario (null by default), checks it, and clears one with null', () => {
    const schedule = [{ atMicros: 1_000, fault: { kind: 'crash', node: 'n2' } }];
    expect(resolveConfig(demoCounter, [`schedule=${JSON.stringify(schedule)}`]).schedule).toEqual(schedule);
    expect(resolveConfig(replicationFigure8, ['schedule=null']).schedule).toBeNull();
    expect(() => resolveConfig(demoCounter, ['schedule=[{"atMicros": 1, "fault": {"kind": "crash", "node": "n7"}}]'])).toThrow(/^schedule\[0\]\.fault\.node must name a node \(n1, n2, n3\) \(got "n7"\)$/);
    expect(() => resolveConfig(demoCounter, ['schedule=plan.json'])).toThrow('--set schedule expects a JSON list of {atMicros, fault} or null (got "plan.json"); a schedule in a file is read with --schedule FILE');
    expect(() => resolveConfig(demoCounter, ['schedule={}'])).toThrow(/--schedule FILE/);
  });

  it('never throws anything but InputError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          applyOverride(base(), text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
