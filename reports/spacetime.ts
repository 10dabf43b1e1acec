// Two SVG figures of the HTML report, self-contained (no script, no external assets):
// - the space-time (Lamport) diagram: one horizontal line per node and client, time to the right, each
//   message an arrow from its sender at sending time to its target at its due time (delivered, dropped
//   by a partition or a down target, lost by the network, still in flight at the end), faults shaded,
//   the violation and the client operations around it marked; hovering a message shows its content.
//   It covers the recording's window around the violation, never the whole run (size stays bounded).
// - the latency plot: one dot per completed client operation (completion time, latency).
import { describeFault, type Fault } from '../sim/faults.js';
import { clientId, type HistoryEvent } from '../sim/history.js';
import { formatMicros, type Micros } from '../sim/time.js';
import { escapeHtml } from './html-escape.js';
import type { MessageFate, Recording } from './recording.js';

const WIDTH = 1100;
const LEFT = 90;
const RIGHT = 20;
const LANE = 44;
const TOP = 40;
const LATENCY_POINTS_MAX = 2_000;

const fateColors: Record<MessageFate, string> = { delivered: '#3b7dd8', partitioned: '#d9534f', down: '#d9534f', lost: '#999', pending: '#bbb' };

function shadeBands(recording: Recording, lane: (id: string) => number, x: (micros: Micros) => number): string[] {
  const { startMicros, endMicros } = recording.window;
  const out: string[] = [];
  const open = new Map<string, { atMicros: Micros; text: string; color: string }>();
  const close = (key: string, atMicros: Micros): void => {
    const started = open.get(key);
    open.delete(key);
    if (started === undefined || atMicros < startMicros || started.atMicros > endMicros) return;
    const node = key.split('|')[0] as string;
    const from = x(Math.max(started.atMicros, startMicros));
    const to = x(Math.min(atMicros, endMicros));
    out.push(`<rect class="fault" x="${from.toFixed(1)}" y="${(TOP + lane(node) * LANE - 12).toFixed(1)}" width="${Math.max(2, to - from).toFixed(1)}" height="24" fill="${started.color}" opacity="0.22"><title>${escapeHtml(`${node}: ${started.text} ${formatMicros(started.atMicros)}–${formatMicros(atMicros)}`)}</title></rect>`);
  };
  const nodes = recording.nodes;
  const starts = (fault: Fault): { node: string; state: string; color: string }[] => {
    switch (fault.kind) {
      case 'crash':
      case 'powerLoss':
        return [{ node: fault.node, state: 'down', color: '#d9534f' }];
      case 'pause':
        return [{ node: fault.node, state: 'paused', color: '#f0ad4e' }];
      case 'partition': {
        // Shade every node outside the largest group: each such node is cut off from the majority.
        const largest = fault.groups.reduce((best, group) => (group.length > best.length ? group : best), [] as string[]);
        return fault.groups.filter((group) => group !== largest).flat().map((node) => ({ node, state: 'cut', color: '#9b59b6' }));
      }
      case 'partitionOneWay':
        return [...fault.sources, ...fault.targets].map((node) => ({ node, state: 'cut', color: '#9b59b6' }));
      case 'clog':
        return [{ node: fault.source, state: 'cut', color: '#9b59b6' }];
      default:
        return [];
    }
  };
  for (const { atMicros, fault } of recording.result.schedule) {
    for (const begin of starts(fault)) if (nodes.includes(begin.node) || recording.clients.includes(begin.node)) open.set(`${begin.node}|${begin.state}`, { atMicros, text: describeFault(fault), color: begin.color });
    if (fault.kind === 'restart') close(`${fault.node}|down`, atMicros);
    if (fault.kind === 'resume') close(`${fault.node}|paused`, atMicros);
    if (fault.kind === 'heal' || fault.kind === 'unclog') for (const key of [...open.keys()]) if (key.endsWith('|cut')) close(key, atMicros);
    if (fault.kind === 'healAll') for (const key of [...open.keys()]) close(key, atMicros);
  }
  for (const key of [...open.keys()]) close(key, endMicros);
  return out;
}

