// Proves that the quorum design keeps log matching when the whole cluster loses power together, over
// and over: crash-restart with slow fsyncs (up to 20 ms) and a fixed schedule in which all three
// replicas lose power at once every 200–500 ms and restart 2 ms later. Each pinned schedule used to
// break `no-divergence`: a follower truncating a divergent suffix lost the truncate and the first new
// slot but kept its last write, recovered the stale entry beside the new one, and later committed it.
import { describe, expect, it } from 'vitest';
import type { FaultSchedule } from '../sim/faults.js';
import { replicationCrashRestart } from './replication.js';
import { resolveConfig, runScenario } from './runner.js';

const nodes = ['n1', 'n2', 'n3'];
const restartAfterMicros = 2_000;

/** Every replica loses power at each of `times` and restarts shortly after; healAll at 6 s. */
function clusterPowerLosses(times: readonly number[]): FaultSchedule {
  const schedule: FaultSchedule = [];
  for (const atMicros of times) {
    for (const node of nodes) schedule.push({ atMicros, fault: { kind: 'powerLoss', node } });
    for (const node of nodes) schedule.push({ atMicros: atMicros + restartAfterMicros, fault: { kind: 'restart', node } });
  }
  schedule.push({ atMicros: 6_000_000, fault: { kind: 'healAll' } });
  return schedule;
}

// Found by placing a cluster power loss where a replica had an unsynced truncate followed by new
// writes; most power losses tear the last write (tornWriteRatio 1) so that it is often kept whole.
const pinned: { name: string; seed: number; times: number[] }[] = [
  {
    name: 'a stale entry at 79 beside the new entry at 80',
    seed: 3,
    times: [500_000, 821_274, 1_165_882, 1_654_746, 1_859_250, 2_059_250, 2_330_452, 2_595_188, 3_035_732, 3_534_516, 3_976_756, 4_383_028, 4_754_228, 5_096_748, 5_571_244],
  },
  {
    name: 'a stale entry at 88, committed by the replica that held it',
    seed: 3,
    times: [500_000, 827_590, 1_029_190, 1_346_982, 1_549_894, 1_778_950, 2_182_534, 2_576_006, 2_840_478, 3_288_030, 3_521_250, 3_721_250, 3_998_768, 4_420_368, 4_759_312, 5_066_512, 5_497_480, 5_970_184],
  },
];

describe('crash-restart: the whole cluster losing power together', () => {
  const config = resolveConfig(replicationCrashRestart, ['disk.fsyncMicrosMax=20000', 'disk.tornWriteRatio=1']);
  for (const { name, seed, times } of pinned) {
    it(`keeps log matching (${name})`, () => {
      const result = runScenario({ scenario: replicationCrashRestart, seed, config, bugs: [], schedule: clusterPowerLosses(times) });
      expect(result.violations).toEqual([]);
      expect(result.faultsInjected).toBe(times.length * 2 * nodes.length);
      expect(Number(result.summary['ackedAppends'])).toBeGreaterThan(100);
    });
  }
});
