// The world: simulated time, the event queue, the network, each node's disk and clock, the root
// randomness and the trace. Models see none of this directly — only the NodeContext handed to them.
// Every executed event feeds the running trace hash; the full trace is kept on request.
import { assert, fail, unreachable } from './assert.js';
import { NodeClock } from './clock.js';
import { Disk, diskView, type DiskConfig, type DiskFaultRecord } from './disk.js';
import { describeFault, type Fault, type FaultSchedule, type TargetedFault } from './faults.js';
import { TraceHash, hashText } from './hash.js';
import type { HistoryEvent } from './history.js';
import { Network, SEND_CLOGGED, sendCodeReason, type NetworkConfig } from './network.js';
import type { NodeBehaviour, NodeContext, NodeFactory, Message, Observation, TimerHandle } from './node.js';
import { EventQueue } from './queue.js';
import { rootRandom, type Random } from './random.js';
import type { Micros } from './time.js';

const enum EventKind {
  Start = 1,
  Timer = 2,
  Deliver = 3,
  Fsync = 4,
  Fault = 5,
}

/** Targeted faults waiting for an election at once (a schedule holds far fewer). */
const ARMED_MAX = 10_000;

/** Endpoint indexes must fit the 14 bits the trace hash gives them. */
const ENDPOINTS_MAX = 16_000;

class SimEvent implements TimerHandle {
  sequence = 0;
  cancelled = false;
  constructor(
    public time: Micros,
    readonly kind: EventKind,
    readonly endpoint: number,
    readonly incarnation: number,
    readonly label: string,
    readonly fire: (() => void) | null,
    readonly message: Message | null,
    readonly source: number,
    readonly fault: Fault | null,
  ) {}
}

export interface TraceEntry {
  time: Micros;
  kind: 'start' | 'timer' | 'deliver' | 'fsync' | 'fault' | 'disk' | 'drop' | 'log';
  node: string;
  label: string;
}

export interface SimulationOptions {
  seed: number;
  network: NetworkConfig;
  disk: DiskConfig;
  /** Endpoint ids: servers (faultable) first, then clients. Fixed for the whole run. */
  nodes: readonly string[];
  clients: readonly string[];
  eventsMax: number;
  pendingEventsMax: number;
  keepTrace: boolean;
}

export interface SimulationObserver {
  onFault?(fault: Fault, atMicros: Micros): void;
  /**
   * A message handed to the network now, with the time it is due (null: lost, dropped or held by a
   * clogged link). For timelines and diagrams only: observing changes nothing that executes.
   */
  onSend?(source: string, target: string, message: Message, deliverAtMicros: Micros | null): void;
  /** A message reached its target's event: `delivered`, or dropped by a partition or a down target. */
  onDeliver?(source: string, target: string, message: Message, fate: 'delivered' | 'partitioned' | 'down'): void;
}

type Status = 'up' | 'down' | 'paused';

class Endpoint {
  status: Status = 'down';
  incarnation = 0;
  behaviour: NodeBehaviour | null = null;
  factory: NodeFactory | null = null;
  held: SimEvent[] = [];
  readonly clock = new NodeClock();
  constructor(
    readonly id: string,
    readonly index: number,
    readonly faultable: boolean,
    readonly disk: Disk,
    readonly random: Random,
  ) {}
}

export type RunStop = 'time' | 'idle' | 'budget' | 'stopped';

export class Simulation {
  now: Micros = 0;
  eventsExecuted = 0;
  readonly random: Random;
  readonly network: Network;
  readonly history: HistoryEvent[] = [];
  readonly trace: TraceEntry[] | null;
  readonly faultsApplied: { atMicros: Micros; fault: Fault }[] = [];

