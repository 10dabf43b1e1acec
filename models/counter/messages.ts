// Messages of the demo counter model.
export type CounterMessage =
  | { type: 'incr'; requestId: number }
  | { type: 'incrOk'; requestId: number; value: number }
  | { type: 'ping'; requestId: number }
  | { type: 'pong'; requestId: number };
