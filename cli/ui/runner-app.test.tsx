// Drives the scenario runner as a person would, with ink-testing-library and the real worker pool:
// pick demo-counter from the list, set 4 seeds, toggle the planted bug, start, wait for the live view
// to finish with failures, open the first failing seed, and step its timeline backwards and forwards
// (and jump to the start and to the violation), checking the step counter and the frame's contents.
// Also: the live explore view's figures, and that NO_COLOR leaves no colour escape in the output.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/registry.js';
import { runSeedsOnWorkers } from '../explore-pool.js';
import { colorEnabled, paint } from './color.js';
import { ExploreView } from './explore-view.js';
import { RunnerApp } from './runner-app.js';

const keys = { down: '\u001B[B', up: '\u001B[A', right: '\u001B[C', left: '\u001B[D', enter: '\r', backspace: '\u007F' };

async function until(frame: () => string, predicate: (text: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = frame();
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function step(text: string): { at: number; of: number } {
  const match = /step (\d+)\/(\d+)/.exec(text);
  if (match === null) throw new Error(`no step counter in:\n${text}`);
  return { at: Number(match[1]), of: Number(match[2]) };
}

describe('scenario runner', () => {
  it('list → setup → live explore → failure timeline, stepped both ways', async () => {
    const out = mkdtempSync(join(tmpdir(), 'faultline-ui-'));
    let printed: string[] = [];
    const { stdin, lastFrame, unmount } = render(<RunnerApp scenarios={scenarios} runPool={runSeedsOnWorkers} outDir={out} defaultWorkers={1} shrinkRunsMax={20} color={false} onExit={(lines) => (printed = lines)} />);
    const frame = (): string => lastFrame() ?? '';
    const press = async (key: string): Promise<void> => {
      stdin.write(key);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    // The list: every scenario with its description; the chosen one's bugs and design options below.
    expect(frame()).toContain('logstore-crash');
    expect(frame()).toContain('partition-primary');
    expect(frame()).toContain('design options: logstore.durability = [fsync] | group | none');
    // logstore-crash, logstore-disk, logstore-swarm, then demo-counter.
    await press(keys.down);
    await press(keys.down);
    await press(keys.down);
    await until(frame, (text) => text.includes('demo-counter · model counter'), 'demo-counter chosen');
    await press(keys.enter);
    await until(frame, (text) => text.includes('set up an exploration'), 'the setup screen');
    for (let index = 0; index < 3; index++) await press(keys.backspace);
    await press('4');
    await until(frame, (text) => /seeds\s+4\b/.test(text), 'seeds = 4');
    for (let index = 0; index < 5; index++) await press(keys.down);
    await press(' ');
    await until(frame, (text) => text.includes('[x] bug mute-after-restart'), 'the bug toggled on');
    await press('s');
    // The live view, then the results once every seed ran.
    await until(frame, (text) => text.includes('seeds/s'), 'the live explore view');
    const results = await until(frame, (text) => text.includes('4 seeds run'), 'the exploration to finish');
    expect(results).toMatch(/4\/4 seeds \(100%\)/);
    expect(results).toMatch(/failures so far: [1-4]/);
    expect(results).toContain('faults injected:');
    expect(results).toContain('❯ seed');
    await press(keys.enter);
    const opened = await until(frame, (text) => text.includes('step ') && text.includes('nodes'), 'the failure view', 120_000);
    expect(opened).toContain('✗ responds-after-heal');
    expect(opened).toContain('minimal fault schedule');
    expect(opened).toContain('messages in flight');
    const atViolation = step(opened);
    expect(atViolation.at).toBe(atViolation.of);
    await press(keys.left);
    await until(frame, (text) => step(text).at === atViolation.at - 1, 'one step back');
    await press('h');
    await until(frame, (text) => step(text).at === atViolation.at - 2, 'two steps back');
    await press(keys.right);
    await until(frame, (text) => step(text).at === atViolation.at - 1, 'one step forward');
    await press('g');
    const first = await until(frame, (text) => step(text).at === 1, 'the first step');
    expect(first).toMatch(/n1\s+down/);
    expect(first).toContain('t = 0µs');
    await press('l');
    await until(frame, (text) => step(text).at === 2, 'forward from the first step');
    await press('v');
    const violation = await until(frame, (text) => step(text).at === atViolation.at, 'the jump to the violation');
    expect(violation).toContain('VIOLATION responds-after-heal');
    await press('r');
    await until(frame, (text) => text.includes('replay it with: faultline replay'), 'the replay command');
    await press('q');
    expect(printed.join('\n')).toMatch(/faultline replay .*demo-counter-mute-after-restart-seed\d+\.replay --shrunk/);
    unmount();
  }, 240_000);
});

describe('live explore view', () => {
  it('shows progress, rates, faults by kind, failures in seed order and times', () => {
    const { lastFrame } = render(
      <ExploreView
        color={false}
        snapshot={{ scenario: 'swarm', bugs: [], workers: 2, total: 200, done: 50, events: 1_200_000, seedsPerSecond: 12.5, eventsPerSecond: 300_000, faultsByKind: [['partition', 40], ['crash', 12]], failures: [{ seed: 3, outcome: 'fail', kind: 'correctness', property: 'no-divergence', message: 'index 4 differs' }, { seed: 9, outcome: 'fail', kind: 'correctness', property: 'no-acked-event-lost', message: 'lost c1-3' }], elapsedMs: 4_000, remainingMs: 12_000, stopping: false, finished: false }}
      />,
    );
    const text = lastFrame() ?? '';
    expect(text).toContain('50/200 seeds (25%)');
    expect(text).toContain('12.5 seeds/s · 300.0k simulated events/s · elapsed 4.0s · remaining 12.0s');
    expect(text).toContain('faults injected: partition 40 · crash 12');
    expect(text).toContain('failures so far: 2');
    expect(text.indexOf('seed 3 ')).toBeLessThan(text.indexOf('seed 9 '));
    expect(text).toContain('q stop and print the summary');
    expect(text).toContain('██████████░░░░');
  });

  it('NO_COLOR turns every colour off', () => {
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({})).toBe(true);
    expect(paint('red', false)).toBeUndefined();
    expect(paint('red', true)).toBe('red');
  });
});
