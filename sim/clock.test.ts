// Proves a node clock applies offset and drift from the moment they are set, and converts timer
// delays measured on the local clock into simulated delays.
import { describe, expect, it } from 'vitest';
import { NodeClock } from './clock.js';

describe('NodeClock', () => {
  it('reads true time by default', () => {
    const clock = new NodeClock();
    expect(clock.read(12_345)).toBe(12_345);
  });

  it('skew jumps, drift accumulates from when it is set', () => {
    const clock = new NodeClock();
    clock.skew(1_000, 500);
    expect(clock.read(2_000)).toBe(2_500);
    clock.drift(2_000, 100_000); // 10% fast
    expect(clock.read(12_000)).toBe(2_500 + 10_000 + 1_000);
    clock.skew(12_000, -20_000);
    expect(clock.read(12_000)).toBe(13_500 - 20_000);
  });

  it('a fast clock fires its timers early in simulated time', () => {
    const clock = new NodeClock();
    clock.drift(0, 1_000_000 / 4); // 25% fast
    expect(clock.simulatedDelay(1_000)).toBe(800);
    clock.reset(5_000);
    expect(clock.simulatedDelay(1_000)).toBe(1_000);
    expect(clock.read(6_000)).toBe(6_000);
  });

  it('rejects a drift that would stop or reverse the clock', () => {
    expect(() => new NodeClock().drift(0, -1_000_000)).toThrow(/ppm/);
  });
});
