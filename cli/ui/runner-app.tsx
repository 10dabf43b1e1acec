// The scenario runner (`faultline` at a terminal, or `faultline ui`): pick a scenario from the list
// (description, model, design options, planted bugs, coverage goals), set seeds / workers / time budget,
// choose a design and toggle bugs, start an exploration and watch it live, then open any failing seed:
// its violation, minimal schedule and a timeline stepped both ways. The core knows nothing of this
// screen: it runs the same worker pool and the same shrinker and reports as the commands do.
import React, { useEffect, useReducer, useRef } from 'react';
import { Box, Text, render, useApp, useInput, type Key } from 'ink';
import { resolveConfig } from '../../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../../scenarios/types.js';
import type { PoolRequest } from '../explore-pool.js';
import type { SeedOutcome } from '../explore-protocol.js';
import { colorEnabled, paint } from './color.js';
import { designOptions } from './design-options.js';
import { buildFailureDetail, replayCommandFor, writeFailureReport, type FailureDetail } from './failure-detail.js';
import { FailureView } from './failure-view.js';
import { ExploreTracker, type ExploreSnapshot } from './explore-tracker.js';
import { ExploreView, REDRAW_MS } from './explore-view.js';

export interface RunnerProps {
  scenarios: readonly ScenarioDefinition<any>[];
  runPool: (request: PoolRequest) => Promise<SeedOutcome[]>;
  outDir: string;
  defaultWorkers: number;
  /** Lines printed once the UI has closed (replay commands, report paths). */
  onExit?: (lines: string[]) => void;
  shrinkRunsMax?: number;
  color?: boolean;
}

interface Setup {
  seeds: number;
  fromSeed: number;
  workers: number;
  /** Wall-clock budget in seconds; 0 = none. */
  budgetSeconds: number;
  bugs: string[];
  design: Record<string, string>;
}

type Field = { kind: 'number'; key: 'seeds' | 'fromSeed' | 'workers' | 'budgetSeconds'; label: string; max: number } | { kind: 'design'; path: string; choices: readonly string[] } | { kind: 'bug'; name: string; description: string } | { kind: 'start' };

type Screen = { name: 'list' } | { name: 'setup' } | { name: 'explore' } | { name: 'failure'; seed: number };

const LIST_KEYS = '↑/↓ choose · enter set up · q quit';
const SETUP_KEYS = '↑/↓ field · ←/→ change · digits type · space toggle bug · enter start (on start) · s start · b back · q quit';
const RESULTS_KEYS = '↑/↓ choose a failing seed · enter open its timeline · b back to setup · q quit';

function setupFields(scenario: ScenarioDefinition<any>): Field[] {
  return [
    { kind: 'number', key: 'seeds', label: 'seeds', max: 100_000_000 },
    { kind: 'number', key: 'fromSeed', label: 'from seed', max: Number.MAX_SAFE_INTEGER },
    { kind: 'number', key: 'workers', label: 'workers', max: 256 },
    { kind: 'number', key: 'budgetSeconds', label: 'time budget (s, 0 = none)', max: 86_400 },
    ...designOptions(scenario.defaults).map((option): Field => ({ kind: 'design', path: option.path, choices: option.choices })),
    ...Object.entries(scenario.bugs as Record<string, string>).map(([name, description]): Field => ({ kind: 'bug', name, description })),
    { kind: 'start' },
  ];
}

