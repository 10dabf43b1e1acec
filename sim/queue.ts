// The event queue: a 4-ary min-heap ordered by (time, insertion sequence). Ties are broken by the
// sequence number alone, never by object identity, hash order or Map iteration, so the order of
// execution is a pure function of the order in which events were scheduled.
//
// Layout: the keys live in two typed arrays beside the array of events (struct of arrays), so a sift
// compares contiguous numbers instead of loading each event object; the four children of a node sit
// side by side. The arrays double when full (up to `pendingMax`).
import { assert, fail } from './assert.js';
import type { Micros } from './time.js';

export interface QueuedEvent {
  time: Micros;
  sequence: number;
}

const INITIAL_CAPACITY = 64;

export class EventQueue<E extends QueuedEvent> {
  private events: (E | undefined)[] = [];
  private times = new Float64Array(INITIAL_CAPACITY);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  private length = 0;
  private sequenceNext = 0;

  constructor(readonly pendingMax: number) {
    assert(pendingMax > 0, 'EventQueue: pendingMax must be positive');
  }

  get size(): number {
    return this.length;
  }

  /** Stamps the event with the next insertion sequence and queues it. */
  push(event: E): void {
    if (this.length >= this.pendingMax) fail(`event queue is full (pendingMax ${this.pendingMax})`);
    if (this.length === this.times.length) this.grow();
    const sequence = this.sequenceNext++;
    event.sequence = sequence;
    const time = event.time;
    const { events, times, sequences } = this;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent] as number;
      if (parentTime < time || (parentTime === time && (sequences[parent] as number) < sequence)) break;
      events[index] = events[parent];
      times[index] = parentTime;
      sequences[index] = sequences[parent] as number;
      index = parent;
    }
    events[index] = event;
    times[index] = time;
    sequences[index] = sequence;
  }

  peek(): E | undefined {
    return this.length === 0 ? undefined : this.events[0];
  }

  pop(): E | undefined {
    if (this.length === 0) return undefined;
    const { events, times, sequences } = this;
    const top = events[0];
    const length = --this.length;
    if (length === 0) {
      events[0] = undefined;
      return top;
    }
    const last = events[length];
    const lastTime = times[length] as number;
    const lastSequence = sequences[length] as number;
    events[length] = undefined;
    let index = 0;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= length) break;
      let best = first;
      let bestTime = times[first] as number;
      let bestSequence = sequences[first] as number;
      const end = first + 4 < length ? first + 4 : length;
      for (let child = first + 1; child < end; child++) {
        const childTime = times[child] as number;
        if (childTime < bestTime || (childTime === bestTime && (sequences[child] as number) < bestSequence)) {
          best = child;
          bestTime = childTime;
          bestSequence = sequences[child] as number;
        }
      }
      if (lastTime < bestTime || (lastTime === bestTime && lastSequence < bestSequence)) break;
      events[index] = events[best];
      times[index] = bestTime;
      sequences[index] = bestSequence;
      index = best;
    }
    events[index] = last;
    times[index] = lastTime;
    sequences[index] = lastSequence;
    return top;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, Math.max(this.pendingMax, INITIAL_CAPACITY));
    const times = new Float64Array(capacity);
    const sequences = new Float64Array(capacity);
    times.set(this.times);
    sequences.set(this.sequences);
    this.times = times;
    this.sequences = sequences;
  }
}
