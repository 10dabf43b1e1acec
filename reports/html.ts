// A self-contained HTML report (no external assets): the verdict, the violations, and a timeline —
// one lane per node showing when it was down, paused or cut off, one lane per client showing each
// operation as a bar (ok, fail, info), and a marker where a violation was observed.
import { describeFault, type Fault } from '../sim/faults.js';
import { clientId, type HistoryEvent } from '../sim/history.js';
import { formatMicros } from '../sim/time.js';
import type { ReportInput } from './markdown.js';
import { propertyStatuses, verdictWord } from './text.js';
import type { BaseConfig } from '../scenarios/types.js';
import { configLine } from './config-header.js';
import { escapeHtml } from './html-escape.js';
import type { Recording } from './recording.js';
import { renderLatencyPlot, renderSpaceTime } from './spacetime.js';
import { describeWorkloadShrink } from '../scenarios/shrink-workload.js';

/** What the HTML report adds to the Markdown one: the node ids, and optionally the scenario's defaults (for the `--set` header) and a recording (for the space-time diagram). */
export type HtmlReportInput = ReportInput & { nodes: string[]; defaults?: BaseConfig | null; recording?: Recording | null };

const WIDTH = 1100;
const LANE = 22;
const LEFT = 90;

const escape = escapeHtml;

interface Bar {
  lane: number;
  startMicros: number;
  endMicros: number;
  color: string;
  title: string;
}

/** Nodes first, then clients (`c1` is the first client lane): a partition that cuts a client off shows on its lane. */
function laneFor(nodes: readonly string[]): (id: string) => number {
  return (id) => {
    const node = nodes.indexOf(id);
    if (node >= 0) return node;
    const client = /^c(\d+)$/.exec(id);
    return client === null ? -1 : nodes.length + Number(client[1]) - 1;
  };
}

function nodeBars(nodes: string[], faults: { atMicros: number; fault: Fault }[], endMicros: number): Bar[] {
  const bars: Bar[] = [];
  const laneOf = laneFor(nodes);
  const open = new Map<string, { atMicros: number; kind: string }>();
  const close = (key: string, atMicros: number): void => {
    const started = open.get(key);
    if (started === undefined) return;
    open.delete(key);
    const [node, state] = key.split('|') as [string, string];
    const color = state === 'down' ? '#d9534f' : state === 'paused' ? '#f0ad4e' : '#9b59b6';
    const lane = laneOf(node);
    if (lane < 0) return;
    bars.push({ lane, startMicros: started.atMicros, endMicros: atMicros, color, title: `${node} ${started.kind} ${formatMicros(started.atMicros)}–${formatMicros(atMicros)}` });
  };
  for (const { atMicros, fault } of faults) {
    if (fault.kind === 'crash' || fault.kind === 'powerLoss') open.set(`${fault.node}|down`, { atMicros, kind: fault.kind });
    if (fault.kind === 'restart') close(`${fault.node}|down`, atMicros);
    if (fault.kind === 'pause') open.set(`${fault.node}|paused`, { atMicros, kind: 'pause' });
    if (fault.kind === 'resume') close(`${fault.node}|paused`, atMicros);
    if (fault.kind === 'partition') for (const group of fault.groups) if (group.length * 2 < nodes.length) for (const node of group) open.set(`${node}|cut`, { atMicros, kind: describeFault(fault) });
    if (fault.kind === 'partitionOneWay') for (const node of fault.sources) open.set(`${node}|cut`, { atMicros, kind: describeFault(fault) });
    if (fault.kind === 'heal') for (const key of [...open.keys()]) if (key.endsWith('|cut')) close(key, atMicros);
    if (fault.kind === 'healAll') for (const key of [...open.keys()]) close(key, atMicros);
  }
  for (const key of [...open.keys()]) close(key, endMicros);
  return bars;
}

/** Client operation bars drawn at most: keeps a 10-second report under a megabyte. */
const OPERATION_BARS_MAX = 1_000;

/** The `count` bars whose middle lies nearest `focusMicros`, in their original order. */
function nearest(bars: readonly Bar[], focusMicros: number, count: number): Bar[] {
  if (bars.length <= count) return [...bars];
  const distance = (bar: Bar): number => Math.abs((bar.startMicros + bar.endMicros) / 2 - focusMicros);
  const kept = new Set([...bars].sort((a, b) => distance(a) - distance(b)).slice(0, count));
  return bars.filter((bar) => kept.has(bar));
}

/** A value for a hover title: JSON, cut at 80 characters (a read may return a whole stream). */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 80 ? text : `${text.slice(0, 77)}…`;
}