  /**
   * Targeted faults that took no effect so far: fired with no node fitting their selector, or armed for
   * a new primary that did not come in time (or had not come when the run ended).
   */
  get targetedFaultsMissed(): number {
    return this.targetedMissed + this.armed.length;
  }
  readonly diskFaults: (DiskFaultRecord & { atMicros: Micros; node: string })[] = [];
  observer: SimulationObserver = {};
  /** Coverage goals reached in this run and how often (not hashed: observing changes nothing). */
  readonly coverage = new Map<string, number>();
  private readonly queue: EventQueue<SimEvent>;
  private readonly hash = new TraceHash();
  private readonly endpoints: Endpoint[] = [];
  private readonly endpointIndex = new Map<string, number>();
  private readonly labelHashes = new Map<string, number>();
  /** Per event kind, the label hashed last and its hash (see `labelHash`); '' to begin with. */
  private readonly lastLabels: string[] = ['', '', '', '', '', ''];
  private readonly lastLabelHashes = new Uint32Array(6).fill(hashText(''));
  private readonly cloggedMessages: { source: number; target: number; message: Message }[] = [];
  private stopRequested = false;
  /** Targeted faults waiting for a new primary: the primaries (`id@term`) known when each was armed. */
  private armed: { fault: TargetedFault; known: Set<string>; deadlineMicros: Micros }[] = [];
  /** The server that last sent a message to a client (-1: none yet), for the `justReplied` selector. */
  private lastReplier = -1;
  private readonly serverCount: number;
  /** Targeted faults that fired with no node to hit, or whose trigger lapsed (see `targetedFaultsMissed`). */
  private targetedMissed = 0;

  constructor(readonly options: SimulationOptions) {
    assert(Number.isSafeInteger(options.seed) && options.seed >= 0, `seed must be a non-negative integer (got ${options.seed})`);
    assert(options.eventsMax > 0, 'eventsMax must be positive');
    this.random = rootRandom(options.seed);
    this.queue = new EventQueue<SimEvent>(options.pendingEventsMax);
    this.trace = options.keepTrace ? [] : null;
    this.serverCount = options.nodes.length;
    const ids = [...options.nodes, ...options.clients];
    assert(new Set(ids).size === ids.length, `node ids must be unique (got ${ids.join(', ')})`);
    assert(ids.length <= ENDPOINTS_MAX, `at most ${ENDPOINTS_MAX} nodes and clients (got ${ids.length})`);
    this.network = new Network(options.network, ids.length, this.random.fork('network'));
    ids.forEach((id, index) => {
      const faultable = index < options.nodes.length;
      const disk = new Disk(options.disk, this.random.fork(`disk/${id}`), (record) => this.recordDiskFault(id, record));
      this.endpoints.push(new Endpoint(id, index, faultable, disk, this.random.fork(`node/${id}`)));
      this.endpointIndex.set(id, index);
    });
  }

  /** Installs a node's behaviour factory and starts it at the current time. */
  start(id: string, factory: NodeFactory<any>): void {
    const endpoint = this.endpointFor(id);
    assert(endpoint.factory === null, `node ${id} started twice`);
    endpoint.factory = factory as NodeFactory;
    this.queue.push(new SimEvent(this.now, EventKind.Start, endpoint.index, endpoint.incarnation, 'start', null, null, -1, null));
  }

  /** Queues every fault of a schedule. */
  scheduleFaults(schedule: FaultSchedule): void {
    for (const timed of schedule) {
      assert(Number.isSafeInteger(timed.atMicros) && timed.atMicros >= 0, `fault time must be a non-negative integer (got ${timed.atMicros})`);
      this.queue.push(new SimEvent(timed.atMicros, EventKind.Fault, -1, 0, timed.fault.kind, null, null, -1, timed.fault));
    }
  }

  /** Runs events up to and including `endMicros`, the event budget, or until nothing is left. */
  run(endMicros: Micros): RunStop {
    const queue = this.queue;
    const eventsMax = this.options.eventsMax;
    for (;;) {
      if (this.stopRequested) return 'stopped';
      if (queue.size === 0) {
        // Time passes even when nothing happens: a quiet period still ends at endMicros.
        this.now = Math.max(this.now, endMicros);
        return 'idle';
      }
      // The next time is read from the heap's keys: the event itself is loaded only once it is due.
      if (queue.peekTime() > endMicros) {
        this.now = endMicros;
        return 'time';
      }
      const next = queue.pop() as SimEvent;
      if (next.cancelled) continue;
      if (this.eventsExecuted >= eventsMax) return 'budget';
      this.now = next.time;
      this.execute(next);
    }
  }

