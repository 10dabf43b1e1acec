// The log store's planted bugs: named, off by default, switched on with `--bug NAME`. Each breaks one
// guarantee of store.ts, and each is caught by a property (see properties/logstore/) — a property
// that no planted bug can trip is not trusted.
export const logStoreBugs = {
  'ack-before-fsync': 'acknowledge (and show to readers) an append as soon as it is written, before the fsync that makes it durable',
  'no-torn-tail-truncation': 'recovery stops at a torn tail but does not cut it: new records are appended after the garbage',
  'skip-checksum': 'recovery trusts whatever decodes: no checksum verification, and anything unreadable is cut as if torn',
  'dedup-in-memory-only': 'event ids (idempotency keys) are remembered only in memory: a retry after a restart is written again',
  'highest-seq-resets-on-delete': 'after deleteTo, the highest sequence number is recomputed from the events still visible (0 after deleting all)',
  'expected-version-checks-committed': 'the expected version is checked against the stream’s committed version, not the version its next event gets: while earlier appends await their fsync, an append expecting v lands past v+1',
  'global-seq-as-stream-version': "the seed's journal: an event's stream version is taken from the global sequence counter",
} as const;

export type LogStoreBug = keyof typeof logStoreBugs;
