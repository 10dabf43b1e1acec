// The failure view: the violation in words, the shrunk fault schedule, and the run's timeline stepped
// forwards and backwards — at each step the simulated time, what happened (fault applied, client
// operation acknowledged or failed, violation), each node's status and observation (role, term, log
// and commit lengths, as far as the model shows them) and the messages in flight. Keys on screen.
import React from 'react';
import { Box, Text } from 'ink';
import { describeFault } from '../../sim/faults.js';
import { formatMicros } from '../../sim/time.js';
import { describeWorkloadShrink } from '../../scenarios/shrink-workload.js';
import type { Frame, NodeFrame } from '../../reports/recording.js';
import { paint } from './color.js';
import type { FailureDetail } from './failure-detail.js';

const HAPPENINGS_SHOWN = 6;

export const FAILURE_KEYS = '←/h back · →/l forward · PgUp/PgDn ±10 · g first · G last · v jump to violation · w write report · r replay command · b back · q quit';

function nodeLine(node: NodeFrame): string {
  if (node.status !== 'up') return `${node.id.padEnd(5)} ${node.status}`;
  const parts = [node.role ?? '(no observation)'];
  if (node.term !== null) parts.push(`term ${node.term}`);
  if (node.logLength !== null) parts.push(`log ${node.logLength}`);
  if (node.commitLength !== null) parts.push(`commit ${node.commitLength}`);
  return `${node.id.padEnd(5)} up    ${parts.join(' · ')}`;
}

export function TimelineFrame({ frame, index, count, violationIndex, color }: { frame: Frame; index: number; count: number; violationIndex: number; color?: boolean }): React.ReactElement {
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>t = {formatMicros(frame.atMicros)}</Text> · step {index + 1}/{count}
        {index === violationIndex ? <Text color={paint('red', color)}> · the violation</Text> : ` · violation at step ${violationIndex + 1}`}
      </Text>
      {frame.happenings.slice(0, HAPPENINGS_SHOWN).map((each, position) => (
        <Text key={position} color={paint(each.kind === 'violation' ? 'red' : each.kind === 'fault' ? 'yellow' : each.kind === 'operation' ? 'green' : 'white', color)}>
          {'  '}
          {each.text.length > 180 ? `${each.text.slice(0, 180)}…` : each.text}
        </Text>
      ))}
      {frame.happenings.length > HAPPENINGS_SHOWN ? <Text>  … {frame.happenings.length - HAPPENINGS_SHOWN} more at this moment</Text> : null}
      <Text bold>nodes</Text>
      {frame.nodes.map((node) => (
        <Text key={node.id} color={paint(node.status === 'up' ? 'white' : 'red', color)}>
          {'  '}
          {nodeLine(node)}
        </Text>
      ))}
      <Text>
        <Text bold>messages in flight</Text>: {frame.inFlight}
      </Text>
      {frame.messages.slice(0, 6).map((text, position) => (
        <Text key={position} dimColor={color !== false}>
          {'  '}
          {text}
        </Text>
      ))}
      {frame.inFlight > 6 ? <Text dimColor={color !== false}>  … {frame.inFlight - Math.min(6, frame.messages.length)} more</Text> : null}
    </Box>
  );
}

export function FailureView({ detail, frameIndex, status, color }: { detail: FailureDetail; frameIndex: number; status: string; color?: boolean }): React.ReactElement {
  const frames = detail.recording.frames;
  const frame = frames[Math.max(0, Math.min(frameIndex, frames.length - 1))] as Frame;
  const schedule = detail.shrunk?.schedule ?? detail.schedule;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text>
        <Text bold>{detail.scenario.name}</Text> · seed <Text bold>{detail.seed}</Text> · bugs {detail.bugs.length > 0 ? detail.bugs.join(', ') : 'none'}
      </Text>
      {detail.violations.map((violation, position) => (
        <Text key={position} color={paint('red', color)}>
          ✗ {violation.property} ({violation.kind}
          {violation.atMicros !== undefined ? `, at ${formatMicros(violation.atMicros)}` : ''}): {violation.message}
        </Text>
      ))}
      <Text bold>
        {detail.shrunk !== null ? `minimal fault schedule (${schedule.length} of ${detail.schedule.length} faults, ${detail.shrunk.runs} runs to find)` : `fault schedule (${schedule.length})`}
      </Text>
      {schedule.slice(0, 10).map((timed, position) => (
        <Text key={position}>
          {'  '}
          {formatMicros(timed.atMicros).padStart(9)} {describeFault(timed.fault)}
        </Text>
      ))}
      {schedule.length > 10 ? <Text>  … {schedule.length - 10} more</Text> : null}
      {detail.shrunk?.workload !== undefined && detail.shrunk.workload.overrides.length > 0 ? <Text>workload shrunk: {describeWorkloadShrink(detail.shrunk.workload)}</Text> : null}
      <Box marginTop={1} flexDirection="column">
        <TimelineFrame frame={frame} index={Math.max(0, Math.min(frameIndex, frames.length - 1))} count={frames.length} violationIndex={detail.recording.violationFrame} color={color} />
      </Box>
      {status !== '' ? <Text color={paint('cyan', color)}>{status}</Text> : null}
      <Text dimColor={color !== false}>{FAILURE_KEYS}</Text>
    </Box>
  );
}
