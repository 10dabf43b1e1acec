// The figure-8 scenario (Raft paper, figure 8): five replicas and a fixed, rotating partition schedule
// that changes primaries while entries are on a minority, so a new primary finds an entry of an earlier
// term that only some replicas hold. Each round names five roles P, Q, R, S, T (rotated over n1..n5 from
// round to round); clients are in no group (a fixed schedule names replicas only), so they reach every
// replica and always append at whichever primary answers.
//   1. {P,Q,R} | {S,T}     a primary settles in {P,Q,R} and commits (with P it is the figure).
//   2. {P} | {Q,R} | {S,T}  no majority anywhere: a primary P appends client entries (term a) only it holds.
//   3. {Q,R,S} | {P,T}      a new primary X of term b > a; the step is short, so often it ends before a
//                           client append of term b reaches R or S.
//   4. {Q} | {R,S} | {P,T}  a primary Q (X = Q) appends client entries of term b that only it holds.
//   5. {P,R,S} | {Q,T}      only P can win {P,R,S} (its last term a beats theirs); it copies its term-a
//                           entries to R and S. Counting those replicas as a commit is the figure-8
//                           mistake; a correct primary first commits a no-op of its own term c.
//   6. {Q,R,S} | {P,T}      Q (last term b > a) wins unless R or S holds an entry of term c, and
//                           overwrites the term-a entries — committed ones, with the bug.
//   7. heal.
// Whether P leads in step 1, Q in step 3, and steps 3 and 5 end inside their windows depends on the seed's
// timing, so a round plays the figure only sometimes; steps 3 and 5 vary in length from round to round.
import type { FaultSchedule, TimedFault } from '../sim/faults.js';
import { replicationScenario } from './replication-common.js';

const nodeCount = 5;
const rounds = 10;
const roundStartMicros = 300_000;
/** Step lengths, in the order above; steps 3 and 5 (indexes 2 and 4) vary from round to round. */
const stepLength = (round: number, step: number): number => {
  if (step === 2) return 40_000 + ((round * 7) % 10) * 12_000;
  if (step === 4) return 40_000 + ((round * 11) % 10) * 12_000;
  return ([200_000, 120_000, 0, 120_000, 0, 200_000, 200_000] as const)[step] as number;
};
const roundLength = (round: number): number => [0, 1, 2, 3, 4, 5, 6].reduce((sum, step) => sum + stepLength(round, step), 0);
const faultsEndMicros = roundStartMicros + Array.from({ length: rounds }, (_, round) => roundLength(round)).reduce((sum, each) => sum + each, 0);

function figure8Schedule(): FaultSchedule {
  const nodes = Array.from({ length: nodeCount }, (_, index) => `n${index + 1}`);
  const schedule: TimedFault[] = [];
  let at = roundStartMicros;
  for (let round = 0; round < rounds; round++) {
    const role = (offset: number): string => nodes[(round + offset) % nodeCount] as string;
    const [p, q, r, s, t] = [role(0), role(1), role(2), role(3), role(4)];
    const steps: string[][][] = [
      [[p, q, r], [s, t]],
      [[p], [q, r], [s, t]],
      [[q, r, s], [p, t]],
      [[q], [r, s], [p, t]],
      [[p, r, s], [q, t]],
      [[q, r, s], [p, t]],
    ];
    steps.forEach((groups, index) => {
      schedule.push({ atMicros: at, fault: { kind: 'heal' } });
      schedule.push({ atMicros: at, fault: { kind: 'partition', groups } });
      at += stepLength(round, index);
    });
    // Step 7: healed until the next round.
    schedule.push({ atMicros: at, fault: { kind: 'heal' } });
    at += stepLength(round, 6);
  }
  schedule.push({ atMicros: faultsEndMicros, fault: { kind: 'healAll' } });
  return schedule;
}

export const replicationFigure8 = replicationScenario({
  name: 'figure-8',
  description: 'Replication: Raft figure 8 — five replicas, a rotating partition schedule that changes primaries while entries are on a minority',
  durationMicros: faultsEndMicros + 2_000_000,
  replication: {
    nodeCount,
    clientCount: 2,
    thinkMicrosMax: 40_000,
    heartbeatMicros: 10_000,
    electionMicrosMin: 40_000,
    electionMicrosMax: 80_000,
    requestTimeoutMicros: 30_000,
    workloadEndMicros: faultsEndMicros + 1_000_000,
    livenessBoundMicros: 1_000_000,
  },
  coverage: ['election-with-divergent-log', 'suffix-truncated'],
  // The schedule is fixed; the profile only bounds it (its window is the schedule's).
  faults: { swarm: false, startMicros: roundStartMicros, endMicros: faultsEndMicros, kinds: {} },
  schedule: figure8Schedule(),
});
