// Proves merge's bookkeeping on hand-written explore summaries: shards of one range and disjoint ranges
// combine into seed-ordered failures, totals and added coverage counts; shards that overlap, miss, or
// come from another scenario, config, bug set, module or version are refused with a message naming them.
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenarios/input-error.js';
import { mergeExploreSummaries, parseExploreSummary, type ExploreSummary } from './explore-merge.js';

function summary(overrides: Partial<ExploreSummary>): ExploreSummary {
  return {
    scenario: 'swarm',
    seeds: 50,
    fromSeed: 1,
    seedsRequested: 100,
    shard: { index: 0, count: 2 },
    seedsInShard: 50,
    stoppedBy: null,
    configDigest: 'abcd1234',
    scenarioModule: null,
    toolVersion: '0.1.0',
    bugs: [],
    failures: [],
    inconclusive: [],
    events: 1000,
    wallMs: 400,
    ...overrides,
  };
}

const row = (seed: number) => ({ seed, kind: 'correctness', property: 'no-divergence', message: `seed ${seed} diverged`, replayFile: null });

describe('mergeExploreSummaries', () => {
  it('combines two shards of one range: failures in seed order, totals and coverage added', () => {
    const merged = mergeExploreSummaries([
      { file: 'b.json', summary: summary({ shard: { index: 1, count: 2 }, failures: [row(8), row(2)], events: 700, wallMs: 300, coverage: { 'suffix-truncated': 3, nested: { a: 1 } } }) },
      { file: 'a.json', summary: summary({ failures: [row(5)], inconclusive: [row(9)], coverage: { 'suffix-truncated': 4, 'lease-expired': 1, nested: { a: 2 } } }) },
    ]);
    expect(merged.failures.map((each) => each.seed)).toEqual([2, 5, 8]);
    expect(merged.inconclusive.map((each) => each.seed)).toEqual([9]);
    expect(merged).toMatchObject({ seeds: 100, events: 1700, wallMs: 700, wallMsMax: 400, shardsMerged: 2, ranges: [{ fromSeed: 1, seeds: 100, shards: 2 }] });
    expect(merged.coverage).toEqual({ 'suffix-truncated': 7, 'lease-expired': 1, nested: { a: 3 } });
  });

  it('combines disjoint ranges, and flags inputs that stopped early', () => {
    const merged = mergeExploreSummaries([
      { file: 'a.json', summary: summary({ shard: { index: 0, count: 1 }, seeds: 100, seedsInShard: 100 }) },
      { file: 'b.json', summary: summary({ shard: { index: 0, count: 1 }, fromSeed: 101, seeds: 40, seedsInShard: 100, stoppedBy: 'time' }) },
    ]);
    expect(merged.ranges).toEqual([{ fromSeed: 1, seeds: 100, shards: 1 }, { fromSeed: 101, seeds: 100, shards: 1 }]);
    expect(merged.seeds).toBe(140);
    expect(merged.stoppedEarly).toEqual([{ file: 'b.json', stoppedBy: 'time', seeds: 40, seedsInShard: 100 }]);
  });

  const refusals: [string, ExploreSummary, RegExp][] = [
    ['the same shard twice', summary({}), /a\.json and b\.json both hold shard 0\/2 of seeds 1\.\.100 \(overlapping shards\)/],
    ['another scenario', summary({ scenario: 'crash-restart', shard: { index: 1, count: 2 } }), /different scenarios \(swarm vs crash-restart\)/],
    ['another config', summary({ configDigest: 'ffff0000', shard: { index: 1, count: 2 } }), /different configs .*\(abcd1234 vs ffff0000\)/],
    ['other bugs', summary({ bugs: ['ack-before-majority'], shard: { index: 1, count: 2 } }), /different bugs \(none vs ack-before-majority\)/],
    ['another module', summary({ scenarioModule: '/x/s.js', shard: { index: 1, count: 2 } }), /different scenario modules \(built in vs \/x\/s\.js\)/],
    ['another version', summary({ toolVersion: '0.2.0', shard: { index: 1, count: 2 } }), /different faultline versions/],
    ['another shard count', summary({ shard: { index: 1, count: 3 } }), /b\.json splits seeds 1\.\.100 into 3 shards, a\.json into 2/],
    ['an overlapping range', summary({ fromSeed: 51, shard: { index: 1, count: 2 } }), /seed ranges 1\.\.100 \(a\.json\) and 51\.\.150 \(b\.json\) overlap/],
  ];
  for (const [what, second, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => mergeExploreSummaries([{ file: 'a.json', summary: summary({}) }, { file: 'b.json', summary: second }])).toThrow(message);
    });
  }

  it('refuses a range with a missing shard', () => {
    expect(() => mergeExploreSummaries([{ file: 'a.json', summary: summary({ shard: { index: 1, count: 3 } }) }])).toThrow(/shards 0\/3, 2\/3 of seeds 1\.\.100 are missing/);
  });

  it('parseExploreSummary names the file and the field of a malformed input', () => {
    expect(() => parseExploreSummary([], 'x.json')).toThrow(InputError);
    expect(() => parseExploreSummary({ ...summary({}), shard: { index: 2, count: 2 } }, 'x.json')).toThrow(/x\.json .*field "shard"/);
    expect(() => parseExploreSummary({ ...summary({}), failures: [{ seed: 1 }] }, 'x.json')).toThrow(/an entry of "failures" lacks seed\/property\/message/);
    const { configDigest: _dropped, ...old } = summary({});
    expect(() => parseExploreSummary(old, 'old.json')).toThrow(/old\.json is not an explore --json result of this faultline \(field "configDigest"/);
  });
});
