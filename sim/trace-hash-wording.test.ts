// Proves that replays do not depend on wording: the trace hash mixes a fault's data, not its
// description, so a run whose every fault description is reworded (the module that words faults is
// swapped for one that says something else) executes to the same trace hash as the run with the real
// wording — while changing one number in one fault does change it.
import { describe, expect, it, vi } from 'vitest';
import type { Fault, FaultSchedule } from './faults.js';
import type { NodeContext } from './node.js';

const nodes = ['n1', 'n2', 'n3'];

/** Every fault kind once, with fractions and negatives among the numbers. */
function scheduleOfEveryKind(skewMicros: number): FaultSchedule {
  const faults: Fault[] = [
    { kind: 'partition', groups: [['n1'], ['n2', 'n3']] },
    { kind: 'heal' },
    { kind: 'partitionOneWay', sources: ['n1'], targets: ['n2'] },
    { kind: 'clog', source: 'n2', target: 'n3' },
    { kind: 'unclog' },
    { kind: 'loss', ratio: 0.125 },
    { kind: 'loss', ratio: 0 },
    { kind: 'crash', node: 'n1' },
    { kind: 'restart', node: 'n1' },
    { kind: 'powerLoss', node: 'n2' },
    { kind: 'restart', node: 'n2' },
    { kind: 'pause', node: 'n3' },
    { kind: 'resume', node: 'n3' },
    { kind: 'skew', node: 'n1', offsetMicros: skewMicros },
    { kind: 'drift', node: 'n2', driftPpm: 250 },
    { kind: 'bitFlip', node: 'n3' },
    { kind: 'misdirectWrites', node: 'n1', count: 2 },
    { kind: 'lieFsync', node: 'n2', count: 1 },
    { kind: 'healAll' },
  ];
  return faults.map((fault, index) => ({ atMicros: 10_000 * (index + 1), fault }));
}

/** A small cluster that pings around, writes and fsyncs, under the schedule; returns the trace hash. */
async function hashOfRun(skewMicros: number): Promise<string> {
  const { Simulation } = await import('./simulation.js');
  const { diskDefaults } = await import('./disk.js');
  const { networkDefaults } = await import('./network.js');
  const simulation = new Simulation({ seed: 5, network: networkDefaults, disk: diskDefaults, nodes, clients: [], eventsMax: 100_000, pendingEventsMax: 10_000, keepTrace: false });
  for (const id of nodes) {
    simulation.start(id, (context: NodeContext) => {
      const tick = (): void => {
        context.disk.append('log', new Uint8Array([1, 2, 3]));
        context.disk.fsync('log', () => undefined);
        context.send(context.random.pick(nodes), { type: 'ping' });
        context.setTimer(3_000, 'tick', tick);
      };
      tick();
      return { onMessage: () => undefined };
    });
  }
  simulation.scheduleFaults(scheduleOfEveryKind(skewMicros));
  simulation.run(250_000);
  return simulation.traceHash();
}

describe('the trace hash and fault wording', () => {
  it('rewording every fault description leaves the hash of a run unchanged', async () => {
    const worded = await hashOfRun(-1_500);
    vi.resetModules();
    vi.doMock('./faults.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('./faults.js')>()), describeFault: () => 'said differently' }));
    const { describeFault } = await import('./faults.js');
    expect(describeFault({ kind: 'heal' })).toBe('said differently');
    expect(await hashOfRun(-1_500)).toBe(worded);
    vi.doUnmock('./faults.js');
  });

  it('changing one number of one fault changes the hash', async () => {
    vi.resetModules();
    expect(await hashOfRun(-1_500)).not.toBe(await hashOfRun(-1_501));
  });
});
