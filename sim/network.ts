// The network between nodes. Fault model — what it can do to you:
// - delay every message by a latency drawn per message from [latencyMicrosMin, latencyMicrosMax];
// - lose a message (lossRatio), deliver it twice (duplicateRatio), deliver messages of one link out of
//   order (when `reorder` is on; otherwise each link is FIFO);
// - partition nodes along any shape: groups (majority/minority, isolation), a bridge (two sides that
//   share one node), one-way links; a partition drops messages at send time and again at delivery;
// - clog a link: messages are held, not dropped, until the link is unclogged;
// - drop a message when more than `pendingMessagesMax` are in flight (a full queue is a fault, not a crash).
// What it never does: corrupt a message's content or invent a message nobody sent. A message is
// delivered to whichever incarnation of the target process is up when it arrives (like a host that
// rebooted and kept its address); a message that arrives while the target is down is dropped.
import { assert } from './assert.js';
import type { Random } from './random.js';
import type { Micros } from './time.js';

export interface NetworkConfig {
  latencyMicrosMin: number;
  latencyMicrosMax: number;
  lossRatio: number;
  duplicateRatio: number;
  reorder: boolean;
  pendingMessagesMax: number;
}

export const networkDefaults: NetworkConfig = {
  latencyMicrosMin: 100,
  latencyMicrosMax: 2_000,
  lossRatio: 0,
  duplicateRatio: 0,
  reorder: true,
  pendingMessagesMax: 10_000,
};

/** What `send` decided: a delivery time (>= 0), or one of these negative codes. */
export const SEND_PARTITIONED = -1;
export const SEND_LOST = -2;
export const SEND_OVERFLOW = -3;
export const SEND_CLOGGED = -4;

export function sendCodeReason(code: number): string {
  return code === SEND_PARTITIONED ? 'partition' : code === SEND_LOST ? 'loss' : code === SEND_OVERFLOW ? 'overflow' : 'clogged';
}

export class Network {
  private readonly blocked: Uint8Array;
  private readonly clogged: Uint8Array;
  private readonly lastDeliveryMicros: Float64Array;
  inFlight = 0;
  private lossRatioOverride: number | null = null;

  constructor(
    readonly config: NetworkConfig,
    readonly endpointCount: number,
    private readonly random: Random,
  ) {
    assert(config.latencyMicrosMax >= config.latencyMicrosMin, `network.latencyMicrosMax must be >= latencyMicrosMin (got ${config.latencyMicrosMax} < ${config.latencyMicrosMin})`);
    assert(config.pendingMessagesMax > 0, 'network.pendingMessagesMax must be positive');
    this.blocked = new Uint8Array(endpointCount * endpointCount);
    this.clogged = new Uint8Array(endpointCount * endpointCount);
    this.lastDeliveryMicros = new Float64Array(endpointCount * endpointCount);
  }

  /**
   * Decides the fate of one message sent now from `source` to `target` (endpoint indexes): its
   * delivery time, or a negative SEND_* code. No allocation: this is on the hot path.
   */
  send(now: Micros, source: number, target: number): number {
    const link = source * this.endpointCount + target;
    if (this.blocked[link] === 1) return SEND_PARTITIONED;
    if (this.clogged[link] === 1) return SEND_CLOGGED;
    if (this.inFlight >= this.config.pendingMessagesMax) return SEND_OVERFLOW;
    const lossRatio = this.lossRatioOverride ?? this.config.lossRatio;
    if (lossRatio > 0 && this.random.ratio(lossRatio)) return SEND_LOST;
    return this.deliveryTime(now, link);
  }

  /** Whether the message just accepted by `send` is also delivered a second time, and when. */
  duplicate(now: Micros, source: number, target: number): number {
    if (this.config.duplicateRatio === 0 || !this.random.ratio(this.config.duplicateRatio)) return -1;
    return this.deliveryTime(now, source * this.endpointCount + target);
  }

  /** Whether a message already in flight may still be delivered now. */
  deliverable(source: number, target: number): boolean {
    return this.blocked[source * this.endpointCount + target] === 0;
  }

  isClogged(source: number, target: number): boolean {
    return this.clogged[source * this.endpointCount + target] === 1;
  }

  /** Block every link between different groups, both ways. Endpoints in no group keep their links. */
  partition(groups: readonly (readonly number[])[]): void {
    const groupOf = new Int32Array(this.endpointCount).fill(-1);
    groups.forEach((group, groupIndex) => group.forEach((endpoint) => (groupOf[endpoint] = groupIndex)));
    for (let source = 0; source < this.endpointCount; source++) {
      for (let target = 0; target < this.endpointCount; target++) {
        const sourceGroup = groupOf[source] as number;
        const targetGroup = groupOf[target] as number;
        if (sourceGroup >= 0 && targetGroup >= 0 && sourceGroup !== targetGroup) this.block(source, target);
      }
    }
  }

  /** Block messages from every `sources` endpoint to every `targets` endpoint; the reverse still flows. */
  partitionOneWay(sources: readonly number[], targets: readonly number[]): void {
    for (const source of sources) for (const target of targets) if (source !== target) this.block(source, target);
  }

  block(source: number, target: number): void {
    this.blocked[source * this.endpointCount + target] = 1;
  }

  clog(source: number, target: number): void {
    this.clogged[source * this.endpointCount + target] = 1;
  }

  unclogAll(): void {
    this.clogged.fill(0);
  }

  setLossRatio(ratio: number | null): void {
    this.lossRatioOverride = ratio;
  }

  heal(): void {
    this.blocked.fill(0);
  }

  private deliveryTime(now: Micros, link: number): Micros {
    const latency = this.random.intInclusive(this.config.latencyMicrosMin, this.config.latencyMicrosMax);
    let at = now + latency;
    if (!this.config.reorder) {
      const last = this.lastDeliveryMicros[link] as number;
      if (at < last) at = last;
      this.lastDeliveryMicros[link] = at;
    }
    return at;
  }
}
