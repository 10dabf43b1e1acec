// The live view of an exploration (`faultline explore` at a terminal, and the scenario runner): a
// progress bar over the seed range, seeds/s, simulated events/s, faults injected by kind, failures so
// far in seed order, elapsed and remaining time. Redraws are throttled by wall time here, in the UI.
import React from 'react';
import { Box, Text } from 'ink';
import { paint } from './color.js';
import { formatCount, formatWallMs, type ExploreSnapshot } from './explore-tracker.js';

export const REDRAW_MS = 100;
const FAILURES_SHOWN = 8;

export function ProgressBar({ fraction, width, color }: { fraction: number; width: number; color?: boolean }): React.ReactElement {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return (
    <Text>
      <Text color={paint('cyan', color)}>{'█'.repeat(filled)}</Text>
      <Text dimColor={color !== false}>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}

export function ExploreView({ snapshot, color, hint }: { snapshot: ExploreSnapshot; color?: boolean; hint?: string }): React.ReactElement {
  const s = snapshot;
  const percent = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 100;
  const failing = s.failures.filter((each) => each.outcome === 'fail').length;
  const undecided = s.failures.length - failing;
  const state = s.finished ? (s.done < s.total ? 'stopped' : 'done') : s.stopping ? 'stopping…' : 'exploring';
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text>
        <Text bold>{s.scenario}</Text> · {state} · bugs {s.bugs.length > 0 ? s.bugs.join(', ') : 'none'} · {s.workers} workers
      </Text>
      <Box>
        <ProgressBar fraction={s.total > 0 ? s.done / s.total : 1} width={40} color={color} />
        <Text>
          {' '}
          {s.done}/{s.total} seeds ({percent}%)
        </Text>
      </Box>
      <Text>
        {formatCount(s.seedsPerSecond)} seeds/s · {formatCount(s.eventsPerSecond)} simulated events/s · elapsed {formatWallMs(s.elapsedMs)} · remaining{' '}
        {s.remainingMs === null ? '…' : formatWallMs(s.remainingMs)}
      </Text>
      <Text>faults injected: {s.faultsByKind.length > 0 ? s.faultsByKind.map(([kind, count]) => `${kind} ${count}`).join(' · ') : 'none yet'}</Text>
      <Text color={paint(failing > 0 ? 'red' : 'green', color)}>
        failures so far: {failing}
        {undecided > 0 ? ` (+${undecided} inconclusive)` : ''}
      </Text>
      {s.failures.slice(0, FAILURES_SHOWN).map((row) => (
        <Text key={row.seed}>
          {'  '}seed {row.seed} · {row.property}: {row.message.length > 100 ? `${row.message.slice(0, 100)}…` : row.message}
        </Text>
      ))}
      {s.failures.length > FAILURES_SHOWN ? <Text dimColor={color !== false}>  … {s.failures.length - FAILURES_SHOWN} more</Text> : null}
      <Text dimColor={color !== false}>{hint ?? (s.finished ? '' : 'q stop and print the summary · Ctrl-C stop (exit 130)')}</Text>
    </Box>
  );
}
