// A recording of one run for people to step through and to draw: it re-runs a seed (same config, bugs
// and schedule, so the same trace hash) with an observer that notes every message sent and its fate,
// and stops at every interesting moment — a fault applied, a client operation completed, a violation —
// to note each node's observation (Simulation.observe), its status and the messages in flight.
// Observing changes nothing that executes; the recording is bounded: messages only in a window around
// the violation (at most MESSAGES_MAX), frames at most FRAMES_MAX.
import type { Message } from '../sim/node.js';
import { describeFault, type FaultSchedule } from '../sim/faults.js';
import { clientId, type HistoryEvent } from '../sim/history.js';
import type { Micros } from '../sim/time.js';
import { startRun, type RunResult } from '../scenarios/runner.js';
import type { BaseConfig, ScenarioDefinition } from '../scenarios/types.js';

export const MESSAGES_MAX = 500;
export const FRAMES_MAX = 600;
/** Messages in flight listed per frame (the count is always exact). */
const FRAME_MESSAGES_MAX = 12;
const CONTENT_CHARS_MAX = 240;

export type MessageFate = 'delivered' | 'partitioned' | 'down' | 'lost' | 'pending';

export interface MessageRecord {
  source: string;
  target: string;
  type: string;
  sentAtMicros: Micros;
  /** When it was due at its target; null when the network lost it on sending. */
  deliverAtMicros: Micros | null;
  fate: MessageFate;
  /** A short, bounded rendering of the message's fields (for hovering). */
  content: string;
}

export interface NodeFrame {
  id: string;
  status: 'up' | 'down' | 'paused';
  role: string | null;
  term: number | null;
  logLength: number | null;
  commitLength: number | null;
}

export interface Frame {
  atMicros: Micros;
  /** What happened at this moment, in words: faults applied, operations completed, violations. */
  happenings: { kind: 'fault' | 'operation' | 'violation' | 'start' | 'end'; text: string }[];
  nodes: NodeFrame[];
  inFlight: number;
  messages: string[];
}

export interface Recording {
  result: RunResult;
  nodes: string[];
  clients: string[];
  /** The slice of simulated time whose messages are kept. */
  window: { startMicros: Micros; endMicros: Micros };
  messages: MessageRecord[];
  /** Messages sent in the whole run, including those outside the window. */
  messagesTotal: number;
  frames: Frame[];
  /** Index of the first frame at or after the first violation (or the last frame). */
  violationFrame: number;
}

export interface RecordRequest {
  scenario: ScenarioDefinition<any>;
  seed: number;
  config: BaseConfig;
  bugs: readonly string[];
  schedule?: FaultSchedule;
  /** Where to centre the message window; default: the first violation's time, else the end of the run. */
  anchorMicros?: Micros;
}

/** A bounded, printable rendering of any message value: no functions, no huge byte arrays, no cycles. */
export function summariseValue(value: unknown, budget = CONTENT_CHARS_MAX): string {
  const parts: string[] = [];
  let used = 0;
  const push = (text: string): void => {
    parts.push(text);
    used += text.length;
  };
  // An explicit stack (no recursion): entries are either values to render or literal text.
  const work: ({ text: string } | { value: unknown; depth: number })[] = [{ value, depth: 0 }];
  let steps = 0;
  while (work.length > 0 && used < budget && steps++ < 1_000) {
    const item = work.pop() as { text: string } | { value: unknown; depth: number };
    if ('text' in item) {
      push(item.text);
      continue;
    }
    const current = item.value;
    if (current === null || current === undefined) push(String(current));
    else if (typeof current === 'string') push(JSON.stringify(current.length > 60 ? `${current.slice(0, 60)}…` : current));
    else if (typeof current === 'number' || typeof current === 'boolean' || typeof current === 'bigint') push(String(current));
    else if (current instanceof Uint8Array) push(`<${current.length} bytes>`);
    else if (typeof current !== 'object') push(`<${typeof current}>`);
    else if (item.depth >= 3) push(Array.isArray(current) ? `[…${current.length}]` : '{…}');
    else if (Array.isArray(current)) {
      const shown = current.slice(0, 8);
      work.push({ text: current.length > 8 ? `, …${current.length - 8} more]` : ']' });
      for (let index = shown.length - 1; index >= 0; index--) {
        work.push({ value: shown[index], depth: item.depth + 1 });
        if (index > 0) work.push({ text: ', ' });
      }
      work.push({ text: '[' });
    } else {
      const entries = Object.entries(current as Record<string, unknown>).filter(([, field]) => typeof field !== 'function');
      const shown = entries.slice(0, 12);
      work.push({ text: entries.length > 12 ? ', …}' : '}' });
      for (let index = shown.length - 1; index >= 0; index--) {
        const [key, field] = shown[index] as [string, unknown];
        work.push({ value: field, depth: item.depth + 1 });
        work.push({ text: `${index > 0 ? ', ' : ''}${key}: ` });
      }
      work.push({ text: '{' });
    }
  }
  const text = parts.join('');
  return text.length > budget || work.length > 0 ? `${text.slice(0, budget)}…` : text;
}