export function ScenarioList({ scenarios, selected, color }: { scenarios: readonly ScenarioDefinition<any>[]; selected: number; color?: boolean }): React.ReactElement {
  const chosen = scenarios[selected] as ScenarioDefinition<any>;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>faultline · scenarios</Text>
      {scenarios.map((scenario, index) => (
        <Text key={scenario.name} color={index === selected ? paint('cyan', color) : undefined} bold={index === selected}>
          {index === selected ? '❯ ' : '  '}
          {scenario.name.padEnd(20)} {scenario.description.length > 90 ? `${scenario.description.slice(0, 90)}…` : scenario.description}
        </Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        <Text>
          <Text bold>{chosen.name}</Text> · model {chosen.model}
        </Text>
        <Text>{chosen.description}</Text>
        <Text>
          design options:{' '}
          {designOptions(chosen.defaults)
            .map((option) => `${option.path} = ${option.choices.map((choice) => (choice === option.value ? `[${choice}]` : choice)).join(' | ')}`)
            .join('; ') || 'none'}
        </Text>
        <Text>properties: {chosen.properties.map((property) => property.name).join(', ')}</Text>
        <Text>planted bugs: {Object.keys(chosen.bugs).join(', ') || 'none'}</Text>
        <Text>coverage goals: {chosen.coverage !== undefined && chosen.coverage.length > 0 ? chosen.coverage.map((goal) => goal.name).join(', ') : 'none declared'}</Text>
      </Box>
      <Text dimColor={color !== false}>{LIST_KEYS}</Text>
    </Box>
  );
}

export function SetupView({ scenario, setup, cursor, error, color }: { scenario: ScenarioDefinition<any>; setup: Setup; cursor: number; error: string; color?: boolean }): React.ReactElement {
  const fields = setupFields(scenario);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>{scenario.name} · set up an exploration</Text>
      {fields.map((field, index) => {
        const mark = index === cursor ? '❯ ' : '  ';
        const style = { color: index === cursor ? paint('cyan', color) : undefined, bold: index === cursor };
        if (field.kind === 'number') return <Text key={field.key} {...style}>{`${mark}${field.label.padEnd(28)} ${setup[field.key]}`}</Text>;
        if (field.kind === 'design') return <Text key={field.path} {...style}>{`${mark}${field.path.padEnd(28)} ${field.choices.map((choice) => (choice === setup.design[field.path] ? `[${choice}]` : choice)).join(' | ')}`}</Text>;
        if (field.kind === 'bug') return <Text key={field.name} {...style}>{`${mark}[${setup.bugs.includes(field.name) ? 'x' : ' '}] bug ${field.name} — ${field.description.length > 70 ? `${field.description.slice(0, 70)}…` : field.description}`}</Text>;
        return <Text key="start" {...style}>{`${mark}▶ start`}</Text>;
      })}
      {error !== '' ? <Text color={paint('red', color)}>{error}</Text> : null}
      <Text dimColor={color !== false}>{SETUP_KEYS}</Text>
    </Box>
  );
}

export function RunnerApp(props: RunnerProps): React.ReactElement {
  const color = props.color ?? colorEnabled();
  const { exit } = useApp();
  // Every key edits this one object and then asks for a redraw: keys that arrive together (a paste, a
  // fast typist, tmux send-keys) each see the previous key's effect, which per-field React state would not.
  const ui = useRef({
    screen: { name: 'list' } as Screen,
    selected: 0,
    cursor: 0,
    setup: { seeds: 100, fromSeed: 1, workers: props.defaultWorkers, budgetSeconds: 0, bugs: [], design: {} } as Setup,
    error: '',
    snapshot: null as ExploreSnapshot | null,
    resultCursor: 0,
    detail: null as FailureDetail | null,
    frameIndex: 0,
    status: '',
  }).current;
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  const exploration = useRef<{ tracker: ExploreTracker; stop: { aborted: boolean }; config: BaseConfig; bugs: string[] } | null>(null);
  const written = useRef(new Map<number, { replayFile: string; htmlFile: string }>());
  const printed = useRef<string[]>([]);
  const scenario = props.scenarios[ui.selected] as ScenarioDefinition<any>;

  const quit = (): void => {
    if (exploration.current !== null) exploration.current.stop.aborted = true;
    props.onExit?.(printed.current);
    exit();
  };

  const start = (): void => {
    const setup = ui.setup;
    let config: BaseConfig;
    try {
      config = resolveConfig(scenario, Object.entries(setup.design).map(([path, value]) => `${path}=${value}`));
    } catch (caught) {
      ui.error = caught instanceof Error ? caught.message : String(caught);
      return;
    }
    const seeds = Array.from({ length: Math.max(1, setup.seeds) }, (_, offset) => setup.fromSeed + offset);
    const workers = Math.max(1, Math.min(setup.workers, seeds.length));
    const tracker = new ExploreTracker(scenario, config, setup.bugs, seeds.length, workers);
    const stop = { aborted: false };
    exploration.current = { tracker, stop, config, bugs: [...setup.bugs] };
    ui.snapshot = tracker.snapshot();
    ui.resultCursor = 0;
    ui.error = '';
    ui.screen = { name: 'explore' };
    const budget = setup.budgetSeconds > 0 ? setTimeout(() => {
      stop.aborted = true;
      tracker.stopping = true;
    }, setup.budgetSeconds * 1000) : null;
    void props
      .runPool({ scenario: scenario.name, config, bugs: [...setup.bugs], seeds, workers, stopOnFirst: false, stop, batchSizeMax: 2, onOutcome: (outcome) => tracker.onOutcome(outcome) })
      .catch((caught: unknown) => {
        ui.error = `exploration failed: ${caught instanceof Error ? caught.message : String(caught)}`;
      })
      .finally(() => {
        if (budget !== null) clearTimeout(budget);
        tracker.finish();
        ui.snapshot = tracker.snapshot();
        redraw();
      });
  };

  const exploring = ui.screen.name === 'explore';
  useEffect(() => {
    if (!exploring) return;
    const timer = setInterval(() => {
      const current = exploration.current;
      if (current === null) return;
      ui.snapshot = current.tracker.snapshot();
      redraw();
    }, REDRAW_MS);
    return () => clearInterval(timer);
  }, [exploring]);

  const openFailure = (seed: number): void => {
    const current = exploration.current;
    const outcome = current?.tracker.failingOutcomes.get(seed);
    if (current === null || outcome === undefined) return;
    ui.detail = null;
    ui.status = '';
    ui.screen = { name: 'failure', seed };
    // Shrinking and recording run here, in this thread, after the "working" frame has been drawn.
    setTimeout(() => {
      const built = buildFailureDetail({ scenario, config: current.config, bugs: current.bugs, seed, schedule: outcome.schedule ?? [], violations: outcome.violations }, props.shrinkRunsMax);
      ui.detail = built;
      ui.frameIndex = built.recording.violationFrame;
      redraw();
    }, 10);
  };

  const ensureWritten = (found: FailureDetail): { replayFile: string; htmlFile: string } => {
    const known = written.current.get(found.seed);
    if (known !== undefined) return known;
    const files = writeFailureReport(found, props.outDir);
    written.current.set(found.seed, files);
    return files;
  };

  const onKey = (input: string, key: Key): void => {
    const screen = ui.screen;
    if (screen.name === 'list') {
      if (input === 'q') return quit();
      const count = props.scenarios.length;
      if (key.upArrow || input === 'k') ui.selected = (ui.selected + count - 1) % count;
      if (key.downArrow || input === 'j') ui.selected = (ui.selected + 1) % count;
      if (key.return) {
        const chosen = props.scenarios[ui.selected] as ScenarioDefinition<any>;
        ui.setup = { ...ui.setup, bugs: [], design: Object.fromEntries(designOptions(chosen.defaults).map((option) => [option.path, option.value])) };
        ui.cursor = 0;
        ui.error = '';
        ui.screen = { name: 'setup' };
      }
      return;
    }
    if (screen.name === 'setup') {
      const chosen = props.scenarios[ui.selected] as ScenarioDefinition<any>;
      const fields = setupFields(chosen);
      const field = fields[ui.cursor] as Field;
      const setup = ui.setup;
      if (input === 'q') return quit();
      if (input === 'b' || key.escape) {
        ui.screen = { name: 'list' };
        return;
      }
      if (key.upArrow) ui.cursor = (ui.cursor + fields.length - 1) % fields.length;
      else if (key.downArrow || key.tab) ui.cursor = (ui.cursor + 1) % fields.length;
      else if (input === 's' || (key.return && field.kind === 'start')) start();
      else if (field.kind === 'number') {
        const current = setup[field.key];
        const step = field.key === 'seeds' ? (current >= 1000 ? 100 : current >= 100 ? 10 : 1) : 1;
        const floor = field.key === 'seeds' || field.key === 'workers' ? 1 : 0;
        let next = current;
        if (key.rightArrow) next = current + step;
        if (key.leftArrow) next = current - step;
        if (/^\d$/.test(input)) next = Number(`${current}${input}`);
        if (key.backspace || key.delete) next = Math.floor(current / 10);
        // Typing starts from an empty field: backspace may empty it, the floor is applied on start.
        ui.setup = { ...setup, [field.key]: Math.max(key.backspace || key.delete ? 0 : floor, Math.min(field.max, next)) };
      } else if (field.kind === 'design' && (key.leftArrow || key.rightArrow || input === ' ')) {
        const position = field.choices.indexOf(setup.design[field.path] ?? '');
        const next = field.choices[(position + (key.leftArrow ? field.choices.length - 1 : 1)) % field.choices.length] as string;
        ui.setup = { ...setup, design: { ...setup.design, [field.path]: next } };
      } else if (field.kind === 'bug' && (input === ' ' || key.return || key.leftArrow || key.rightArrow)) {
        ui.setup = { ...setup, bugs: setup.bugs.includes(field.name) ? setup.bugs.filter((bug) => bug !== field.name) : [...setup.bugs, field.name] };
      }
      return;
    }
    if (screen.name === 'explore') {
      const current = exploration.current;
      const finished = current?.tracker.finished === true;
      const failing = current?.tracker.failures.filter((row) => row.outcome === 'fail') ?? [];
      if (input === 'q') {
        if (!finished && current !== null) {
          current.stop.aborted = true;
          current.tracker.stopping = true;
          return;
        }
        return quit();
      }
      if (!finished) return;
      if (input === 'b' || key.escape) ui.screen = { name: 'setup' };
      if (key.upArrow || input === 'k') ui.resultCursor = Math.max(0, ui.resultCursor - 1);
      if (key.downArrow || input === 'j') ui.resultCursor = Math.min(Math.max(0, failing.length - 1), ui.resultCursor + 1);
      const row = failing[ui.resultCursor];
      if (key.return && row !== undefined) openFailure(row.seed);
      return;
    }
    if (input === 'q') return quit();
    if (input === 'b' || key.escape) {
      ui.screen = { name: 'explore' };
      return;
    }
    const detail = ui.detail;
    if (detail === null) return;
    const last = detail.recording.frames.length - 1;
    const move = (to: number): void => {
      ui.frameIndex = Math.max(0, Math.min(last, to));
    };
    if (key.rightArrow || input === 'l' || input === 'n') move(ui.frameIndex + 1);
    if (key.leftArrow || input === 'h' || input === 'p') move(ui.frameIndex - 1);
    if (key.pageDown) move(ui.frameIndex + 10);
    if (key.pageUp) move(ui.frameIndex - 10);
    if (input === 'g' || key.home) move(0);
    if (input === 'G' || key.end) move(last);
    if (input === 'v') move(detail.recording.violationFrame);
    if (input === 'w' || input === 'r') {
      try {
        const files = ensureWritten(detail);
        const command = replayCommandFor(files.replayFile, detail.shrunk !== null);
        if (input === 'w') {
          ui.status = `report written: ${files.htmlFile} (and .md, .replay)`;
          printed.current.push(`report: ${files.htmlFile}`);
        } else {
          ui.status = `replay it with: ${command}`;
          printed.current.push(command);
        }
      } catch (caught) {
        ui.status = `could not write the report: ${caught instanceof Error ? caught.message : String(caught)}`;
      }
    }
  };

  useInput((input, key) => {
    if (key.ctrl && input === 'c') return quit();
    onKey(input, key);
    redraw();
  });

  const screen = ui.screen;
  if (screen.name === 'list') return <ScenarioList scenarios={props.scenarios} selected={ui.selected} color={color} />;
  if (screen.name === 'setup') return <SetupView scenario={scenario} setup={ui.setup} cursor={ui.cursor} error={ui.error} color={color} />;
  const snapshot = ui.snapshot;
  if (screen.name === 'explore' && snapshot !== null) {
    const failing = snapshot.failures.filter((row) => row.outcome === 'fail');
    const first = Math.max(0, ui.resultCursor - 5);
    return (
      <Box flexDirection="column">
        <ExploreView snapshot={snapshot} color={color} hint={snapshot.finished ? '' : 'q stop and show the results'} />
        {ui.error !== '' ? <Text color={paint('red', color)}>{ui.error}</Text> : null}
        {snapshot.finished ? (
          <Box flexDirection="column" borderStyle="round" paddingX={1}>
            <Text bold>
              {snapshot.done} seeds run · {failing.length} failing{failing.length > 0 ? ' — open one:' : ''}
            </Text>
            {failing.slice(first, first + 10).map((row) => {
              const chosen = row.seed === failing[ui.resultCursor]?.seed;
              return (
                <Text key={row.seed} color={chosen ? paint('cyan', color) : undefined} bold={chosen}>
                  {chosen ? '❯ ' : '  '}seed {row.seed} · {row.property}
                </Text>
              );
            })}
            <Text dimColor={color !== false}>{RESULTS_KEYS}</Text>
          </Box>
        ) : null}
      </Box>
    );
  }
  if (screen.name === 'failure') {
    if (ui.detail === null) return <Text>seed {screen.seed}: shrinking the fault schedule and recording the run…</Text>;
    return <FailureView detail={ui.detail} frameIndex={ui.frameIndex} status={ui.status} color={color} />;
  }
  return <Text>…</Text>;
}

export async function runRunnerApp(props: Omit<RunnerProps, 'onExit'>): Promise<void> {
  let lines: string[] = [];
  const app = render(<RunnerApp {...props} onExit={(printed) => (lines = printed)} />, { exitOnCtrlC: false, patchConsole: false });
  await app.waitUntilExit();
  for (const line of lines) process.stdout.write(`${line}\n`);
}
