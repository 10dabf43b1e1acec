// Proves the ink run view shows what a person needs mid-run: scenario, seed, progress in simulated
// time, the faults applied so far and the operation counts — rendered with ink-testing-library.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { RunView, type ViewState } from './run-view.js';

const state: ViewState = {
  scenario: 'demo-counter',
  seed: 42,
  bugs: ['mute-after-restart'],
  nowMicros: 2_500_000,
  durationMicros: 5_000_000,
  events: 1234,
  faults: [
    { atMicros: 500_000, fault: { kind: 'crash', node: 'n2' } },
    { atMicros: 900_000, fault: { kind: 'restart', node: 'n2' } },
  ],
  operations: { ok: 10, fail: 1, info: 2 },
  properties: [{ name: 'acked-increments-durable', description: '' }],
};

describe('RunView', () => {
  it('renders progress, faults and counts', () => {
    const { lastFrame, unmount } = render(<RunView state={state} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('demo-counter');
    expect(frame).toContain('seed 42');
    expect(frame).toContain('mute-after-restart');
    expect(frame).toContain('2.500s / 5.000s');
    expect(frame).toContain('1234 events');
    expect(frame).toContain('crash n2');
    expect(frame).toContain('restart n2');
    expect(frame).toContain('10 ok');
    expect(frame).toContain('2 info');
    expect(frame).toContain('acked-increments-durable');
    expect(frame).not.toContain('options drawn');
    unmount();
  });

  it('names the options a swarm seed drew', () => {
    const { lastFrame, unmount } = render(<RunView state={{ ...state, scenario: 'counter-swarm', options: ['disk.fsyncMicrosMax=12000', 'counter.intervalMicros=1000'] }} />);
    expect(lastFrame() ?? '').toContain('options drawn for this seed: disk.fsyncMicrosMax=12000 · counter.intervalMicros=1000');
    unmount();
  });
});
