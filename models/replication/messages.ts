// Messages of the replication models: client requests and replies (shared by all three designs), the
// quorum protocol (votes and AppendEntries), and the seed's log shipping (async / naive-quorum).
import type { LogEntry } from './entry.js';

/** -1 means "any version". */
export type ExpectedVersion = number;

export type ClientRequest =
  | { type: 'append'; opId: number; attempt: number; stream: string; eventId: string; expectedVersion: ExpectedVersion }
  | { type: 'read'; opId: number; attempt: number; stream: string };

export type ClientReply =
  | { type: 'appendOk'; opId: number; attempt: number; version: number; position: number }
  | { type: 'appendFail'; opId: number; attempt: number; actualVersion: number }
  | { type: 'readOk'; opId: number; attempt: number; events: string[] }
  /** Not the primary: try `leader` (null when unknown). */
  | { type: 'redirect'; opId: number; attempt: number; leader: string | null }
  /** The primary cannot serve yet (not ready, minority side, read-only): retry later. */
  | { type: 'unavailable'; opId: number; attempt: number };

export type QuorumMessage =
  | { type: 'requestVote'; term: number; candidate: string; lastIndex: number; lastTerm: number }
  | { type: 'vote'; term: number; granted: boolean }
  | { type: 'appendEntries'; term: number; leader: string; prevIndex: number; prevTerm: number; entries: LogEntry[]; commit: number; round: number }
  | { type: 'appendReply'; term: number; success: boolean; matchIndex: number; conflictIndex: number; round: number }
  /** A primary with a hole at `index` asks for the entry of term `entryTerm` there (same index and term: same entry). */
  | { type: 'repairRequest'; index: number; entryTerm: number }
  | { type: 'repairReply'; entry: LogEntry };

export type ShippingMessage =
  /** Primary → replica: entries from `entries[0].index` on (or none: a heartbeat). */
  | { type: 'ship'; primary: string; sequence: number; entries: LogEntry[] }
  | { type: 'shipAck'; sequence: number }
  /** Failover: who has the highest sequence? */
  | { type: 'sequenceQuery'; round: number }
  | { type: 'sequenceReply'; round: number; sequence: number; primary: string | null }
  | { type: 'promoted'; primary: string; sequence: number };

export type ReplicationMessage = ClientRequest | ClientReply | QuorumMessage | ShippingMessage;
