import type { NodeBehaviour, NodeContext } from '../../sim/node.js';
import type { ReplicationConfig } from './config.js';
import type { ReplicationMessage } from './messages.js';
import type { ReplicaInspect, ReplicationObserver } from './observer.js';
export function shippingServer(_config: ReplicationConfig, _observer: ReplicationObserver) {
  return (_context: NodeContext<ReplicationMessage>): NodeBehaviour<ReplicationMessage> & ReplicaInspect => {
    throw new Error('not yet');
  };
}
