// Validation of the config sections every scenario shares. Each failure is one line naming the field.
import { profileKinds, targetSelectors, targetedActions } from '../sim/faults.js';
import { PENDING_EVENTS_LIMIT } from '../sim/queue.js';
import { inputError } from './input-error.js';
import { requireInteger, requireRatio } from './config.js';
import type { BaseConfig } from './types.js';

export function validateBase(config: BaseConfig, nodes: readonly string[], clients: readonly string[] = []): void {
  requireInteger(config.durationMicros, 'durationMicros', 1);
  requireInteger(config.eventsMax, 'eventsMax', 1);
  requireInteger(config.pendingEventsMax, 'pendingEventsMax', 1, PENDING_EVENTS_LIMIT);
  const network = config.network;
  requireInteger(network.latencyMicrosMin, 'network.latencyMicrosMin', 0);
  requireInteger(network.latencyMicrosMax, 'network.latencyMicrosMax', 0);
  if (network.latencyMicrosMax < network.latencyMicrosMin) {
    inputError(`network.latencyMicrosMax must be >= latencyMicrosMin (got ${network.latencyMicrosMax} < ${network.latencyMicrosMin})`);
  }
  requireRatio(network.lossRatio, 'network.lossRatio');
  requireRatio(network.duplicateRatio, 'network.duplicateRatio');
  requireInteger(network.pendingMessagesMax, 'network.pendingMessagesMax', 1);
  const disk = config.disk;
  requireInteger(disk.fsyncMicrosMin, 'disk.fsyncMicrosMin', 0);
  requireInteger(disk.fsyncMicrosMax, 'disk.fsyncMicrosMax', 0);
  if (disk.fsyncMicrosMax < disk.fsyncMicrosMin) {
    inputError(`disk.fsyncMicrosMax must be >= fsyncMicrosMin (got ${disk.fsyncMicrosMax} < ${disk.fsyncMicrosMin})`);
  }
  requireInteger(disk.fileBytesMax, 'disk.fileBytesMax', 1);
  requireRatio(disk.tornWriteRatio, 'disk.tornWriteRatio');
  const faults = config.faults;
  requireInteger(faults.startMicros, 'faults.startMicros', 0);
  requireInteger(faults.endMicros, 'faults.endMicros', faults.startMicros, config.durationMicros);
  for (const [kind, profile] of Object.entries(faults.kinds)) {
    if (!(profileKinds as readonly string[]).includes(kind)) inputError(`faults.kinds.${kind}: unknown fault kind (valid: ${profileKinds.join(', ')})`);
    requireInteger(profile?.eventsMax, `faults.kinds.${kind}.eventsMax`, 0, 10_000);
    requireInteger(profile?.durationMicrosMin, `faults.kinds.${kind}.durationMicrosMin`, 0);
    requireInteger(profile?.durationMicrosMax, `faults.kinds.${kind}.durationMicrosMax`, profile?.durationMicrosMin ?? 0);
    requireInteger(profile?.magnitudeMax, `faults.kinds.${kind}.magnitudeMax`, 0);
  }
  if (config.schedule !== null) validateSchedule(config.schedule, nodes, config.durationMicros, clients);
}

const nodeFaults = new Set(['crash', 'powerLoss', 'restart', 'pause', 'resume', 'skew', 'drift', 'bitFlip', 'misdirectWrites', 'lieFsync']);
const allFaults = new Set([...nodeFaults, 'partition', 'partitionOneWay', 'heal', 'clog', 'unclog', 'loss', 'healAll', 'targeted']);
/** The fields each fault kind takes besides `kind` (anything else is a typo, refused by name). */
const faultFields: Readonly<Record<string, readonly string[]>> = {
  partition: ['groups'],
  partitionOneWay: ['sources', 'targets'],
  clog: ['source', 'target'],
  loss: ['ratio'],
  skew: ['node', 'offsetMicros'],
  drift: ['node', 'driftPpm'],
  misdirectWrites: ['node', 'count'],
  lieFsync: ['node', 'count'],
  targeted: ['action', 'select', 'pick', 'durationMicros', 'afterNewPrimary'],
};
/** Bound on a fixed schedule's length: every fault is queued when the run starts. */
export const SCHEDULE_FAULTS_MAX = 10_000;

/**
 * A schedule from a scenario file or a replay file: checked field by field, never trusted. Node faults
 * (crash, pause, skew, disk…) name server nodes; network faults (partitions, clogs) may also place clients.
 */
