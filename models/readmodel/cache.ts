// The cache node (Valkey in seeds/000): views by key, in memory only — a crash or power loss empties
// it, as a restarted Valkey without persistence would be. An entry expires `cacheTtlMicros` after it was
// filled, on the cache's own clock. A miss hands out a lease; a fill is accepted only with a lease
// that no invalidation of its key has voided since (memcache-style leases), so a view read before a
// write and put back after the write's invalidation is refused rather than cached.
import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import type { Micros } from '../../sim/time.js';
import type { ReadModelConfig } from './config.js';
import type { ReadModelMessage } from './messages.js';
import type { View } from './view.js';

/** Entries and leases kept at most (a bound: past it the oldest lease or entry is dropped). */
const KEYS_MAX = 10_000;

export function cacheNode(config: ReadModelConfig) {
  return (context: NodeContext<ReadModelMessage>): NodeBehaviour<ReadModelMessage> => {
    const entries = new Map<string, { view: View; expiresMicros: Micros }>();
    /** The valid lease of each key (a miss creates one, an invalidation or a fill removes it). */
    const leases = new Map<string, number>();
    let leaseNext = 1;

    const bound = <V>(map: Map<string, V>): void => {
      if (map.size <= KEYS_MAX) return;
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    };

    return {
      observe: () => ({ role: 'cache', logLength: entries.size }),
      onMessage(source, message) {
        switch (message.type) {
          case 'cacheGet': {
            const entry = entries.get(message.key);
            if (entry !== undefined && entry.expiresMicros > context.now()) {
              context.send(source, { type: 'cacheHit', requestId: message.requestId, view: entry.view });
              return;
            }
            if (entry !== undefined) {
              entries.delete(message.key);
              context.cover('cache-expired');
            }
            const lease = leaseNext++;
            leases.set(message.key, lease);
            bound(leases);
            context.send(source, { type: 'cacheMiss', requestId: message.requestId, lease });
            return;
          }
          case 'cacheFill':
            if (leases.get(message.key) !== message.lease) {
              context.cover('cache-fill-refused');
              return;
            }
            leases.delete(message.key);
            entries.set(message.key, { view: message.view, expiresMicros: context.now() + config.cacheTtlMicros });
            bound(entries);
            return;
          case 'cacheInvalidate':
            entries.delete(message.key);
            leases.delete(message.key);
            context.send(source, { type: 'cacheInvalidated', requestId: message.requestId });
            return;
          default:
            return;
        }
      },
    };
  };
}
