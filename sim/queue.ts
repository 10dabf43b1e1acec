// The event queue: a binary min-heap ordered by (time, insertion sequence). Ties are broken by the
// sequence number alone, never by object identity, hash order or Map iteration, so the order of
// execution is a pure function of the order in which events were scheduled.
//
// Layout: the heap holds numbers only — each entry's time, sequence and slot in three typed arrays —
// and the events themselves sit still in a slot table while the heap moves its entries. A sift then
// touches contiguous numbers and never stores an object reference (no write barrier per move); the
// element being sifted is held aside and written once where it lands (a hole, not swaps). Freed slots
// are reused last-in first-out. The arrays double when full, up to `pendingMax`.
import { assert, fail } from './assert.js';
import type { Micros } from './time.js';

export interface QueuedEvent {
  time: Micros;
  sequence: number;
}

const INITIAL_CAPACITY = 64;

export class EventQueue<E extends QueuedEvent> {
  /** Slot → event (undefined when the slot is free). */
  private events: (E | undefined)[] = [];
  private times = new Float64Array(INITIAL_CAPACITY);
  private sequences = new Float64Array(INITIAL_CAPACITY);
  /** Heap position → slot in `events`. */
  private slots = new Int32Array(INITIAL_CAPACITY);
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
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
    // Slots in use equal entries in the heap, so without a free slot the next one is `length`.
    const slot = this.freeCount > 0 ? (this.freeSlots[--this.freeCount] as number) : this.length;
    this.events[slot] = event;
    const time = event.time;
    const { times, sequences, slots } = this;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime < time || (parentTime === time && (sequences[parent] as number) < sequence)) break;
      times[index] = parentTime;
      sequences[index] = sequences[parent] as number;
      slots[index] = slots[parent] as number;
      index = parent;
    }
    times[index] = time;
    sequences[index] = sequence;
    slots[index] = slot;
  }

  peek(): E | undefined {
    return this.length === 0 ? undefined : this.events[this.slots[0] as number];
  }

  /** The time of the next event; only meaningful while `size > 0`. */
  peekTime(): Micros {
    return this.times[0] as number;
  }

  pop(): E | undefined {
    if (this.length === 0) return undefined;
    const { times, sequences, slots } = this;
    const topSlot = slots[0] as number;
    const top = this.events[topSlot];
    this.events[topSlot] = undefined;
    this.freeSlots[this.freeCount++] = topSlot;
    const length = --this.length;
    if (length === 0) return top;
    const lastTime = times[length] as number;
    const lastSequence = sequences[length] as number;
    const lastSlot = slots[length] as number;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length) {
        const rightTime = times[right] as number;
        const leftTime = times[child] as number;
        if (rightTime < leftTime || (rightTime === leftTime && (sequences[right] as number) < (sequences[child] as number))) child = right;
      }
      const childTime = times[child] as number;
      if (lastTime < childTime || (lastTime === childTime && lastSequence < (sequences[child] as number))) break;
      times[index] = childTime;
      sequences[index] = sequences[child] as number;
      slots[index] = slots[child] as number;
      index = child;
    }
    times[index] = lastTime;
    sequences[index] = lastSequence;
    slots[index] = lastSlot;
    return top;
  }

  private grow(): void {
    const capacity = Math.min(this.times.length * 2, Math.max(this.pendingMax, INITIAL_CAPACITY));
    this.times = grown(this.times, new Float64Array(capacity));
    this.sequences = grown(this.sequences, new Float64Array(capacity));
    this.slots = grown(this.slots, new Int32Array(capacity));
    this.freeSlots = grown(this.freeSlots, new Int32Array(capacity));
  }
}

function grown<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
