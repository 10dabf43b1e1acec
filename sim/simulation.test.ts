// Proves the kernel's node life cycle on a tiny cluster: timers and messages reach only the live
// incarnation, a crash discards volatile state but keeps the page cache, a power loss drops it,
// pause holds events until resume, and clocks skew per node.
import { describe, expect, it } from 'vitest';
import { diskDefaults } from './disk.js';
import { networkDefaults } from './network.js';
import type { NodeContext } from './node.js';
import { Simulation } from './simulation.js';

function world(): Simulation {
  return new Simulation({
    seed: 1,
    network: { ...networkDefaults, latencyMicrosMin: 10, latencyMicrosMax: 10 },
    disk: { ...diskDefaults, fsyncMicrosMin: 5, fsyncMicrosMax: 5, tornWriteRatio: 0 },
    nodes: ['n1', 'n2'],
    clients: ['c1'],
    eventsMax: 10_000,
    pendingEventsMax: 1_000,
    keepTrace: true,
  });
}

describe('Simulation', () => {
  it('a crash cancels the old incarnation’s timers; restart rebuilds from disk (page cache kept)', () => {
    const simulation = world();
    const boots: string[] = [];
    const fired: number[] = [];
    simulation.start('n1', (context: NodeContext) => {
      boots.push(`boot size=${context.disk.size('f')}`);
      if (context.disk.size('f') === 0) context.disk.append('f', Uint8Array.of(1, 2, 3)); // never synced
      context.setTimer(100, 'tick', () => fired.push(simulation.now));
      return {};
    });
    simulation.run(50);
    simulation.applyFault({ kind: 'crash', node: 'n1' });
    simulation.applyFault({ kind: 'restart', node: 'n1' });
    simulation.run(1_000);
    expect(boots).toEqual(['boot size=0', 'boot size=3']);
    expect(fired).toEqual([150]);
  });

  it('a power loss drops unsynced bytes; a synced file survives', () => {
    const simulation = world();
    const sizes: number[] = [];
    simulation.start('n1', (context: NodeContext) => {
      sizes.push(context.disk.size('f') + context.disk.size('g'));
      if (sizes.length === 1) {
        context.disk.append('f', Uint8Array.of(1));
        context.disk.append('g', Uint8Array.of(1, 2));
        context.disk.fsync('g', () => undefined);
      }
      return {};
    });
    simulation.run(100);
    simulation.applyFault({ kind: 'powerLoss', node: 'n1' });
    simulation.applyFault({ kind: 'restart', node: 'n1' });
    simulation.run(200);
    expect(sizes).toEqual([0, 2]);
  });

  it('messages go through the network; pause holds them until resume', () => {
    const simulation = world();
    const received: string[] = [];
    simulation.start('n2', () => ({ onMessage: (source, message) => received.push(`${simulation.now} ${source} ${message.type}`) }));
    simulation.start('n1', (context: NodeContext) => {
      context.send('n2', { type: 'hello' });
      return {};
    });
    simulation.run(1);
    simulation.applyFault({ kind: 'pause', node: 'n2' });
    simulation.run(500);
    expect(received).toEqual([]);
    simulation.applyFault({ kind: 'resume', node: 'n2' });
    simulation.run(600);
    expect(received).toEqual(['500 n1 hello']);
  });

  it('a partition drops messages already in flight', () => {
    const simulation = world();
    const received: string[] = [];
    simulation.start('n2', () => ({ onMessage: (_source, message) => received.push(message.type) }));
    simulation.start('n1', (context: NodeContext) => {
      context.send('n2', { type: 'hello' });
      return {};
    });
    simulation.run(1);
    simulation.applyFault({ kind: 'partition', groups: [['n1'], ['n2']] });
    simulation.run(100);
    expect(received).toEqual([]);
    expect(simulation.trace?.some((entry) => entry.kind === 'drop')).toBe(true);
  });

  it('each node reads its own clock; healAll resets clocks and restarts nodes', () => {
    const simulation = world();
    simulation.start('n1', () => ({}));
    simulation.start('n2', () => ({}));
    simulation.run(1_000);
    simulation.applyFault({ kind: 'skew', node: 'n1', offsetMicros: 5_000 });
    simulation.applyFault({ kind: 'crash', node: 'n2' });
    expect(simulation.localTime('n1')).toBe(6_000);
    expect(simulation.localTime('n2')).toBe(1_000);
    simulation.applyFault({ kind: 'healAll' });
    simulation.run(1_001);
    expect(simulation.localTime('n1')).toBe(1_001);
    expect(simulation.isUp('n2')).toBe(true);
  });

  it('clients are never faulted; the event budget stops a runaway model', () => {
    const simulation = world();
    simulation.start('c1', (context: NodeContext) => {
      const loop = (): void => void context.setTimer(0, 'spin', loop);
      loop();
      return {};
    });
    expect(() => simulation.applyFault({ kind: 'crash', node: 'c1' })).toThrow(/clients are not faulted/);
    expect(simulation.run(1_000)).toBe('budget');
    expect(simulation.eventsExecuted).toBe(10_000);
  });
});
