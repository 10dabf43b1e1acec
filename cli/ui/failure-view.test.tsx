// Proves a timeline step shows what a model reports of itself: role, term, log and commit lengths for
// an observed node, the status of a down one, the happenings of the moment and the messages in flight.
import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { TimelineFrame } from './failure-view.js';

describe('TimelineFrame', () => {
  it('shows each node observation, the happenings and the messages in flight', () => {
    const { lastFrame } = render(
      <TimelineFrame
        color={false}
        index={4}
        count={20}
        violationIndex={9}
        frame={{
          atMicros: 1_250_000,
          happenings: [
            { kind: 'fault', text: 'fault: crash n2' },
            { kind: 'operation', text: 'client c1 append s1 "x": acknowledged by n1' },
          ],
          nodes: [
            { id: 'n1', status: 'up', role: 'primary', term: 3, logLength: 12, commitLength: 10 },
            { id: 'n2', status: 'down', role: null, term: null, logLength: null, commitLength: null },
            { id: 'n3', status: 'up', role: 'follower', term: 3, logLength: 11, commitLength: null },
          ],
          inFlight: 2,
          messages: ['n1 → n3 append (due 1251000µs)', 'n3 → n1 ack (due 1252000µs)'],
        }}
      />,
    );
    const text = lastFrame() ?? '';
    expect(text).toContain('t = 1.250s · step 5/20 · violation at step 10');
    expect(text).toContain('fault: crash n2');
    expect(text).toContain('acknowledged by n1');
    expect(text).toMatch(/n1\s+up\s+primary · term 3 · log 12 · commit 10/);
    expect(text).toMatch(/n2\s+down/);
    expect(text).toMatch(/n3\s+up\s+follower · term 3 · log 11/);
    expect(text).toContain('messages in flight: 2');
    expect(text).toContain('n1 → n3 append');
  });
});