function operationText(invoke: HistoryEvent | undefined, done: HistoryEvent): string {
  const what = `${done.f}${done.key !== undefined ? ` ${done.key}` : ''}`;
  const asked = invoke !== undefined ? ` ${summariseValue(invoke.value, 60)}` : '';
  const answer = done.type === 'ok' ? `acknowledged${done.value !== undefined && done.value !== null ? ` → ${summariseValue(done.value, 60)}` : ''}` : done.type === 'fail' ? `failed${done.error ? ` (${done.error})` : ''}` : `unknown outcome${done.error ? ` (${done.error})` : ''}`;
  return `client ${clientId(done.process)} ${what}${asked}: ${answer}${done.node !== undefined ? ` by ${done.node}` : ''}`;
}

/** Re-runs the request (twice: once to learn where it fails, once recording) and returns the recording. */
export function recordRun(request: RecordRequest): Recording {
  const { scenario, config } = request;
  const nodes = scenario.nodes(config);
  const clients = scenario.clients(config);
  let anchor = request.anchorMicros;
  let plan: { times: Micros[]; operationWindow: OperationWindow; result: RunResult };
  {
    // First pass: the plain run, to learn the moments worth a frame and where the violation is.
    const session = startRun({ scenario, seed: request.seed, config, bugs: request.bugs, schedule: request.schedule });
    session.advance(config.durationMicros);
    const result = session.finish();
    anchor ??= result.violations.find((each) => each.atMicros !== undefined)?.atMicros ?? result.simulatedMicros;
    plan = { ...frameTimes(result, anchor), result };
  }
  const span = Math.max(1, plan.result.simulatedMicros);
  // The window: a tenth of the run before the anchor and a twenty-fifth after, narrowed below if busy.
  let window = { startMicros: Math.max(0, anchor - Math.ceil(span / 10)), endMicros: Math.min(span, anchor + Math.ceil(span / 25)) };
  const kept: MessageRecord[] = [];
  const inFlight = new Map<Message, MessageRecord[]>();
  let inFlightCount = 0;
  let messagesTotal = 0;
  const session = startRun({
    scenario,
    seed: request.seed,
    config,
    bugs: request.bugs,
    schedule: plan.result.schedule,
    observer: {
      onSend(source, target, message, deliverAtMicros) {
        messagesTotal++;
        const now = session.simulation.now;
        const record: MessageRecord = { source, target, type: message.type, sentAtMicros: now, deliverAtMicros, fate: deliverAtMicros === null ? 'lost' : 'pending', content: '' };
        if (now >= window.startMicros && now <= window.endMicros) {
          record.content = summariseValue(message);
          kept.push(record);
        }
        if (deliverAtMicros === null) return;
        const list = inFlight.get(message);
        if (list === undefined) inFlight.set(message, [record]);
        else list.push(record);
        inFlightCount++;
      },
      onDeliver(source, target, message, fate) {
        const list = inFlight.get(message);
        if (list === undefined) return;
        const index = list.findIndex((each) => each.source === source && each.target === target);
        if (index < 0) return;
        const [record] = list.splice(index, 1) as [MessageRecord];
        if (list.length === 0) inFlight.delete(message);
        inFlightCount--;
        record.fate = fate;
      },
    },
  });
  const simulation = session.simulation;
  const history = plan.result.history;
  const pending = new Map<number, HistoryEvent>();
  let historyIndex = 0;
  let faultIndex = 0;
  const frames: Frame[] = [];
  const violations = plan.result.violations;
  const snapshot = (atMicros: Micros, happenings: Frame['happenings']): void => {
    const listed: string[] = [];
    for (const list of inFlight.values()) {
      for (const record of list) {
        if (listed.length >= FRAME_MESSAGES_MAX) break;
        listed.push(`${record.source} → ${record.target} ${record.type}${record.deliverAtMicros !== null ? ` (due ${record.deliverAtMicros}µs)` : ''}`);
      }
      if (listed.length >= FRAME_MESSAGES_MAX) break;
    }
    frames.push({
      atMicros,
      happenings,
      nodes: nodes.map((id) => {
        const observation = simulation.observe(id);
        return { id, status: simulation.status(id), role: observation?.role ?? null, term: observation?.term ?? null, logLength: observation?.logLength ?? null, commitLength: observation?.commitLength ?? null };
      }),
      inFlight: inFlightCount,
      messages: listed,
    });
  };
  snapshot(0, [{ kind: 'start', text: `${scenario.name}, seed ${request.seed}: ${nodes.length} nodes, ${clients.length} clients` }]);
  for (const time of plan.times) {
    session.advance(time);
    const happenings: Frame['happenings'] = [];
    for (; faultIndex < simulation.faultsApplied.length; faultIndex++) {
      const applied = simulation.faultsApplied[faultIndex] as (typeof simulation.faultsApplied)[number];
      happenings.push({ kind: 'fault', text: `fault: ${describeFault(applied.fault)}` });
    }
    for (; historyIndex < history.length && (history[historyIndex] as HistoryEvent).time <= time; historyIndex++) {
      const event = history[historyIndex] as HistoryEvent;
      if (event.type === 'invoke') {
        pending.set(event.process, event);
        continue;
      }
      const invoke = pending.get(event.process);
      pending.delete(event.process);
      if (event.time >= plan.operationWindow.startMicros && event.time <= plan.operationWindow.endMicros) happenings.push({ kind: 'operation', text: operationText(invoke, event) });
    }
    for (const violation of violations) if (violation.atMicros === time) happenings.push({ kind: 'violation', text: `VIOLATION ${violation.property}: ${violation.message}` });
    if (happenings.length > 0) snapshot(time, happenings);
  }
  session.advance(config.durationMicros);
  const result = session.finish();
  const undated = result.violations.filter((each) => each.atMicros === undefined);
  snapshot(result.simulatedMicros, [{ kind: 'end', text: `end of run: ${result.outcome}` }, ...undated.map((violation) => ({ kind: 'violation' as const, text: `VIOLATION ${violation.property}: ${violation.message}` }))]);
  // Narrow the window around the anchor until at most MESSAGES_MAX messages remain.
  let messages = kept;
  while (messages.length > MESSAGES_MAX) {
    const before = Math.max(1, Math.floor((anchor - window.startMicros) / 2));
    const after = Math.max(1, Math.floor((window.endMicros - anchor) / 2));
    window = { startMicros: Math.max(0, anchor - before), endMicros: anchor + after };
    messages = messages.filter((each) => each.sentAtMicros >= window.startMicros && each.sentAtMicros <= window.endMicros);
    if (before === 1 && after === 1) messages = messages.slice(0, MESSAGES_MAX);
  }
  const violationFrame = frames.findIndex((frame) => frame.happenings.some((each) => each.kind === 'violation'));
  return { result, nodes, clients, window, messages, messagesTotal, frames, violationFrame: violationFrame >= 0 ? violationFrame : frames.length - 1 };
}