export function validateSchedule(schedule: unknown, nodes: readonly string[], durationMicros: number, clients: readonly string[] = []): void {
  if (!Array.isArray(schedule)) inputError(`schedule must be a list of {atMicros, fault} (got ${schedule === null ? 'null' : typeof schedule})`);
  if (schedule.length > SCHEDULE_FAULTS_MAX) inputError(`schedule holds ${schedule.length} faults (at most ${SCHEDULE_FAULTS_MAX})`);
  const known = new Set(nodes);
  const endpoints = new Set([...nodes, ...clients]);
  const checkNode = (value: unknown, where: string): void => {
    if (typeof value !== 'string' || !known.has(value)) inputError(`${where} must name a node (${nodes.join(', ')}) (got ${JSON.stringify(value)})`);
  };
  const checkEndpoint = (value: unknown, where: string): void => {
    if (typeof value !== 'string' || !endpoints.has(value)) inputError(`${where} must name a node or client (${[...endpoints].join(', ')}) (got ${JSON.stringify(value)})`);
  };
  schedule.forEach((timed: unknown, index: number) => {
    const where = `schedule[${index}]`;
    if (timed === null || typeof timed !== 'object' || Array.isArray(timed)) inputError(`${where} must be an object {atMicros, fault}`);
    for (const key of Object.keys(timed)) if (key !== 'atMicros' && key !== 'fault') inputError(`${where} has an unknown field ${JSON.stringify(key)} (valid: atMicros, fault)`);
    const { atMicros, fault } = timed as { atMicros: unknown; fault: unknown };
    requireInteger(atMicros, `${where}.atMicros`, 0, durationMicros);
    if (fault === null || typeof fault !== 'object' || Array.isArray(fault)) inputError(`${where}.fault must be an object {kind, …}`);
    const record = fault as Record<string, unknown>;
    if (typeof record.kind !== 'string' || !allFaults.has(record.kind)) inputError(`${where}.fault.kind must be one of ${[...allFaults].join(', ')} (got ${JSON.stringify(record.kind)})`);
    const fields = faultFields[record.kind] ?? (nodeFaults.has(record.kind) ? ['node'] : []);
    for (const key of Object.keys(record)) {
      if (key !== 'kind' && !fields.includes(key)) inputError(`${where}.fault has an unknown field ${JSON.stringify(key)} for ${record.kind} (valid: ${['kind', ...fields].join(', ')})`);
    }
    if (nodeFaults.has(record.kind)) checkNode(record.node, `${where}.fault.node`);
    if (record.kind === 'partition') {
      if (!Array.isArray(record.groups)) inputError(`${where}.fault.groups must be a list of node lists`);
      record.groups.forEach((group: unknown, groupIndex: number) => {
        if (!Array.isArray(group)) inputError(`${where}.fault.groups[${groupIndex}] must be a list of nodes`);
        group.forEach((node: unknown) => checkEndpoint(node, `${where}.fault.groups[${groupIndex}]`));
      });
    }
    if (record.kind === 'partitionOneWay') {
      for (const side of ['sources', 'targets'] as const) {
        if (!Array.isArray(record[side])) inputError(`${where}.fault.${side} must be a list of nodes`);
        (record[side] as unknown[]).forEach((node) => checkEndpoint(node, `${where}.fault.${side}`));
      }
    }
    if (record.kind === 'clog') {
      checkEndpoint(record.source, `${where}.fault.source`);
      checkEndpoint(record.target, `${where}.fault.target`);
    }
    if (record.kind === 'loss') requireRatio(record.ratio, `${where}.fault.ratio`);
    if (record.kind === 'skew') requireInteger(record.offsetMicros, `${where}.fault.offsetMicros`, -Number.MAX_SAFE_INTEGER);
    if (record.kind === 'drift') requireInteger(record.driftPpm, `${where}.fault.driftPpm`, -999_999, 1_000_000);
    if (record.kind === 'targeted') {
      if (!(targetedActions as readonly unknown[]).includes(record.action)) inputError(`${where}.fault.action must be one of ${targetedActions.join(', ')} (got ${JSON.stringify(record.action)})`);
      if (!(targetSelectors as readonly unknown[]).includes(record.select)) inputError(`${where}.fault.select must be one of ${targetSelectors.join(', ')} (got ${JSON.stringify(record.select)})`);
      requireInteger(record.pick, `${where}.fault.pick`, 0);
      requireInteger(record.durationMicros, `${where}.fault.durationMicros`, 1);
      if (record.afterNewPrimary !== undefined) {
        const trigger = record.afterNewPrimary as Record<string, unknown> | null;
        if (trigger === null || typeof trigger !== 'object') inputError(`${where}.fault.afterNewPrimary must be an object {delayMicros, waitMicrosMax}`);
        requireInteger(trigger.delayMicros, `${where}.fault.afterNewPrimary.delayMicros`, 0);
        requireInteger(trigger.waitMicrosMax, `${where}.fault.afterNewPrimary.waitMicrosMax`, 0);
      }
    }
    if (record.kind === 'misdirectWrites' || record.kind === 'lieFsync') requireInteger(record.count, `${where}.fault.count`, 1, 1_000_000);
  });
}
