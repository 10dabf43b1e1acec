// Benchmarks for the linearizability checker on seeded generated histories (repeatable figures):
// - a 1,000-operation, 10-process register history with 10% info operations (target < 1 s);
// - a 2,000-operation kv history over 50 keys (target < 0.3 s);
// - ~100 etcd-like register histories, 80 operations and 5 processes each, a third of writes and cas
//   ending info (Porcupine decides the real Jepsen etcd suite in about 1 s in total);
// - the same suite with one read corrupted per history, where the search has to be exhaustive;
// - concurrent kv histories of the Jepsen kv shape (2,000 operations, 50 processes, 10 keys, 45% gets,
//   45% appends of unique values, 10% puts), as generated and with one get corrupted: every verdict
//   in < 0.5 s and the process under 500 MB (its peak RSS so far is reported with the rows).

import { checkHistory } from './checker.js';
import { concurrentKvHistory, generateHistory, kvWorkload, registerWorkload, type Workload } from './generator.js';
import { kvModel } from './kv.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { createPrng } from './prng.js';
import { registerModel } from './register.js';

export interface BenchRow {
  name: string;
  operations: number;
  processes: number;
  wallMs: number;
  verdict: boolean | null;
  /** Rows of several histories: the slowest one's wall and CPU time, and the process's peak RSS so far. */
  slowestMs?: number;
  slowestCpuMs?: number;
  peakRssMb?: number;
}

const etcdHistories = 100;

function timed<State, Input, Output>(history: readonly Operation<Input, Output>[], model: Model<State, Input, Output>): { wallMs: number; cpuMs: number; verdict: boolean | null; partition: string | null } {
  const startMs = performance.now(); // wall-clock-ok: budget
  const startCpu = process.cpuUsage();
  const result = checkHistory(history, model, { budget: { wallMsMax: 60_000 } });
  const cpu = process.cpuUsage(startCpu);
  const wallMs = performance.now() - startMs; // wall-clock-ok: budget
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, verdict: result.linearizable, partition: result.failure?.partition ?? null };
}

function wallAndVerdict(run: { wallMs: number; verdict: boolean | null }): { wallMs: number; verdict: boolean | null } {
  return { wallMs: run.wallMs, verdict: run.verdict };
}

/** Seeds of concurrent kv histories in `npm run bench` (each checked as generated and with a get corrupted). */
export const concurrentKvSeedsDefault = 20;

/** Corrupt the last completed read so that it returns a value nobody wrote (or null after a write). */
function corruptLastRead<WorkloadState, Input, Output>(
  history: readonly Operation<Input, Output>[],
  workload: Workload<WorkloadState, Input, Output>,
  seed: number,
): Operation<Input, Output>[] {
  let target = -1;
  history.forEach((operation, index) => {
    if (operation.outcome === 'ok' && workload.isRead(operation.input)) target = index;
  });
  return history.map((operation, index) =>
    index === target ? { ...operation, output: workload.corruptRead(operation.input, operation.output as Output, createPrng(seed)) } : operation,
  );
}

function combineVerdicts(verdicts: ReadonlyArray<boolean | null>): boolean | null {
  if (verdicts.includes(null)) return null;
  return verdicts.every((verdict) => verdict === true);
}

export async function benchLinearizability(concurrentKvSeeds = concurrentKvSeedsDefault): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const register = generateHistory(registerWorkload(5), createPrng(1_000), { operations: 1_000, processes: 10, infoPercentWrites: 10, infoPercentReads: 10 });
  rows.push({ name: 'register: 1000 ops, 10 processes, 10% info', operations: register.length, processes: 10, ...wallAndVerdict(timed(register, registerModel)) });

  const keys = Array.from({ length: 50 }, (_, index) => `k${index}`);
  const kv = generateHistory(kvWorkload(keys), createPrng(2_000), { operations: 2_000, processes: 10, infoPercentWrites: 10 });
  rows.push({ name: 'kv: 2000 ops over 50 keys, 10 processes, 10% info writes', operations: kv.length, processes: 10, ...wallAndVerdict(timed(kv, kvModel)) });

  const suite = [];
  for (let seed = 1; seed <= etcdHistories; seed++) {
    const workload = registerWorkload(5);
    const history = generateHistory(workload, createPrng(3_000 + seed), { operations: 80, processes: 5, infoPercentWrites: 33 });
    suite.push({ workload, history, seed });
  }
  for (const corrupt of [false, true]) {
    let wallMs = 0;
    let slowestMs = 0;
    const verdicts: Array<boolean | null> = [];
    for (const { workload, history, seed } of suite) {
      const run = timed(corrupt ? corruptLastRead(history, workload, seed) : history, registerModel);
      wallMs += run.wallMs;
      slowestMs = Math.max(slowestMs, run.wallMs);
      verdicts.push(run.verdict);
    }
    const label = corrupt ? 'etcd-like suite, last read corrupted' : 'etcd-like suite';
    const violations = verdicts.filter((verdict) => verdict === false).length;
    const detail = `${violations} not linearizable, slowest ${slowestMs.toFixed(1)} ms`;
    rows.push({ name: `${label}: ${etcdHistories} × 80 ops, 5 processes, 1/3 writes+cas info (${detail})`, operations: etcdHistories * 80, processes: 5, wallMs, verdict: combineVerdicts(verdicts) });
  }
  for (const corrupt of [false, true]) {
    let wallMs = 0;
    let slowestMs = 0;
    let slowestCpuMs = 0;
    let rightPartitions = 0;
    const verdicts: Array<boolean | null> = [];
    for (let seed = 1; seed <= concurrentKvSeeds; seed++) {
      const { history, corruptedKey } = concurrentKvHistory(seed, { corrupt });
      const run = timed(history, kvModel);
      wallMs += run.wallMs;
      slowestMs = Math.max(slowestMs, run.wallMs);
      slowestCpuMs = Math.max(slowestCpuMs, run.cpuMs);
      verdicts.push(run.verdict);
      if (run.partition === corruptedKey) rightPartitions++;
    }
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const detail = corrupt ? `one get corrupted, ${verdicts.filter((verdict) => verdict === false).length} not linearizable on the corrupted key ${rightPartitions}×` : 'as generated';
    const name = `concurrent kv ${detail}: ${concurrentKvSeeds} × 2000 ops, 50 processes, 10 keys, 45% get / 45% append / 10% put (slowest ${slowestMs.toFixed(1)} ms wall, ${slowestCpuMs.toFixed(1)} ms CPU; peak RSS ${peakRssMb} MB)`;
    rows.push({ name, operations: concurrentKvSeeds * 2000, processes: 50, wallMs, verdict: corrupt ? (verdicts.every((verdict) => verdict === false) ? false : null) : combineVerdicts(verdicts), slowestMs, slowestCpuMs, peakRssMb });
  }
  return rows;
}
