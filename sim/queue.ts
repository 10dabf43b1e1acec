// The event queue: a binary min-heap ordered by (time, insertion sequence). Ties are broken by the
// sequence number alone, never by object identity, hash order or Map iteration, so the order of
// execution is a pure function of the order in which events were scheduled. (Sequences are unique, so
// that order does not depend on the heap's shape either.)
//
// Layout: the heap holds numbers only — each entry's time, sequence and slot — and the events sit still
// in a slot table while the heap moves its entries, so a sift never stores an object reference. The
// element being sifted is held aside and written once where it lands (a hole, not swaps); freed slots
// are reused last-in first-out.
//
// Where the numbers live: in three arrays of this module, fixed for the life of the thread, which hold
// the heap of whichever queue was used last (the *resident* one). V8 compiles a fixed module-level array
// as a constant — no map check, no reload of its length and data pointer on each access — which makes a
// sift about a third cheaper than with arrays held by each queue. A thread normally runs one simulation
// at a time; when another queue is used, the resident one's entries are copied out into its own arrays
// and the new one's copied in. That is the only cost of sharing, and it changes no order.
import { assert, fail } from './assert.js';
import type { Micros } from './time.js';

export interface QueuedEvent {
  time: Micros;
  sequence: number;
}

/** Events one queue can hold at once: the upper bound of `pendingEventsMax`. */
export const PENDING_EVENTS_LIMIT = 1 << 20;

// Untouched pages of these arrays cost no memory: a heap of n entries touches about 20·n bytes.
const heapTimes = new Float64Array(PENDING_EVENTS_LIMIT);
const heapSequences = new Float64Array(PENDING_EVENTS_LIMIT);
const heapSlots = new Int32Array(PENDING_EVENTS_LIMIT);

/**
 * The queue whose heap is in the arrays above. Held strongly, so that whether its heap is copied out
 * never depends on the garbage collector; it keeps at most one finished queue alive until the next one
 * is used.
 */
let resident: EventQueue<QueuedEvent> | null = null;

const INITIAL_CAPACITY = 64;

export class EventQueue<E extends QueuedEvent> {
  /** Slot → event (undefined when the slot is free). */
  private readonly events: (E | undefined)[] = [];
  private freeSlots = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private length = 0;
  private sequenceNext = 0;
  /** This queue's heap while another queue is resident (null until it first has to leave). */
  private saved: { times: Float64Array; sequences: Float64Array; slots: Int32Array } | null = null;

  constructor(readonly pendingMax: number) {
    assert(pendingMax > 0, 'EventQueue: pendingMax must be positive');
    assert(pendingMax <= PENDING_EVENTS_LIMIT, `EventQueue: pendingMax must be at most ${PENDING_EVENTS_LIMIT} (got ${pendingMax})`);
  }

  get size(): number {
    return this.length;
  }

  /** Stamps the event with the next insertion sequence and queues it. */
  push(event: E): void {
    if (resident !== this) this.enter();
    if (this.length >= this.pendingMax) fail(`event queue is full (pendingMax ${this.pendingMax})`);
    if (this.freeCount === 0 && this.length === this.freeSlots.length) this.growFreeSlots();
    const sequence = this.sequenceNext++;
    event.sequence = sequence;
    // Slots in use equal entries in the heap, so without a free slot the next one is `length`.
    const slot = this.freeCount > 0 ? (this.freeSlots[--this.freeCount] as number) : this.length;
    this.events[slot] = event;
    const time = event.time;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentTime = heapTimes[parent] as number;
      if (parentTime < time || (parentTime === time && (heapSequences[parent] as number) < sequence)) break;
      heapTimes[index] = parentTime;
      heapSequences[index] = heapSequences[parent] as number;
      heapSlots[index] = heapSlots[parent] as number;
      index = parent;
    }
    heapTimes[index] = time;
    heapSequences[index] = sequence;
    heapSlots[index] = slot;
  }

  peek(): E | undefined {
    if (this.length === 0) return undefined;
    if (resident !== this) this.enter();
    return this.events[heapSlots[0] as number];
  }

  /** The time of the next event; only meaningful while `size > 0`. */
  peekTime(): Micros {
    if (resident !== this) this.enter();
    return heapTimes[0] as number;
  }

  pop(): E | undefined {
    if (this.length === 0) return undefined;
    if (resident !== this) this.enter();
    const topSlot = heapSlots[0] as number;
    const top = this.events[topSlot];
    this.events[topSlot] = undefined;
    this.freeSlots[this.freeCount++] = topSlot;
    const length = --this.length;
    if (length === 0) return top;
    const lastTime = heapTimes[length] as number;
    const lastSequence = heapSequences[length] as number;
    const lastSlot = heapSlots[length] as number;
    let index = 0;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length) {
        // The smaller child, chosen without a branch: which one it is is a coin toss the processor
        // cannot predict, and a mispredicted branch here cost more than the rest of the step. `+` turns
        // each comparison into 0 or 1, and `|` and `&` (unlike `||` and `&&`) evaluate both sides.
        const rightTime = heapTimes[right] as number;
        const leftTime = heapTimes[child] as number;
        child += +(rightTime < leftTime) | (+(rightTime === leftTime) & +((heapSequences[right] as number) < (heapSequences[child] as number)));
      }
      const childTime = heapTimes[child] as number;
      if (lastTime < childTime || (lastTime === childTime && lastSequence < (heapSequences[child] as number))) break;
      heapTimes[index] = childTime;
      heapSequences[index] = heapSequences[child] as number;
      heapSlots[index] = heapSlots[child] as number;
      index = child;
    }
    heapTimes[index] = lastTime;
    heapSequences[index] = lastSequence;
    heapSlots[index] = lastSlot;
    return top;
  }

  /** Makes this queue the resident one: the previous resident's heap is copied out, this one's in. */
  private enter(): void {
    resident?.leave();
    const saved = this.saved;
    if (saved !== null) {
      heapTimes.set(saved.times.subarray(0, this.length));
      heapSequences.set(saved.sequences.subarray(0, this.length));
      heapSlots.set(saved.slots.subarray(0, this.length));
    } else {
      assert(this.length === 0, 'EventQueue: entries without a saved heap');
    }
    resident = this as EventQueue<QueuedEvent>;
  }

  private leave(): void {
    if (resident !== (this as EventQueue<QueuedEvent>)) return;
    const length = this.length;
    let saved = this.saved;
    if (saved === null || saved.times.length < length) {
      const capacity = Math.max(INITIAL_CAPACITY, length);
      saved = { times: new Float64Array(capacity), sequences: new Float64Array(capacity), slots: new Int32Array(capacity) };
      this.saved = saved;
    }
    saved.times.set(heapTimes.subarray(0, length));
    saved.sequences.set(heapSequences.subarray(0, length));
    saved.slots.set(heapSlots.subarray(0, length));
    resident = null;
  }

  private growFreeSlots(): void {
    const capacity = Math.min(this.freeSlots.length * 2, Math.max(this.pendingMax, INITIAL_CAPACITY));
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }
}