/** Completions inside it get frames; outside it (a long, busy run) they are left out. */
type OperationWindow = { startMicros: Micros; endMicros: Micros };

/** The distinct times that get a frame: every fault, every violation, and the completions nearest the anchor. */
function frameTimes(result: RunResult, anchor: Micros): { times: Micros[]; operationWindow: OperationWindow } {
  const fixed = new Set<Micros>();
  for (const timed of result.schedule) if (timed.atMicros <= result.simulatedMicros) fixed.add(timed.atMicros);
  for (const violation of result.violations) if (violation.atMicros !== undefined) fixed.add(violation.atMicros);
  const completions = [...new Set(result.history.filter((event) => event.type !== 'invoke').map((event) => event.time))];
  const room = Math.max(0, FRAMES_MAX - fixed.size);
  completions.sort((a, b) => Math.abs(a - anchor) - Math.abs(b - anchor) || a - b);
  const chosen = completions.slice(0, room);
  let operationWindow: OperationWindow = { startMicros: 0, endMicros: Number.POSITIVE_INFINITY };
  if (chosen.length < completions.length) {
    operationWindow = chosen.length === 0 ? { startMicros: 1, endMicros: 0 } : { startMicros: Math.min(...chosen), endMicros: Math.max(...chosen) };
  }
  return { times: [...new Set([...fixed, ...chosen])].sort((a, b) => a - b), operationWindow };
}
