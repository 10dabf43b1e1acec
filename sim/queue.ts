// The event queue: a binary min-heap ordered by (time, insertion sequence). Ties are broken by the
// sequence number alone, never by object identity, hash order or Map iteration, so the order of
// execution is a pure function of the order in which events were scheduled.
import { assert } from './assert.js';
import type { Micros } from './time.js';

export interface QueuedEvent {
  time: Micros;
  sequence: number;
}

export class EventQueue<E extends QueuedEvent> {
  private readonly heap: E[] = [];
  private sequenceNext = 0;

  constructor(readonly pendingMax: number) {
    assert(pendingMax > 0, 'EventQueue: pendingMax must be positive');
  }

  get size(): number {
    return this.heap.length;
  }

  /** Stamps the event with the next insertion sequence and queues it. */
  push(event: E): void {
    assert(this.heap.length < this.pendingMax, `event queue is full (pendingMax ${this.pendingMax})`);
    event.sequence = this.sequenceNext++;
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as E;
      if (parent.time < event.time || (parent.time === event.time && parent.sequence < event.sequence)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const length = heap.length;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      let childEvent = heap[left] as E;
      if (right < length) {
        const rightEvent = heap[right] as E;
        if (rightEvent.time < childEvent.time || (rightEvent.time === childEvent.time && rightEvent.sequence < childEvent.sequence)) {
          child = right;
          childEvent = rightEvent;
        }
      }
      if (last.time < childEvent.time || (last.time === childEvent.time && last.sequence < childEvent.sequence)) break;
      heap[index] = childEvent;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}
