// Proves the HTML timeline is self-contained and faithful: one lane per process, a bar per operation,
// the longest prefix numbered, unplaced operations and the failing point marked, and user text escaped.

import { describe, expect, it } from 'vitest';
import { checkHistory } from '../properties/linearizability/checker.js';
import { kvModel, type KvInput, type KvOutput } from '../properties/linearizability/kv.js';
import type { Operation } from '../properties/linearizability/operation.js';
import { renderTimelineHtml } from './linearizability-timeline.js';

type KvOp = Operation<KvInput, KvOutput>;
const put = (process: number, key: string, value: string, invokeTime: number, completeTime: number): KvOp => ({
  process,
  input: { f: 'put', key, value },
  outcome: 'ok',
  output: value,
  invokeTime,
  completeTime,
});
const get = (process: number, key: string, value: string, invokeTime: number, completeTime: number): KvOp => ({
  process,
  input: { f: 'get', key },
  outcome: 'ok',
  output: value,
  invokeTime,
  completeTime,
});

describe('renderTimelineHtml', () => {
  it('draws lanes and bars, numbers the prefix, marks the failing point and escapes text', () => {
    const history: KvOp[] = [
      put(0, '<k>', '"1"&', 0, 10),
      get(1, '<k>', '"1"&', 2, 4),
      get(2, '<k>', '', 5, 6),
      { process: 3, input: { f: 'put', key: '<k>', value: 'z' }, outcome: 'info', invokeTime: 7 },
    ];
    const result = checkHistory(history, kvModel);
    expect(result.linearizable).toBe(false);
    const html = renderTimelineHtml(history, result, kvModel, { title: '<script>alert(1)</script>' });
    expect(html).not.toMatch(/<script|<link|src=|url\(/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;: NOT linearizable');
    for (const process of [0, 1, 2, 3]) expect(html).toContain(`>process ${process}</text>`);
    expect(html.match(/<rect /g)).toHaveLength(4);
    expect(html).toContain('class="placed"');
    expect(html).toContain('class="unplaced blocking"');
    expect(html).toContain('class="other unknown"'); // invoked after the failing point: not a candidate
    expect(html).toContain('1. put &quot;&lt;k&gt;&quot;');
    expect(html).toContain('failing point');
    expect(html).not.toContain('"<k>"');
  });

  it('draws every operation of a linearizable history without a failing point', () => {
    const history = [put(0, 'a', 'x', 0, 1), get(1, 'a', 'x', 2, 3)];
    const html = renderTimelineHtml(history, checkHistory(history, kvModel), kvModel);
    expect(html).toContain('kv history: linearizable');
    expect(html.match(/<rect /g)).toHaveLength(2);
    expect(html).not.toContain('failing point');
    expect(html.match(/class="placed"/g)).toHaveLength(2);
    expect(html).toContain('linearized');
  });
});
