// Proves protocol-aware faults on a tiny cluster whose nodes show fixed observations: a targeted fault
// hits the node its selector names at the moment it fires (the primary, the longest or shortest log, a
// follower, a busy node, the node that last replied to a client), ends by itself after its duration, does nothing when no node fits, waits for
// the next election when it has a trigger, and is hashed as the node it resolved to.
import { describe, expect, it } from 'vitest';
import { diskDefaults } from './disk.js';
import type { TargetedFault } from './faults.js';
import { networkDefaults } from './network.js';
import type { NodeContext, Observation } from './node.js';
import { Simulation } from './simulation.js';

const observations: Record<string, Observation> = {
  n1: { role: 'follower', term: 3, logLength: 7 },
  n2: { role: 'primary', term: 3, logLength: 9, busy: true },
  n3: { role: 'follower', term: 3, logLength: 4 },
};

function world(shown: Record<string, Observation> = observations): Simulation {
  const simulation = new Simulation({
    seed: 1,
    network: { ...networkDefaults, latencyMicrosMin: 10, latencyMicrosMax: 10 },
    disk: { ...diskDefaults, tornWriteRatio: 0 },
    nodes: ['n1', 'n2', 'n3'],
    clients: ['c1', 'c2'],
    eventsMax: 10_000,
    pendingEventsMax: 1_000,
    keepTrace: true,
  });
  for (const id of ['n1', 'n2', 'n3']) simulation.start(id, (_context: NodeContext) => ({ observe: () => shown[id] as Observation }));
  for (const id of ['c1', 'c2']) simulation.start(id, () => ({}));
  return simulation;
}

const targeted = (action: TargetedFault['action'], select: TargetedFault['select'], pick = 0): TargetedFault => ({ kind: 'targeted', action, select, pick, durationMicros: 1_000 });

describe('targeted faults', () => {
  it('each selector names the node its observation fits, and the fault ends by itself', () => {
    const cases: [TargetedFault['select'], string][] = [
      ['primary', 'n2'],
      ['longestLog', 'n2'],
      ['shortestLog', 'n3'],
      ['busy', 'n2'],
      ['follower', 'n1'],
    ];
    for (const [select, expected] of cases) {
      const simulation = world();
      simulation.run(10);
      simulation.scheduleFaults([{ atMicros: 100, fault: targeted('crash', select) }]);
      simulation.run(500);
      expect(simulation.status(expected), select).toBe('down');
      expect(simulation.faultsApplied.map((each) => each.fault)).toEqual([{ kind: 'crash', node: expected }]);
      simulation.run(2_000);
      expect(simulation.status(expected)).toBe('up');
      expect(simulation.faultsApplied.map((each) => each.fault.kind)).toEqual(['crash', 'restart']);
    }
  });

  it('justReplied hits the server that last sent to a client, whatever its role; none before any reply', () => {
    const build = (replier: string | null): Simulation => {
      const simulation = new Simulation({ ...world().options });
      for (const id of ['n1', 'n2', 'n3']) {
        simulation.start(id, (context: NodeContext) => {
          // n2 (the primary) talks to its peers only; the replier answers a client at 50µs.
          if (id === 'n2') context.setTimer(40, 'peer', () => context.send('n1', { type: 'ping' }));
          if (id === replier) context.setTimer(50, 'reply', () => context.send('c1', { type: 'ack' }));
          return { observe: () => observations[id] as Observation };
        });
      }
      for (const id of ['c1', 'c2']) simulation.start(id, () => ({}));
      simulation.scheduleFaults([{ atMicros: 100, fault: targeted('crash', 'justReplied') }]);
      simulation.run(500);
      return simulation;
    };
    expect(build('n3').faultsApplied.map((each) => each.fault)).toEqual([{ kind: 'crash', node: 'n3' }]);
    expect(build('n1').faultsApplied.map((each) => each.fault)).toEqual([{ kind: 'crash', node: 'n1' }]);
    expect(build(null).faultsApplied).toEqual([]);
  });

  it('pick breaks ties among equal candidates, in node order', () => {
    const simulation = world();
    simulation.run(10);
    simulation.scheduleFaults([{ atMicros: 100, fault: targeted('pause', 'follower', 1) }]);
    simulation.run(500);
    expect(simulation.status('n3')).toBe('paused');
  });

  it('isolateWithClient cuts the node off together with one client; the heal follows', () => {
    const simulation = world();
    simulation.run(10);
    simulation.scheduleFaults([{ atMicros: 100, fault: targeted('isolateWithClient', 'primary', 1) }]);
    simulation.run(500);
    expect(simulation.faultsApplied[0]?.fault).toEqual({ kind: 'partition', groups: [['n2', 'c2'], ['n1', 'n3', 'c1']] });
    simulation.run(2_000);
    expect(simulation.faultsApplied[1]?.fault).toEqual({ kind: 'heal' });
  });

  it('does nothing when no node fits (no primary), and says so in the trace', () => {
    const simulation = world({ n1: { role: 'follower' }, n2: { role: 'candidate' }, n3: { role: 'follower' } });
    simulation.run(10);
    simulation.scheduleFaults([{ atMicros: 100, fault: targeted('crash', 'primary') }]);
    simulation.run(2_000);
    expect(simulation.faultsApplied).toEqual([]);
    expect(simulation.trace?.some((entry) => entry.label.endsWith('no target'))).toBe(true);
  });

  it('with afterNewPrimary it waits for a node to become primary and strikes its delay later', () => {
    const shown: Record<string, Observation> = { n1: { role: 'follower', term: 1 }, n2: { role: 'follower', term: 1 }, n3: { role: 'follower', term: 1 } };
    const simulation = new Simulation({ ...world().options });
    simulation.start('n1', () => ({ observe: () => shown.n1 as Observation }));
    simulation.start('n2', () => ({ observe: () => shown.n2 as Observation }));
    simulation.start('n3', (context: NodeContext) => {
      // Wins an election at 300µs: the next event it runs shows it primary.
      context.setTimer(300, 'elected', () => (shown.n3 = { role: 'primary', term: 2 }));
      return { observe: () => shown.n3 as Observation };
    });
    simulation.scheduleFaults([{ atMicros: 100, fault: { ...targeted('crash', 'primary'), afterNewPrimary: { delayMicros: 50, waitMicrosMax: 10_000 } } }]);
    simulation.run(340);
    expect(simulation.faultsApplied).toEqual([]);
    simulation.run(360);
    expect(simulation.faultsApplied).toEqual([{ atMicros: 350, fault: { kind: 'crash', node: 'n3' } }]);
  });

  it('hashes the node it resolved to: the same fault aimed elsewhere gives another trace hash, the same run the same one', () => {
    const hashOf = (select: TargetedFault['select']): string => {
      const simulation = world();
      simulation.scheduleFaults([{ atMicros: 100, fault: targeted('crash', select) }]);
      simulation.run(5_000);
      return simulation.traceHash();
    };
    expect(hashOf('primary')).toBe(hashOf('primary'));
    expect(hashOf('primary')).toBe(hashOf('longestLog')); // both resolve to n2
    expect(hashOf('primary')).not.toBe(hashOf('shortestLog'));
  });
});
