// Proves the network's partitions (groups, one-way, bridge), clogging, loss and FIFO links behave as
// its header says, by sending through a bare Network and through a small simulated cluster.
import { describe, expect, it } from 'vitest';
import { Network, networkDefaults, SEND_CLOGGED, SEND_LOST, SEND_OVERFLOW, SEND_PARTITIONED } from './network.js';
import { rootRandom } from './random.js';

const net = (overrides = {}): Network => new Network({ ...networkDefaults, ...overrides }, 4, rootRandom(1));

describe('Network', () => {
  it('partitions block every link between groups, both ways, and heal restores them', () => {
    const network = net();
    network.partition([[0], [1, 2]]);
    expect(network.send(0, 0, 1)).toBe(SEND_PARTITIONED);
    expect(network.send(0, 2, 0)).toBe(SEND_PARTITIONED);
    expect(network.send(0, 1, 2)).toBeGreaterThanOrEqual(0);
    expect(network.send(0, 3, 0)).toBeGreaterThanOrEqual(0); // in no group: keeps its links
    network.heal();
    expect(network.send(0, 0, 1)).toBeGreaterThanOrEqual(0);
  });

  it('one-way partitions block only one direction (a bridge is two of them)', () => {
    const network = net();
    network.partitionOneWay([0], [1]);
    network.partitionOneWay([1], [0]);
    expect(network.send(0, 0, 1)).toBe(SEND_PARTITIONED);
    expect(network.send(0, 1, 0)).toBe(SEND_PARTITIONED);
    expect(network.send(0, 0, 2)).toBeGreaterThanOrEqual(0);
    expect(network.send(0, 2, 1)).toBeGreaterThanOrEqual(0);
    network.heal();
    network.partitionOneWay([0], [1]);
    expect(network.send(0, 1, 0)).toBeGreaterThanOrEqual(0);
  });

  it('clogged links hold messages instead of dropping them', () => {
    const network = net();
    network.clog(0, 1);
    expect(network.send(0, 0, 1)).toBe(SEND_CLOGGED);
    network.unclogAll();
    expect(network.send(0, 0, 1)).toBeGreaterThanOrEqual(0);
  });

  it('loss and overflow drop with a reason', () => {
    expect(net({ lossRatio: 1 }).send(0, 0, 1)).toBe(SEND_LOST);
    const full = net({ pendingMessagesMax: 1 });
    full.inFlight = 1;
    expect(full.send(0, 0, 1)).toBe(SEND_OVERFLOW);
  });

  it('without reorder a link is FIFO; latency stays in its bounds', () => {
    const network = net({ reorder: false, latencyMicrosMin: 10, latencyMicrosMax: 1_000 });
    let last = 0;
    for (let index = 0; index < 200; index++) {
      const at = network.send(index, 0, 1);
      expect(at).toBeGreaterThanOrEqual(last);
      expect(at).toBeGreaterThanOrEqual(index + 10);
      last = at;
    }
  });

  it('duplication delivers twice', () => {
    const network = net({ duplicateRatio: 1 });
    expect(network.send(0, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(network.duplicate(0, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(net().duplicate(0, 0, 1)).toBe(-1);
  });
});
