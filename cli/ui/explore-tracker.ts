// What the live explore view shows, gathered from the worker pool's outcomes without ink: seeds done,
// rates, faults injected by kind (each seed's schedule is plain data, regenerated here from its seed),
// failures so far in seed order, elapsed and remaining time. Wall-clock time is read only here, in
// cli/, to report rates; it never reaches a simulation.
import { isInjected } from '../../sim/faults.js';
import { scheduleFor } from '../../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import type { SeedOutcome } from '../explore-protocol.js';

export interface FailureRow {
  seed: number;
  outcome: 'fail' | 'inconclusive';
  kind: string;
  property: string;
  message: string;
}

export interface ExploreSnapshot {
  scenario: string;
  bugs: readonly string[];
  workers: number;
  total: number;
  done: number;
  events: number;
  seedsPerSecond: number;
  eventsPerSecond: number;
  faultsByKind: [string, number][];
  failures: FailureRow[];
  elapsedMs: number;
  /** null until a rate is known. */
  remainingMs: number | null;
  stopping: boolean;
  finished: boolean;
}

export class ExploreTracker {
  readonly startedMs = performance.now();
  done = 0;
  events = 0;
  stopping = false;
  finished = false;
  finishedMs: number | null = null;
  firstFailureMs: number | null = null;
  readonly faultsByKind = new Map<string, number>();
  readonly failures: FailureRow[] = [];
  /** Full outcomes of failing seeds, by seed (schedules included), for the failure view. */
  readonly failingOutcomes = new Map<number, SeedOutcome>();

  constructor(
    readonly scenario: ScenarioDefinition<any>,
    readonly config: BaseConfig,
    readonly bugs: readonly string[],
    readonly total: number,
    readonly workers: number,
  ) {}

  onOutcome(outcome: SeedOutcome): void {
    this.done++;
    this.events += outcome.events;
    const schedule = outcome.schedule ?? scheduleFor(this.scenario, this.config, outcome.seed);
    for (const timed of schedule) {
      if (!isInjected(timed.fault) || timed.atMicros > outcome.simulatedMicros) continue;
      this.faultsByKind.set(timed.fault.kind, (this.faultsByKind.get(timed.fault.kind) ?? 0) + 1);
    }
    if (outcome.outcome === 'pass') return;
    if (outcome.outcome === 'fail' && this.firstFailureMs === null) this.firstFailureMs = Math.round(performance.now() - this.startedMs);
    const first = outcome.violations.find((each) => each.kind !== 'inconclusive') ?? outcome.violations[0];
    const row: FailureRow = { seed: outcome.seed, outcome: outcome.outcome, kind: outcome.outcome === 'fail' ? outcome.kind : 'inconclusive', property: first?.property ?? '', message: first?.message ?? '' };
    // Kept in seed order, whatever order the workers finish in.
    let index = this.failures.length;
    while (index > 0 && (this.failures[index - 1] as FailureRow).seed > row.seed) index--;
    this.failures.splice(index, 0, row);
    this.failingOutcomes.set(outcome.seed, outcome);
  }

  finish(): void {
    this.finished = true;
    this.finishedMs = performance.now();
  }

  snapshot(): ExploreSnapshot {
    const elapsedMs = (this.finishedMs ?? performance.now()) - this.startedMs;
    const seconds = Math.max(elapsedMs / 1000, 1e-3);
    const seedsPerSecond = this.done / seconds;
    return {
      scenario: this.scenario.name,
      bugs: this.bugs,
      workers: this.workers,
      total: this.total,
      done: this.done,
      events: this.events,
      seedsPerSecond,
      eventsPerSecond: this.events / seconds,
      faultsByKind: [...this.faultsByKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
      failures: this.failures,
      elapsedMs,
      remainingMs: this.finished ? 0 : this.done > 0 ? ((this.total - this.done) / seedsPerSecond) * 1000 : null,
      stopping: this.stopping,
      finished: this.finished,
    };
  }
}

/** `1.2s`, `3m04s`, `1h02m`: a wall-clock duration for people. */
export function formatWallMs(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 100) / 10);
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** `12.3k`, `4.5M`: rates for people. */
export function formatCount(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