/** The space-time diagram of a recording's window. */
export function renderSpaceTime(recording: Recording): string {
  const { startMicros, endMicros } = recording.window;
  const lanes = [...recording.nodes, ...recording.clients];
  const laneIndex = new Map(lanes.map((id, index) => [id, index]));
  const lane = (id: string): number => laneIndex.get(id) ?? 0;
  const span = Math.max(1, endMicros - startMicros);
  const plot = WIDTH - LEFT - RIGHT;
  const x = (micros: Micros): number => LEFT + (Math.min(Math.max(micros, startMicros), endMicros) - startMicros) * (plot / span);
  const y = (id: string): number => TOP + lane(id) * LANE;
  const height = TOP + lanes.length * LANE + 30;
  const svg: string[] = [
    `<svg id="spacetime" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11" data-messages="${recording.messages.length}" data-lanes="${lanes.length}">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker></defs>',
  ];
  for (const id of lanes) {
    const isClient = laneIndex.get(id)! >= recording.nodes.length;
    svg.push(`<text x="4" y="${y(id) + 4}"${isClient ? ' fill="#666"' : ' font-weight="bold"'}>${escapeHtml(id)}</text><line class="lane" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(id)}" y2="${y(id)}" stroke="#999"/>`);
  }
  svg.push(...shadeBands(recording, lane, x));
  for (const timed of recording.result.schedule) {
    if (timed.atMicros < startMicros || timed.atMicros > endMicros) continue;
    svg.push(`<line class="fault-mark" x1="${x(timed.atMicros).toFixed(1)}" x2="${x(timed.atMicros).toFixed(1)}" y1="${TOP - 16}" y2="${height - 30}" stroke="#aaa" stroke-dasharray="2,3"><title>${escapeHtml(`${formatMicros(timed.atMicros)} ${describeFault(timed.fault)}`)}</title></line>`);
  }
  for (const message of recording.messages) {
    const x1 = x(message.sentAtMicros);
    const y1 = y(message.source);
    const due = message.deliverAtMicros ?? message.sentAtMicros + Math.ceil(span / 200);
    const x2 = x(due);
    // A lost message stops halfway; a dropped one reaches the target's line, drawn dashed and red.
    const y2 = message.fate === 'lost' ? (y1 + y(message.target)) / 2 : y(message.target);
    const dash = message.fate === 'delivered' ? '' : ' stroke-dasharray="4,3"';
    const title = `${message.source} → ${message.target} ${message.type} · sent ${formatMicros(message.sentAtMicros)}${message.deliverAtMicros !== null ? ` · due ${formatMicros(message.deliverAtMicros)}` : ''} · ${message.fate}\n${message.content}`;
    svg.push(`<line class="msg msg-${message.fate}" x1="${x1.toFixed(1)}" y1="${y1}" x2="${x2.toFixed(1)}" y2="${y2}" stroke="${fateColors[message.fate]}" stroke-width="1.2"${dash} marker-end="url(#arrow)"><title>${escapeHtml(title)}</title></line>`);
  }
  // Client operations in the window: invoke → completion on the client's line; those spanning the violation are outlined.
  const violationTimes = recording.result.violations.map((each) => each.atMicros ?? recording.result.simulatedMicros);
  const pending = new Map<number, HistoryEvent>();
  const opColors = { ok: '#5cb85c', fail: '#f0ad4e', info: '#9b59b6' } as const;
  for (const event of recording.result.history) {
    if (event.type === 'invoke') {
      pending.set(event.process, event);
      continue;
    }
    const invoke = pending.get(event.process);
    pending.delete(event.process);
    if (invoke === undefined || event.time < startMicros || invoke.time > endMicros) continue;
    const client = recording.clients[event.process] ?? recording.clients[0];
    if (client === undefined) continue;
    const violating = violationTimes.some((at) => at >= invoke.time && at <= event.time);
    const from = x(invoke.time);
    const to = Math.max(from + 2, x(event.time));
    svg.push(`<rect class="op${violating ? ' op-violating' : ''}" x="${from.toFixed(1)}" y="${y(client) + 4}" width="${(to - from).toFixed(1)}" height="8" fill="${opColors[event.type]}"${violating ? ' stroke="#c00" stroke-width="2"' : ''}><title>${escapeHtml(`client ${clientId(event.process)} ${event.f}${event.key !== undefined ? ` ${event.key}` : ''} ${JSON.stringify(invoke.value) ?? ''} → ${event.type} ${JSON.stringify(event.value) ?? ''}${event.error ? ` (${event.error})` : ''} ${formatMicros(invoke.time)}–${formatMicros(event.time)}${violating ? ' · spans the violation' : ''}`)}</title></rect>`);
  }
  // Every violation gets its line; only the earliest of each property is labelled (labels would overlap).
  const labelled = new Set<string>();
  const ordered = [...recording.result.violations].sort((a, b) => (a.atMicros ?? Number.MAX_SAFE_INTEGER) - (b.atMicros ?? Number.MAX_SAFE_INTEGER));
  let labelRow = 0;
  for (const violation of ordered) {
    const at = violation.atMicros ?? recording.result.simulatedMicros;
    const vx = x(at).toFixed(1);
    const label = labelled.has(violation.property) ? '' : `<text x="${vx}" y="${12 + (labelRow++ % 2) * 12}" fill="#c00" text-anchor="${Number(vx) > WIDTH - 200 ? 'end' : 'start'}">✗ ${escapeHtml(violation.property)}${violation.atMicros === undefined ? ' (liveness, at the end)' : ''}</text>`;
    labelled.add(violation.property);
    svg.push(`<g class="violation"><line x1="${vx}" x2="${vx}" y1="${TOP - 14}" y2="${height - 26}" stroke="#c00" stroke-width="2"/>${label}<title>${escapeHtml(`${violation.property}: ${violation.message}`)}</title></g>`);
  }
  for (let tick = 0; tick <= 8; tick++) {
    const at = startMicros + Math.round((span * tick) / 8);
    svg.push(`<text x="${Math.min(x(at) - 12, WIDTH - 70).toFixed(1)}" y="${height - 8}" fill="#555">${escapeHtml(formatMicros(at))}</text>`);
  }
  svg.push('</svg>');
  return svg.join('\n');
}