  /** Lets a scenario end the run early (e.g. its workload is done and checked). */
  stop(): void {
    this.stopRequested = true;
  }

  traceHash(): string {
    return this.hash.hex();
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  isUp(id: string): boolean {
    return this.endpointFor(id).status === 'up';
  }

  status(id: string): Status {
    return this.endpointFor(id).status;
  }

  diskOf(id: string): Disk {
    return this.endpointFor(id).disk;
  }

  behaviourOf<B extends NodeBehaviour>(id: string): B | null {
    return this.endpointFor(id).behaviour as B | null;
  }

  /** A running node's observation, or null when it is down, paused or shows nothing. */
  observe(id: string): Observation | null {
    const endpoint = this.endpointFor(id);
    if (endpoint.status !== 'up' || endpoint.behaviour === null || endpoint.behaviour.observe === undefined) return null;
    return endpoint.behaviour.observe();
  }

  /** Counts a coverage goal reached (models call it through their context). */
  cover(goal: string): void {
    this.coverage.set(goal, (this.coverage.get(goal) ?? 0) + 1);
  }

  localTime(id: string): Micros {
    return this.endpointFor(id).clock.read(this.now);
  }

  /** Applies a fault now (also used by the schedule). Recorded in the trace. */
  applyFault(fault: Fault): void {
    if (fault.kind === 'targeted') {
      // Applied directly (not from the schedule): arm it, or resolve it now and apply what it resolves to.
      if (fault.afterNewPrimary !== undefined) {
        this.arm(fault);
        return;
      }
      for (const concrete of this.resolveTargeted(fault)) this.applyFault(concrete);
      return;
    }
    this.faultsApplied.push({ atMicros: this.now, fault });
    this.observer.onFault?.(fault, this.now);
    switch (fault.kind) {
      case 'partition':
        this.network.partition(fault.groups.map((group) => group.map((id) => this.indexOf(id))));
        return;
      case 'partitionOneWay':
        this.network.partitionOneWay(fault.sources.map((id) => this.indexOf(id)), fault.targets.map((id) => this.indexOf(id)));
        return;
      case 'heal':
        this.network.heal();
        return;
      case 'clog':
        this.network.clog(this.indexOf(fault.source), this.indexOf(fault.target));
        return;
      case 'unclog':
        this.unclog();
        return;
      case 'loss':
        this.network.setLossRatio(fault.ratio === 0 ? null : fault.ratio);
        return;
      case 'crash':
        this.crash(this.endpointFor(fault.node), false);
        return;
      case 'powerLoss':
        this.crash(this.endpointFor(fault.node), true);
        return;
      case 'restart':
        this.restart(this.endpointFor(fault.node));
        return;
      case 'pause':
        this.pause(this.endpointFor(fault.node));
        return;
      case 'resume':
        this.resume(this.endpointFor(fault.node));
        return;
      case 'skew':
        this.endpointFor(fault.node).clock.skew(this.now, fault.offsetMicros);
        return;
      case 'drift':
        this.endpointFor(fault.node).clock.drift(this.now, fault.driftPpm);
        return;
      case 'bitFlip':
        this.endpointFor(fault.node).disk.flipBit();
        return;
      case 'misdirectWrites':
        this.endpointFor(fault.node).disk.armMisdirectedWrites(fault.count);
        return;
      case 'lieFsync':
        this.endpointFor(fault.node).disk.armLyingFsyncs(fault.count);
        return;
      case 'healAll':
        this.healAll();
        return;
      default:
        unreachable(fault);
    }
  }

  /**
   * Chooses a targeted fault's node from the running servers' observations, queues the fault's end
   * (restart, resume or heal) `durationMicros` later, and returns the faults to apply now (none when no
   * node fits). Reads observations only: resolving changes nothing in any node.
   */
  private resolveTargeted(fault: TargetedFault): Fault[] {
    const node = this.selectTarget(fault);
    if (node === null) return [];
    const endAt = this.now + Math.max(1, fault.durationMicros);
    const end = (ending: Fault): void => this.queue.push(new SimEvent(endAt, EventKind.Fault, -1, 0, ending.kind, null, null, -1, ending));
    switch (fault.action) {
      case 'crash':
      case 'powerLoss':
        end({ kind: 'restart', node });
        return [{ kind: fault.action, node }];
      case 'pause':
        end({ kind: 'resume', node });
        return [{ kind: 'pause', node }];
      case 'isolate':
      case 'isolateWithClient': {
        const servers = this.options.nodes;
        const clients = this.options.clients;
        const side = [node];
        let rest: string[] = servers.filter((each) => each !== node);
        if (fault.action === 'isolateWithClient' && clients.length > 0) {
          const client = clients[fault.pick % clients.length] as string;
          side.push(client);
          rest = [...rest, ...clients.filter((each) => each !== client)];
        }
        end({ kind: 'heal' });
        return [{ kind: 'partition', groups: [side, rest] }];
      }
      default:
        return unreachable(fault.action);
    }
  }

  private selectTarget(fault: TargetedFault): string | null {
    const candidates: { id: string; observation: Observation }[] = [];
    for (const endpoint of this.endpoints) {
      if (!endpoint.faultable || endpoint.status !== 'up' || endpoint.behaviour === null) continue;
      candidates.push({ id: endpoint.id, observation: endpoint.behaviour.observe?.() ?? { role: 'unknown' } });
    }
    const isPrimary = (observation: Observation): boolean => observation.role === 'primary' || observation.role === 'leader';
    let chosen: typeof candidates;
    switch (fault.select) {
      case 'primary': {
        const primaries = candidates.filter((each) => isPrimary(each.observation));
        const termMax = Math.max(-1, ...primaries.map((each) => each.observation.term ?? 0));
        chosen = primaries.filter((each) => (each.observation.term ?? 0) === termMax);
        break;
      }
      case 'follower':
        chosen = candidates.filter((each) => !isPrimary(each.observation));
        break;
      case 'longestLog':
      case 'shortestLog': {
        const sized = candidates.filter((each) => each.observation.logLength !== undefined);
        const lengths = sized.map((each) => each.observation.logLength as number);
        const target = fault.select === 'longestLog' ? Math.max(...lengths) : Math.min(...lengths);
        chosen = sized.filter((each) => each.observation.logLength === target);
        break;
      }
      case 'busy':
        chosen = candidates.filter((each) => each.observation.busy === true);
        break;
      case 'justReplied': {
        const replier = this.lastReplier < 0 ? null : (this.endpoints[this.lastReplier] as Endpoint).id;
        chosen = candidates.filter((each) => each.id === replier);
        break;
      }
      default:
        return unreachable(fault.select);
    }
    if (chosen.length === 0) return null;
    return (chosen[Math.abs(fault.pick) % chosen.length] as { id: string }).id;
  }

  // --- execution ---

  private execute(event: SimEvent): void {
    const kind = event.kind;
    if (kind === EventKind.Fault) {
      this.executeFault(event);
      return;
    }
    const endpoint = this.endpoints[event.endpoint] as Endpoint;
    if (kind === EventKind.Deliver) {
      this.deliver(event, endpoint);
      return;
    }
    const status = endpoint.status;
    if (status === 'paused') {
      endpoint.held.push(event);
      return;
    }
    if (kind === EventKind.Start) {
      if (status !== 'down' || event.incarnation !== endpoint.incarnation) return;
      this.eventsExecuted++;
      this.hashEvent(event);
      this.boot(endpoint);
      if (this.armed.length > 0) this.checkArmed(endpoint);
      return;
    }
    // A timer or an fsync completion: it fires only in the incarnation that asked for it.
    if (status !== 'up' || event.incarnation !== endpoint.incarnation) return;
    this.eventsExecuted++;
    this.hashEvent(event);
    (event.fire as () => void)();
    if (this.armed.length > 0) this.checkArmed(endpoint);
  }

  private deliver(event: SimEvent, endpoint: Endpoint): void {
    this.network.inFlight--;
    const status = endpoint.status;
    if (status === 'paused') {
      endpoint.held.push(event);
      return;
    }
    const source = this.endpoints[event.source] as Endpoint;
    const observer = this.observer;
    if (status !== 'up') {
      observer.onDeliver?.(source.id, endpoint.id, event.message as Message, 'down');
      return;
    }
    if (!this.network.deliverable(event.source, event.endpoint)) {
      if (this.trace !== null) this.traceEntry('drop', endpoint.id, `${event.label} from ${source.id} (partition)`);
      observer.onDeliver?.(source.id, endpoint.id, event.message as Message, 'partitioned');
      return;
    }
    this.eventsExecuted++;
    this.hashEvent(event);
    observer.onDeliver?.(source.id, endpoint.id, event.message as Message, 'delivered');
    const behaviour = endpoint.behaviour;
    if (behaviour !== null && behaviour.onMessage !== undefined) behaviour.onMessage(source.id, event.message as Message);
    if (this.armed.length > 0) this.checkArmed(endpoint);
  }

  private executeFault(event: SimEvent): void {
    const hash = this.hash;
    this.eventsExecuted++;
    const fault = event.fault as Fault;
    if (fault.kind === 'targeted' && fault.afterNewPrimary !== undefined) {
      hash.word(EventKind.Fault);
      hash.integer(event.time);
      hash.value(fault);
      if (this.trace !== null) this.traceEntry('fault', '-', `armed: ${describeFault(fault)}`);
      this.arm(fault);
      return;
    }
    if (fault.kind === 'targeted') {
      // Resolved from the nodes' observations at this instant; the resolved faults are what is hashed.
      const resolved = this.resolveTargeted(fault);
      hash.word(EventKind.Fault);
      hash.integer(event.time);
      hash.integer(resolved.length);
      if (resolved.length === 0) {
        this.targetedMissed++;
        if (this.trace !== null) this.traceEntry('fault', '-', `${describeFault(fault)}: no target`);
      }
      for (const concrete of resolved) {
        hash.value(concrete);
        if (this.trace !== null) this.traceEntry('fault', '-', `${describeFault(concrete)} (${fault.select})`);
        this.applyFault(concrete);
      }
      return;
    }
    hash.word(EventKind.Fault);
    hash.integer(event.time);
    // The fault's data, not its description: rewording a message must not change any replay's hash.
    hash.value(fault);
    if (this.trace !== null) this.traceEntry('fault', '-', describeFault(fault));
    this.applyFault(fault);
  }

  private primaryKeys(): Set<string> {
    const keys = new Set<string>();
    for (const endpoint of this.endpoints) {
      if (!endpoint.faultable || endpoint.status !== 'up') continue;
      const observation = endpoint.behaviour?.observe?.();
      if (observation !== undefined && (observation.role === 'primary' || observation.role === 'leader')) keys.add(`${endpoint.id}@${observation.term ?? 0}`);
    }
    return keys;
  }

  private arm(fault: TargetedFault): void {
    const trigger = fault.afterNewPrimary as { waitMicrosMax: Micros };
    assert(this.armed.length < ARMED_MAX, `more than ${ARMED_MAX} targeted faults armed at once`);
    this.armed.push({ fault, known: this.primaryKeys(), deadlineMicros: this.now + trigger.waitMicrosMax });
  }

  /**
   * After a node ran an event: if it now shows itself a primary that no armed fault knew of, every
   * armed fault fires its plain (untriggered) form its delay later; armed faults past their wait lapse.
   * Only the node that just ran can have changed, so only it is observed.
   */
  private checkArmed(endpoint: Endpoint): void {
    if (!endpoint.faultable || endpoint.status !== 'up') return;
    const observation = endpoint.behaviour?.observe?.();
    if (observation === undefined || (observation.role !== 'primary' && observation.role !== 'leader')) return;
    const key = `${endpoint.id}@${observation.term ?? 0}`;
    const waiting: typeof this.armed = [];
    for (const each of this.armed) {
      if (this.now > each.deadlineMicros) {
        this.targetedMissed++;
        continue;
      }
      if (each.known.has(key)) {
        waiting.push(each);
        continue;
      }
      const { afterNewPrimary, ...plain } = each.fault;
      const at = this.now + (afterNewPrimary?.delayMicros ?? 0);
      this.queue.push(new SimEvent(at, EventKind.Fault, -1, 0, plain.kind, null, null, -1, plain));
    }
    this.armed = waiting;
  }

  private hashEvent(event: SimEvent): void {
    const hash = this.hash;
    // kind (3 bits) · target (14 bits) · source + 1 (15 bits): one word; endpoint counts are bounded.
    hash.word((event.kind << 29) ^ (event.endpoint << 15) ^ (event.source + 1));
    hash.integer(event.time);
    hash.word(this.labelHash(event.kind, event.label));
    if (this.trace !== null) {
      const kind = event.kind === EventKind.Start ? 'start' : event.kind === EventKind.Timer ? 'timer' : event.kind === EventKind.Deliver ? 'deliver' : 'fsync';
      const from = event.kind === EventKind.Deliver ? ` from ${(this.endpoints[event.source] as Endpoint).id}` : '';
      this.traceEntry(kind, (this.endpoints[event.endpoint] as Endpoint).id, event.label + from);
    }
  }

  /**
   * A label's hash, interned. Each event kind remembers its last label, which a run repeats far more
   * often than not (one timer re-armed, one message type answered in kind): a hit is one comparison.
   */
  private labelHash(kind: EventKind, label: string): number {
    if (this.lastLabels[kind] === label) return this.lastLabelHashes[kind] as number;
    let labelHash = this.labelHashes.get(label);
    if (labelHash === undefined) {
      labelHash = hashText(label);
      this.labelHashes.set(label, labelHash);
    }
    this.lastLabels[kind] = label;
    this.lastLabelHashes[kind] = labelHash;
    return labelHash;
  }

  private traceEntry(kind: TraceEntry['kind'], node: string, label: string): void {
    if (this.trace !== null) this.trace.push({ time: this.now, kind, node, label });
  }

  private boot(endpoint: Endpoint): void {
    assert(endpoint.factory !== null, `node ${endpoint.id} has no factory`);
    endpoint.status = 'up';
    endpoint.behaviour = endpoint.factory(this.contextFor(endpoint, endpoint.incarnation));
  }

  private crash(endpoint: Endpoint, powerLoss: boolean): void {
    assert(endpoint.faultable, `node ${endpoint.id} cannot be crashed (clients are not faulted)`);
    if (endpoint.status === 'down') return;
    endpoint.status = 'down';
    endpoint.behaviour = null;
    endpoint.incarnation++;
    endpoint.held = [];
    if (powerLoss) endpoint.disk.powerLoss();
  }

  private restart(endpoint: Endpoint): void {
    if (endpoint.status !== 'down' || endpoint.factory === null) return;
    this.queue.push(new SimEvent(this.now, EventKind.Start, endpoint.index, endpoint.incarnation, 'restart', null, null, -1, null));
  }

  private pause(endpoint: Endpoint): void {
    assert(endpoint.faultable, `node ${endpoint.id} cannot be paused (clients are not faulted)`);
    if (endpoint.status === 'up') endpoint.status = 'paused';
  }

  private resume(endpoint: Endpoint): void {
    if (endpoint.status !== 'paused') return;
    endpoint.status = 'up';
    const held = endpoint.held;
    endpoint.held = [];
    for (const event of held) {
      event.time = this.now;
      if (event.kind === EventKind.Deliver) this.network.inFlight++;
      this.queue.push(event);
    }
  }

  private unclog(): void {
    this.network.unclogAll();
    const held = this.cloggedMessages.splice(0);
    for (const each of held) this.sendMessage(each.source, each.target, each.message);
  }

  private healAll(): void {
    this.armed = [];
    this.network.heal();
    this.unclog();
    this.network.setLossRatio(null);
    for (const endpoint of this.endpoints) {
      if (!endpoint.faultable) continue;
      endpoint.clock.reset(this.now);
      endpoint.disk.disarm();
      if (endpoint.status === 'paused') this.resume(endpoint);
      if (endpoint.status === 'down') this.restart(endpoint);
    }
  }

  private sendMessage(source: number, target: number, message: Message): void {
    if (target >= this.serverCount && source < this.serverCount) this.lastReplier = source;
    const network = this.network;
    const at = network.send(this.now, source, target);
    const onSend = this.observer.onSend;
    if (onSend !== undefined) onSend((this.endpoints[source] as Endpoint).id, (this.endpoints[target] as Endpoint).id, message, at < 0 ? null : at);
    if (at < 0) {
      if (at === SEND_CLOGGED) this.cloggedMessages.push({ source, target, message });
      else if (this.trace !== null) this.traceEntry('drop', (this.endpoints[target] as Endpoint).id, `${message.type} from ${(this.endpoints[source] as Endpoint).id} (${sendCodeReason(at)})`);
      return;
    }
    network.inFlight++;
    this.queue.push(new SimEvent(at, EventKind.Deliver, target, 0, message.type, null, message, source, null));
    const again = network.duplicate(this.now, source, target);
    if (again >= 0) {
      if (onSend !== undefined) onSend((this.endpoints[source] as Endpoint).id, (this.endpoints[target] as Endpoint).id, message, again);
      network.inFlight++;
      this.queue.push(new SimEvent(again, EventKind.Deliver, target, 0, message.type, null, message, source, null));
    }
  }

  private recordDiskFault(node: string, record: DiskFaultRecord): void {
    this.diskFaults.push({ ...record, atMicros: this.now, node });
    this.hash.word(0xd15c);
    this.hash.text(record.kind);
    this.hash.integer(record.offset);
    this.traceEntry('disk', node, `${record.kind} ${record.file}@${record.offset} (${record.detail})`);
  }

  private indexOf(id: string): number {
    const index = this.endpointIndex.get(id);
    if (index === undefined) fail(`unknown node ${id}`);
    return index;
  }

  private endpointFor(id: string): Endpoint {
    return this.endpoints[this.indexOf(id)] as Endpoint;
  }

  private contextFor(endpoint: Endpoint, incarnation: number): NodeContext {
    const simulation = this;
    const alive = (): boolean => endpoint.incarnation === incarnation && endpoint.status !== 'down';
    let lastTarget: string | null = null;
    let lastTargetIndex = -1;
    const nodeDisk = diskView(endpoint.disk, alive, (fire, durationMicros) => {
      simulation.queue.push(new SimEvent(simulation.now + durationMicros, EventKind.Fsync, endpoint.index, incarnation, 'fsync', fire, null, -1, null));
    });
    return {
      id: endpoint.id,
      nodes: this.options.nodes,
      clients: this.options.clients,
      random: endpoint.random,
      disk: nodeDisk,
      now: () => endpoint.clock.read(simulation.now),
      send: (target, message) => {
        if (!alive()) return;
        // Replies go back to the one who asked: remembering the last target saves a Map lookup.
        if (target !== lastTarget) {
          lastTargetIndex = simulation.indexOf(target);
          lastTarget = target;
        }
        simulation.sendMessage(endpoint.index, lastTargetIndex, message);
      },
      setTimer: (delayMicros, label, fire) => {
        if (!(delayMicros >= 0 && Number.isFinite(delayMicros))) fail(`setTimer: bad delay ${delayMicros}`);
        const at = simulation.now + endpoint.clock.simulatedDelay(Math.round(delayMicros));
        const event = new SimEvent(at, EventKind.Timer, endpoint.index, incarnation, label, fire, null, -1, null);
        if (alive()) simulation.queue.push(event);
        return event;
      },
      cancelTimer: (handle) => {
        (handle as SimEvent).cancelled = true;
      },
      record: (event) => {
        // The caller hands over a fresh object; stamping it in place saves a copy per operation.
        (event as HistoryEvent).time = simulation.now;
        simulation.history.push(event as HistoryEvent);
      },
      log: (text) => simulation.traceEntry('log', endpoint.id, text),
      cover: (goal) => simulation.cover(goal),
    };
  }
}
