// A node's own clock. Fault model: a clock can be offset (jump forwards or backwards by any amount) and
// can drift (run fast or slow by a rate in parts per million). A node sees only its own clock; timers it
// sets are measured on that clock, so a fast clock fires its timers early in simulated time.
// What it never does: go backwards on its own, or differ between two reads at the same simulated time.
import { assert } from './assert.js';
import type { Micros } from './time.js';

const PPM = 1_000_000;

export class NodeClock {
  private anchorSimMicros = 0;
  private anchorLocalMicros = 0;
  private driftPpm = 0;

  /** The node's local reading at simulated time `now`. */
  read(now: Micros): Micros {
    const elapsed = now - this.anchorSimMicros;
    return this.anchorLocalMicros + elapsed + Math.trunc((elapsed * this.driftPpm) / PPM);
  }

  /** Jump the local clock by `offsetMicros` (an NTP step, a VM migration, an operator). */
  skew(now: Micros, offsetMicros: Micros): void {
    assert(Number.isSafeInteger(offsetMicros), 'skew: offset must be an integer');
    this.reanchor(now);
    this.anchorLocalMicros += offsetMicros;
  }

  /** Change the drift rate from `now` on. */
  drift(now: Micros, driftPpm: number): void {
    assert(Number.isSafeInteger(driftPpm) && driftPpm > -PPM, `drift: ppm must be an integer > -1e6 (got ${driftPpm})`);
    this.reanchor(now);
    this.driftPpm = driftPpm;
  }

  /** Back to true time: offset 0, drift 0 (what a healed NTP sync does at the end of a scenario). */
  reset(now: Micros): void {
    this.anchorSimMicros = now;
    this.anchorLocalMicros = now;
    this.driftPpm = 0;
  }

  /** Simulated micros that elapse while this clock advances by `localMicros`. */
  simulatedDelay(localMicros: Micros): Micros {
    if (this.driftPpm === 0) return localMicros;
    return Math.ceil((localMicros * PPM) / (PPM + this.driftPpm));
  }

  get offsetMicros(): number {
    return this.anchorLocalMicros - this.anchorSimMicros;
  }

  get currentDriftPpm(): number {
    return this.driftPpm;
  }

  private reanchor(now: Micros): void {
    this.anchorLocalMicros = this.read(now);
    this.anchorSimMicros = now;
  }
}
