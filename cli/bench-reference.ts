// The yardstick for the kernel row of `npm run bench`: what a discrete-event loop costs with no simulation
// around it, on this machine, in this process. A binary min-heap of (time, insertion sequence) with an
// integer payload (the target of three), keys in typed arrays, sifted with a hole (the moving element is
// written once, where it lands). Each pop counts the event for its target and pushes one successor 1–6 ms
// later to one of the other two targets, so the pending count stays where it started. Times are integer
// microseconds; the random draws are a 32-bit xorshift turned into a fraction.
//
// The kernel's rate over this loop's, with the same pending count, is the `kernel/reference` ratio the
// bench prints. Written to do exactly the work of the usual hand-written reference loop, no less and no
// more, so the ratio reads the same wherever that loop is used as the measure.

/** Room for the heap; the loop never holds more than `pending` entries. */
const CAPACITY_MAX = 1 << 17;
const TARGET_COUNT = 3;

export interface ReferenceFigures {
  eventsPerSecond: number;
  events: number;
  pending: number;
}

// The loop's state lives at module level and push/pop are plain functions, as in a hand-written script:
// closures made afresh on each call would leave V8 with several closures per call site, and every call
// after the first would run ~40% slower than the first.
const times = new Float64Array(CAPACITY_MAX);
const sequences = new Float64Array(CAPACITY_MAX);
const targets = new Int32Array(CAPACITY_MAX);
let size = 0;
let sequenceNext = 0;
let state = 0;
let poppedTime = 0;
let poppedTarget = 0;

function fraction(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}

function push(time: number, target: number): void {
  let index = size++;
  const sequence = sequenceNext++;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    const parentTime = times[parent] as number;
    if (parentTime < time || (parentTime === time && (sequences[parent] as number) < sequence)) break;
    times[index] = parentTime;
    sequences[index] = sequences[parent] as number;
    targets[index] = targets[parent] as number;
    index = parent;
  }
  times[index] = time;
  sequences[index] = sequence;
  targets[index] = target;
}

function pop(): void {
  poppedTime = times[0] as number;
  poppedTarget = targets[0] as number;
  const length = --size;
  const lastTime = times[length] as number;
  const lastSequence = sequences[length] as number;
  const lastTarget = targets[length] as number;
  let index = 0;
  for (;;) {
    let child = 2 * index + 1;
    if (child >= length) break;
    const right = child + 1;
    if (right < length && ((times[right] as number) < (times[child] as number) || (times[right] === times[child] && (sequences[right] as number) < (sequences[child] as number)))) child = right;
    const childTime = times[child] as number;
    if (lastTime < childTime || (lastTime === childTime && lastSequence < (sequences[child] as number))) break;
    times[index] = childTime;
    sequences[index] = sequences[child] as number;
    targets[index] = targets[child] as number;
    index = child;
  }
  times[index] = lastTime;
  sequences[index] = lastSequence;
  targets[index] = lastTarget;
}

export function referenceHeapLoop(eventsTarget = 3_000_000, pending = 1_000): ReferenceFigures {
  if (!(Number.isSafeInteger(pending) && pending > 0 && pending < CAPACITY_MAX)) throw new Error(`referenceHeapLoop: pending must be 1..${CAPACITY_MAX - 1} (got ${pending})`);
  size = 0;
  sequenceNext = 0;
  state = 0x9e3779b9 | 0;
  const counts = new Int32Array(TARGET_COUNT);
  for (let index = 0; index < pending; index++) push(Math.floor(fraction() * 10_000), index % TARGET_COUNT);
  const startedMs = performance.now();
  for (let event = 0; event < eventsTarget; event++) {
    pop();
    counts[poppedTarget] = (counts[poppedTarget] as number) + 1;
    push(poppedTime + 1_000 + Math.floor(fraction() * 5_000), (poppedTarget + 1 + ((fraction() * (TARGET_COUNT - 1)) | 0)) % TARGET_COUNT);
  }
  const seconds = (performance.now() - startedMs) / 1000;
  // Checked after the clock stops, so the checks cost the loop nothing: every event counted once, and
  // what is left is still a heap.
  let counted = 0;
  for (const count of counts) counted += count;
  if (counted !== eventsTarget) throw new Error(`referenceHeapLoop: ${counted} events counted, ${eventsTarget} run`);
  for (let index = 1; index < size; index++) {
    const parent = (index - 1) >> 1;
    if ((times[parent] as number) > (times[index] as number)) throw new Error('referenceHeapLoop: heap order broken');
  }
  return { eventsPerSecond: Math.round(eventsTarget / seconds), events: eventsTarget, pending: size };
}
