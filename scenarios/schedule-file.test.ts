// Proves that a fixed fault schedule given as JSON text replaces the generated one (sorted, in the
// config, so replay files carry it), that every kind of malformed schedule is refused with one
// InputError line naming where, and — fuzzed with fast-check — that the parser never throws anything
// else, whatever the text, and that whatever it accepts runs without crashing the simulation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { InputError } from './input-error.js';
import { demoCounter } from './demo-counter.js';
import { replicationPartitionPrimary } from './replication.js';
import { resolveConfig, runScenario } from './runner.js';
import { parseSchedule } from './schedule-file.js';
import { SCHEDULE_FAULTS_MAX } from './validate.js';

const source = '--schedule plan.json';
const fresh = () => resolveConfig(demoCounter, []);

function refusal(text: string): string {
  try {
    parseSchedule(text, source, demoCounter, fresh());
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseSchedule', () => {
  it('puts a valid schedule, sorted by time (ties in listed order), into the config, and a run uses it', () => {
    const config = fresh();
    const schedule: FaultSchedule = [
      { atMicros: 900_000, fault: { kind: 'restart', node: 'n2' } },
      { atMicros: 400_000, fault: { kind: 'partition', groups: [['n1', 'c1'], ['n2', 'n3', 'c2']] } },
      { atMicros: 400_000, fault: { kind: 'powerLoss', node: 'n2' } },
      { atMicros: 2_000_000, fault: { kind: 'healAll' } },
    ];
    const parsed = parseSchedule(JSON.stringify(schedule), source, demoCounter, config);
    expect(parsed.map((timed) => `${timed.atMicros} ${timed.fault.kind}`)).toEqual(['400000 partition', '400000 powerLoss', '900000 restart', '2000000 healAll']);
    expect(config.schedule).toEqual(parsed);
    const result = runScenario({ scenario: demoCounter, seed: 3, config, bugs: [] });
    expect(result.schedule).toEqual(parsed);
    expect(result.faultsInjected).toBe(3);
  });

  it('refuses each kind of malformed schedule with one line naming the flag, the place and the expectation', () => {
    const one = (fault: unknown, atMicros: unknown = 1_000) => JSON.stringify([{ atMicros, fault }]);
    const cases: [string, RegExp][] = [
      ['', /^--schedule plan\.json: not JSON \(/],
      ['[{"atMicros": 1,', /^--schedule plan\.json: not JSON \(/],
      ['{"schedule": []}', /^--schedule plan\.json: expected a JSON list of \{atMicros, fault\} \(got object\)$/],
      ['null', /expected a JSON list .* \(got null\)$/],
      ['[3]', /^--schedule plan\.json: schedule\[0\] must be an object \{atMicros, fault\}$/],
      [one({ kind: 'crash', node: 'n1' }, -5), /schedule\[0\]\.atMicros must be an integer in \[0, 5000000\] \(got -5\)$/],
      [one({ kind: 'crash', node: 'n1' }, 6_000_000), /schedule\[0\]\.atMicros must be an integer in \[0, 5000000\]/],
      [one({ kind: 'crash', node: 'n1' }, '1000'), /schedule\[0\]\.atMicros must be an integer .* \(got "1000"\)$/],
      [one({ kind: 'explode', node: 'n1' }), /schedule\[0\]\.fault\.kind must be one of crash, .*healAll, targeted \(got "explode"\)$/],
      [one({ kind: 'crash', node: 'n9' }), /schedule\[0\]\.fault\.node must name a node \(n1, n2, n3\) \(got "n9"\)$/],
      [one({ kind: 'crash', node: 'c1' }), /schedule\[0\]\.fault\.node must name a node/],
      [one({ kind: 'crash', nodes: ['n1'] }), /schedule\[0\]\.fault has an unknown field "nodes" for crash \(valid: kind, node\)$/],
      [JSON.stringify([{ at: 5, fault: { kind: 'heal' } }]), /schedule\[0\] has an unknown field "at" \(valid: atMicros, fault\)$/],
      [one({ kind: 'partition', groups: 'n1' }), /schedule\[0\]\.fault\.groups must be a list of node lists$/],
      [one({ kind: 'partition', groups: [['n1', 'x']] }), /schedule\[0\]\.fault\.groups\[0\] must name a node or client/],
      [one({ kind: 'loss', ratio: 2 }), /schedule\[0\]\.fault\.ratio must be a number in \[0, 1\] \(got 2\)$/],
      [one(null), /schedule\[0\]\.fault must be an object/],
      [JSON.stringify(Array.from({ length: SCHEDULE_FAULTS_MAX + 1 }, () => ({ atMicros: 0, fault: { kind: 'heal' } }))), /holds 10001 faults \(at most 10000\)$/],
    ];
    for (const [text, expected] of cases) {
      const message = refusal(text);
      expect(message, text.slice(0, 80)).toMatch(expected);
      expect(message.includes('\n'), text.slice(0, 80)).toBe(false);
    }
  });

  it('checks names against the scenario the schedule is for: clients may be placed by partitions only', () => {
    const config = resolveConfig(replicationPartitionPrimary, []);
    const schedule = [{ atMicros: 1_000, fault: { kind: 'partition', groups: [['n1', 'c1'], ['n2', 'n3', 'c2', 'c3']] } }];
    expect(parseSchedule(JSON.stringify(schedule), source, replicationPartitionPrimary, config)).toHaveLength(1);
    expect(() => parseSchedule(JSON.stringify(schedule), source, demoCounter, fresh())).toThrow(/groups\[1\] must name a node or client \(n1, n2, n3, c1, c2\) \(got "c3"\)/);
  });

  it('leaves the config unchanged when it refuses', () => {
    const config = fresh();
    expect(() => parseSchedule('[{"atMicros": 1, "fault": {"kind": "crash"}}]', source, demoCounter, config)).toThrow(InputError);
    expect(config.schedule).toBeNull();
  });
});

describe('parseSchedule, fuzzed', () => {
  // One config for every refusal: parseSchedule changes it only when it accepts, and then only its schedule.
  const shared = fresh();
  const acceptsOrRefuses = (text: string): FaultSchedule | null => {
    try {
      return parseSchedule(text, source, demoCounter, shared);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).not.toMatch(/\n/);
      return null;
    }
  };
  const endpoint = fc.constantFrom('n1', 'n2', 'n3', 'c1', 'c2', 'n4', '', 7);
  const fault = fc.oneof(
    fc.record({ kind: fc.constantFrom('crash', 'powerLoss', 'restart', 'pause', 'resume', 'bitFlip', 'heal', 'healAll', 'unclog', 'boom'), node: endpoint }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('partition'), groups: fc.oneof(fc.array(fc.array(endpoint, { maxLength: 3 }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })) }),
    fc.record({ kind: fc.constant('partitionOneWay'), sources: fc.array(endpoint, { maxLength: 3 }), targets: fc.array(endpoint, { maxLength: 3 }) }, { requiredKeys: ['kind'] }),
    fc.record({ kind: fc.constant('clog'), source: endpoint, target: endpoint }),
    fc.record({ kind: fc.constant('loss'), ratio: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant('0.5')) }),
    fc.record({ kind: fc.constantFrom('skew', 'drift'), node: endpoint, offsetMicros: fc.integer({ min: -5_000_000, max: 5_000_000 }), driftPpm: fc.integer({ min: -1_200_000, max: 1_200_000 }) }, { requiredKeys: ['kind', 'node'] }),
    fc.record({ kind: fc.constantFrom('misdirectWrites', 'lieFsync'), node: endpoint, count: fc.integer({ min: -1, max: 5 }) }),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const timed = fc.oneof(
    { weight: 8, arbitrary: fc.record({ atMicros: fc.oneof(fc.integer({ min: -10, max: 6_000_000 }), fc.double(), fc.constant('5')), fault }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

  it('never throws anything but a one-line InputError, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void acceptsOrRefuses(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.constantFrom('[', ']', '{', '}', ',', ':', '"', 'atMicros', 'fault', 'kind', 'crash', 'n1', '1', '-', '.', 'e', 'null', ' ', '\\', '\n'), { maxLength: 40 }), (parts) => void acceptsOrRefuses(parts.join(''))), { numRuns: 300 });
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => void acceptsOrRefuses(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.array(timed, { maxLength: 6 }), (schedule) => void acceptsOrRefuses(JSON.stringify(schedule))), { numRuns: 500 });
  });

  // Mostly well-formed: valid kinds and names, times inside the run, with an occasional bad field.
  const node = fc.constantFrom('n1', 'n2', 'n3');
  const wellFormed = fc.record({
    atMicros: fc.integer({ min: 0, max: 5_000_000 }),
    fault: fc.oneof(
      fc.record({ kind: fc.constantFrom('crash', 'powerLoss', 'restart', 'pause', 'resume', 'bitFlip'), node }),
      fc.record({ kind: fc.constantFrom('heal', 'healAll', 'unclog') }),
      fc.record({ kind: fc.constant('partition'), groups: fc.array(fc.array(fc.constantFrom('n1', 'n2', 'n3', 'c1', 'c2'), { maxLength: 4 }), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('partitionOneWay'), sources: fc.array(node, { maxLength: 3 }), targets: fc.array(fc.constantFrom('n1', 'n2', 'n3', 'c1'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('clog'), source: fc.constantFrom('n1', 'c1'), target: node }),
      fc.record({ kind: fc.constant('loss'), ratio: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('skew'), node, offsetMicros: fc.integer({ min: -5_000_000, max: 5_000_000 }) }),
      fc.record({ kind: fc.constant('drift'), node, driftPpm: fc.integer({ min: -999_999, max: 1_000_000 }) }),
      fc.record({ kind: fc.constantFrom('misdirectWrites', 'lieFsync'), node, count: fc.integer({ min: 1, max: 5 }) }),
    ),
  });

  it('whatever it accepts runs to the end without crashing the simulation', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 12, arbitrary: wellFormed }, { weight: 1, arbitrary: timed }), { minLength: 1, maxLength: 6 }), (schedule) => {
        const config = fresh();
        let parsed: FaultSchedule;
        try {
          parsed = parseSchedule(JSON.stringify(schedule), source, demoCounter, config);
        } catch {
          return;
        }
        accepted++;
        const result = runScenario({ scenario: demoCounter, seed: 1, config, bugs: [] });
        expect(result.violations.filter((violation) => violation.kind === 'crash')).toEqual([]);
        expect(result.schedule).toEqual(parsed);
      }),
      { numRuns: 40 },
    );
    expect(accepted).toBeGreaterThan(15);
  });
});