/** Latency of every completed operation against its completion time (sampled evenly above a cap). */
export function renderLatencyPlot(history: readonly HistoryEvent[], endMicros: Micros): string {
  const points: { at: Micros; latency: Micros; type: 'ok' | 'fail' | 'info'; f: string; process: number }[] = [];
  const pending = new Map<number, HistoryEvent>();
  for (const event of history) {
    if (event.type === 'invoke') {
      pending.set(event.process, event);
      continue;
    }
    const invoke = pending.get(event.process);
    pending.delete(event.process);
    if (invoke !== undefined) points.push({ at: event.time, latency: event.time - invoke.time, type: event.type, f: event.f, process: event.process });
  }
  const step = Math.max(1, Math.ceil(points.length / LATENCY_POINTS_MAX));
  const shown = points.filter((_, index) => index % step === 0);
  const height = 200;
  const plot = WIDTH - LEFT - RIGHT;
  const latencyMax = Math.max(1, ...shown.map((point) => point.latency));
  const span = Math.max(1, endMicros);
  const colors = { ok: '#5cb85c', fail: '#f0ad4e', info: '#9b59b6' } as const;
  const svg = [`<svg id="latency" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height + 30}" font-family="monospace" font-size="11" data-points="${shown.length}">`];
  svg.push(`<line x1="${LEFT}" x2="${LEFT}" y1="0" y2="${height}" stroke="#999"/><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${height}" y2="${height}" stroke="#999"/>`);
  svg.push(`<text x="4" y="12">${escapeHtml(formatMicros(latencyMax))}</text><text x="4" y="${height}">0</text>`);
  for (const point of shown) {
    const px = LEFT + (point.at / span) * plot;
    const py = height - (point.latency / latencyMax) * (height - 6);
    svg.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2" fill="${colors[point.type]}"><title>${escapeHtml(`client ${clientId(point.process)} ${point.f} ${point.type} after ${formatMicros(point.latency)} at ${formatMicros(point.at)}`)}</title></circle>`);
  }
  for (let tick = 0; tick <= 8; tick++) svg.push(`<text x="${Math.min(LEFT + (plot * tick) / 8 - 12, WIDTH - 70).toFixed(1)}" y="${height + 20}" fill="#555">${escapeHtml(formatMicros(Math.round((span * tick) / 8)))}</text>`);
  svg.push('</svg>');
  return svg.join('\n');
}