function operationBars(history: readonly HistoryEvent[], laneOffset: number): Bar[] {
  const bars: Bar[] = [];
  const pending = new Map<number, HistoryEvent>();
  const colors = { ok: '#5cb85c', fail: '#f0ad4e', info: '#9b59b6' } as const;
  for (const event of history) {
    if (event.type === 'invoke') {
      pending.set(event.process, event);
      continue;
    }
    const invoke = pending.get(event.process);
    if (invoke === undefined) continue;
    pending.delete(event.process);
    bars.push({
      lane: laneOffset + event.process,
      startMicros: invoke.time,
      endMicros: Math.max(event.time, invoke.time + 1),
      color: colors[event.type],
      title: `client ${clientId(event.process)} ${event.f} ${event.key ?? ''} ${brief(invoke.value)} → ${event.type} ${brief(event.value)}${event.error ? ` (${event.error})` : ''} ${formatMicros(invoke.time)}–${formatMicros(event.time)}`,
    });
  }
  return bars;
}

export function renderHtml(input: HtmlReportInput): string {
  const { result, properties, nodes } = input;
  const endMicros = Math.max(result.simulatedMicros, 1);
  const processes = new Set(result.history.map((event) => event.process));
  const processCount = processes.size === 0 ? 0 : Math.max(...processes) + 1;
  const plotWidth = WIDTH - LEFT - 10;
  const x = (micros: number): number => LEFT + (micros / endMicros) * plotWidth;
  const applied = result.schedule.map((timed) => ({ atMicros: timed.atMicros, fault: timed.fault }));
  // The size cap: every node bar, and the client operations nearest the violation (all of them in a short run).
  const focusMicros = result.violations.find((violation) => violation.atMicros !== undefined && violation.atMicros !== null)?.atMicros ?? endMicros;
  const operations = operationBars(result.history, nodes.length);
  const drawn = nearest(operations, focusMicros, OPERATION_BARS_MAX);
  const bars = [...nodeBars(nodes, applied, endMicros), ...drawn];
  // Every lane a bar sits on is drawn, a cut-off client with no operations included.
  const lanes = Math.max(nodes.length + processCount, ...bars.map((bar) => bar.lane + 1));
  const height = lanes * LANE + 40;
  const svg: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">`];
  for (let lane = 0; lane < lanes; lane++) {
    const label = lane < nodes.length ? nodes[lane] : clientId(lane - nodes.length);
    svg.push(`<text x="4" y="${lane * LANE + 15}">${escape(label ?? '')}</text><line x1="${LEFT}" x2="${WIDTH - 10}" y1="${lane * LANE + 20}" y2="${lane * LANE + 20}" stroke="#eee"/>`);
  }
  for (const bar of bars) {
    const width = Math.max(1, x(bar.endMicros) - x(bar.startMicros));
    svg.push(`<rect x="${x(bar.startMicros).toFixed(1)}" y="${bar.lane * LANE + 4}" width="${width.toFixed(1)}" height="14" fill="${bar.color}" opacity="0.85"><title>${escape(bar.title)}</title></rect>`);
  }
  for (const timed of applied) {
    svg.push(`<line x1="${x(timed.atMicros)}" x2="${x(timed.atMicros)}" y1="0" y2="${lanes * LANE}" stroke="#ccc" stroke-dasharray="2,3"><title>${escape(`${formatMicros(timed.atMicros)} ${describeFault(timed.fault)}`)}</title></line>`);
  }
  for (const violation of result.violations) {
    if (violation.atMicros === undefined || violation.atMicros === null) {
      // A liveness violation has no moment: it is marked at the end of the run, where it was judged.
      svg.push(`<line class="liveness" x1="${x(endMicros)}" x2="${x(endMicros)}" y1="0" y2="${lanes * LANE + 8}" stroke="#c00" stroke-width="3" stroke-dasharray="6,3"><title>${escape(`${violation.property} (judged at the end of the run): ${violation.message}`)}</title></line>`);
      continue;
    }
    svg.push(`<line x1="${x(violation.atMicros)}" x2="${x(violation.atMicros)}" y1="0" y2="${lanes * LANE + 8}" stroke="#c00" stroke-width="2"><title>${escape(violation.message)}</title></line>`);
  }
  for (let tick = 0; tick <= 10; tick++) svg.push(`<text x="${Math.min(x((endMicros * tick) / 10) - 10, WIDTH - 60)}" y="${lanes * LANE + 30}">${formatMicros(Math.round((endMicros * tick) / 10))}</text>`);
  svg.push('</svg>');
  const status = propertyStatuses(result.violations);
  const marks = { held: ['good', '✓'], violated: ['bad', '✗'], undecided: ['', '? undecided:'] } as const;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>faultline ${escape(result.scenario)} seed ${result.seed}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}code{background:#f4f4f4;padding:1px 4px}.bad{color:#c00}.good{color:#2a7}li{margin:4px 0}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}</style></head>
<body>
<h1>${escape(result.scenario)} · seed ${result.seed} · <span class="${result.outcome === 'pass' ? 'good' : 'bad'}">${escape(verdictWord(result))}</span></h1>
<p class="config">${escape(configLine(input.defaults ?? null, result.config, result.bugs, result.options))}</p>
<p>planted bugs: ${result.bugs.length > 0 ? result.bugs.map((bug) => `<code>${escape(bug)}</code>`).join(' ') : 'none'} · ${result.events} events · ${escape(formatMicros(result.simulatedMicros))} simulated · trace <code>${result.traceHash}</code>${input.replayFile !== null ? ` · replay: <code>faultline replay ${escape(input.replayFile)}</code>` : ''}</p>
<h2>Properties</h2><ul>${properties.map((property) => `<li class="${marks[status(property.name)][0]}">${marks[status(property.name)][1]} <b>${escape(property.name)}</b> — ${escape(property.description)}</li>`).join('')}</ul>
${result.violations.length > 0 ? `<h2>What went wrong</h2><ul>${result.violations.map((violation) => `<li><b>${escape(violation.property)}</b> (${violation.kind}${violation.atMicros !== undefined && violation.atMicros !== null ? `, at ${escape(formatMicros(violation.atMicros))}` : ', judged at the end of the run'}): ${escape(violation.message)}</li>`).join('')}</ul>` : ''}
${input.recording ? spaceTimeSection(input.recording) : ''}
<h2>Timeline</h2>
${drawn.length < operations.length ? `<p class="note">${drawn.length} of ${operations.length} client operations drawn: those nearest ${escape(formatMicros(focusMicros))}${focusMicros === endMicros ? ' (the end of the run)' : ' (the violation)'}; <code>faultline replay FILE --trace</code> lists every one.</p>` : ''}
<p class="legend"><span style="background:#d9534f"></span>down<span style="background:#f0ad4e"></span>paused / failed op<span style="background:#9b59b6"></span>cut off / unknown op<span style="background:#5cb85c"></span>ok op<span style="background:#c00;width:3px"></span>violation</p>
${svg.join('\n')}
<h2>Operation latency</h2>
<p class="legend"><span style="background:#5cb85c"></span>ok<span style="background:#f0ad4e"></span>failed<span style="background:#9b59b6"></span>unknown outcome</p>
${renderLatencyPlot(result.history, endMicros)}
<h2>Fault schedule${input.shrunk !== null ? ` (minimal: ${input.shrunk.schedule.length} of ${result.schedule.length})` : ''}</h2>
<ol>${(input.shrunk?.schedule ?? result.schedule).map((timed) => `<li><code>${escape(formatMicros(timed.atMicros))}</code> ${escape(describeFault(timed.fault))}</li>`).join('')}</ol>
${input.shrunk?.workload ? `<p class="workload">workload shrunk: ${escape(describeWorkloadShrink(input.shrunk.workload))}${input.shrunk.workload.overrides.length > 0 ? ` · the shrunk run sets ${input.shrunk.workload.overrides.map((each) => `<code>${escape(each)}</code>`).join(' ')}` : ''}</p>` : ''}
</body></html>
`;
}

function spaceTimeSection(recording: Recording): string {
  const { startMicros, endMicros } = recording.window;
  return `<h2>Messages around the violation</h2>
<p>Space-time diagram of ${escape(formatMicros(startMicros))}–${escape(formatMicros(endMicros))}: ${recording.messages.length} of the run's ${recording.messagesTotal} messages, each an arrow from its sender when sent to its target when due. Hover a message to see its content.</p>
<p class="legend"><span style="background:#3b7dd8"></span>delivered<span style="background:#d9534f"></span>dropped (partition or target down)<span style="background:#999"></span>lost by the network<span style="background:#bbb"></span>still in flight<span style="background:#d9534f;opacity:.3"></span>node down<span style="background:#9b59b6;opacity:.3"></span>cut off<span style="background:#f0ad4e;opacity:.3"></span>paused<span style="background:#c00;width:3px"></span>violation (operations spanning it outlined)</p>
${renderSpaceTime(recording)}`;
}
