// The ink view of `faultline run` on a terminal: simulated-time progress, the faults as they are
// applied, and the client operations so far. The simulation advances in slices of simulated time;
// between slices the view redraws, throttled by wall time here (and only here).
import React from 'react';
import { Box, Text, render } from 'ink';
import { describeFault, type Fault } from '../../sim/faults.js';
import { formatMicros } from '../../sim/time.js';
import type { RunResult, RunSession } from '../../scenarios/runner.js';
import type { PropertyInfo } from '../../scenarios/types.js';
import { colorEnabled, paint } from './color.js';

const SLICES = 200;
const REDRAW_MS_MIN = 100;

export interface ViewState {
  scenario: string;
  seed: number;
  bugs: string[];
  /** The options the seed drew (swarm scenarios), `path=value`; empty otherwise. */
  options?: readonly string[];
  nowMicros: number;
  durationMicros: number;
  events: number;
  faults: { atMicros: number; fault: Fault }[];
  operations: { ok: number; fail: number; info: number };
  properties: readonly PropertyInfo[];
}

function Bar({ fraction, width, color }: { fraction: number; width: number; color: boolean }): React.ReactElement {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return (
    <Text>
      <Text color={paint('cyan', color)}>{'█'.repeat(filled)}</Text>
      <Text dimColor={color}>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}

export function RunView({ state, color = colorEnabled() }: { state: ViewState; color?: boolean }): React.ReactElement {
  const recent = state.faults.slice(-8);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text>
        <Text bold>{state.scenario}</Text> · seed <Text bold>{state.seed}</Text> · bugs {state.bugs.length > 0 ? state.bugs.join(', ') : 'none'}
      </Text>
      {state.options !== undefined && state.options.length > 0 ? <Text dimColor={color}>options drawn for this seed: {state.options.join(' · ')}</Text> : null}
      <Box>
        <Bar fraction={state.nowMicros / state.durationMicros} width={40} color={color} />
        <Text>
          {' '}
          {formatMicros(state.nowMicros)} / {formatMicros(state.durationMicros)} · {state.events} events
        </Text>
      </Box>
      <Text>
        operations: <Text color={paint('green', color)}>{state.operations.ok} ok</Text> · <Text color={paint('yellow', color)}>{state.operations.fail} fail</Text> ·{' '}
        <Text color={paint('magenta', color)}>{state.operations.info} info</Text>
      </Text>
      <Text dimColor={color}>faults applied: {state.faults.length}</Text>
      {recent.map((each, index) => (
        <Text key={`${each.atMicros}-${index}`} color={paint(each.fault.kind === 'healAll' || each.fault.kind === 'heal' || each.fault.kind === 'restart' ? 'green' : 'red', color)}>
          {'  '}
          {formatMicros(each.atMicros).padStart(9)} {describeFault(each.fault)}
        </Text>
      ))}
      <Text dimColor={color}>checking: {state.properties.map((property) => property.name).join(', ')}</Text>
    </Box>
  );
}

export async function runWithView(session: RunSession, properties: readonly PropertyInfo[]): Promise<RunResult> {
  const simulation = session.simulation;
  const operations = { ok: 0, fail: 0, info: 0 };
  let counted = 0;
  const state = (): ViewState => {
    const history = simulation.history;
    for (; counted < history.length; counted++) {
      const type = (history[counted] as (typeof history)[number]).type;
      if (type !== 'invoke') operations[type]++;
    }
    return {
      scenario: session.scenario,
      seed: simulation.options.seed,
      bugs: [...session.bugs],
      options: session.options,
      nowMicros: simulation.now,
      durationMicros: session.durationMicros,
      events: simulation.eventsExecuted,
      faults: simulation.faultsApplied,
      operations: { ...operations },
      properties,
    };
  };
  const view = render(<RunView state={state()} />, { exitOnCtrlC: true, patchConsole: false });
  let lastDrawMs = 0;
  // Only the time spent simulating is reported as the run's time; drawing is the view's own cost.
  let simulatingMs = 0;
  const total = session.durationMicros;
  for (let slice = 1; slice <= SLICES; slice++) {
    const sliceStartMs = performance.now();
    const more = session.advance(Math.ceil((total * slice) / SLICES));
    const nowMs = performance.now();
    simulatingMs += nowMs - sliceStartMs;
    if (nowMs - lastDrawMs >= REDRAW_MS_MIN || !more) {
      lastDrawMs = nowMs;
      view.rerender(<RunView state={state()} />);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!more) break;
  }
  view.rerender(<RunView state={state()} />);
  view.unmount();
  const finishStartMs = performance.now();
  const result = session.finish();
  simulatingMs += performance.now() - finishStartMs;
  return { ...result, wallMs: Math.round(simulatingMs * 100) / 100 };
}
