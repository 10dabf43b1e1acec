// `faultline explore` at a terminal: the live view while the pool runs. `q` stops handing out seeds,
// lets the running ones finish and returns what finished (the command then prints its summary as
// usual); Ctrl-C does the same and marks the run interrupted (exit 130).
import React, { useEffect, useState } from 'react';
import { render, useInput } from 'ink';
import type { PoolRequest } from '../explore-pool.js';
import type { SeedOutcome } from '../explore-protocol.js';
import { colorEnabled } from './color.js';
import { ExploreView, REDRAW_MS } from './explore-view.js';
import type { ExploreTracker } from './explore-tracker.js';

function LiveExplore({ tracker, onStop }: { tracker: ExploreTracker; onStop: (interrupted: boolean) => void }): React.ReactElement {
  const [snapshot, setSnapshot] = useState(() => tracker.snapshot());
  useEffect(() => {
    const timer = setInterval(() => setSnapshot(tracker.snapshot()), REDRAW_MS);
    return () => clearInterval(timer);
  }, [tracker]);
  useInput((input, key) => {
    if (input === 'q' || key.escape) onStop(false);
    if (key.ctrl && input === 'c') onStop(true);
  });
  return <ExploreView snapshot={snapshot} color={colorEnabled()} />;
}

export async function exploreWithView(
  tracker: ExploreTracker,
  request: PoolRequest,
  runPool: (request: PoolRequest) => Promise<SeedOutcome[]>,
): Promise<{ outcomes: SeedOutcome[]; interrupted: boolean }> {
  const stop = request.stop ?? { aborted: false };
  let interrupted = false;
  const onStop = (byCtrlC: boolean): void => {
    interrupted ||= byCtrlC;
    stop.aborted = true;
    tracker.stopping = true;
  };
  const view = render(<LiveExplore tracker={tracker} onStop={onStop} />, { exitOnCtrlC: false, patchConsole: false });
  try {
    const outcomes = await runPool({ ...request, stop, onOutcome: (outcome) => tracker.onOutcome(outcome) });
    tracker.finish();
    view.rerender(<ExploreView snapshot={tracker.snapshot()} color={colorEnabled()} hint="" />);
    return { outcomes, interrupted };
  } finally {
    view.unmount();
  }
}
