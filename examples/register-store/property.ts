// The user's property: the register's client history is linearizable, decided by faultline's
// linearizability checker with its built-in `register` model. A pure function of the history.
// What it does not verify: anything about latency, or the value left on disk once no one reads it.
import { checkHistory, registerModel, type HistoryEvent, type Operation, type Violation } from 'faultline';

type RegisterInput = { f: 'read' } | { f: 'write'; value: number };

/** Invoke/completion pairs of the history as the checker's operations; an unanswered invoke is `info`. */
export function registerOperations(history: readonly HistoryEvent[]): Operation<RegisterInput, number | null>[] {
  const operations: Operation<RegisterInput, number | null>[] = [];
  const open = new Map<number, { input: RegisterInput; invokeTime: number }>();
  for (const event of history) {
    if (event.type === 'invoke') {
      open.set(event.process, { input: event.f === 'write' ? { f: 'write', value: event.value as number } : { f: 'read' }, invokeTime: event.time });
      continue;
    }
    const invoked = open.get(event.process);
    if (invoked === undefined) continue;
    open.delete(event.process);
    const output = event.type === 'ok' ? ((invoked.input.f === 'read' ? event.value : invoked.input.value) as number | null) : undefined;
    operations.push({ process: event.process, input: invoked.input, outcome: event.type, ...(output !== undefined ? { output } : {}), invokeTime: invoked.invokeTime, completeTime: event.time });
  }
  for (const [process, invoked] of open) operations.push({ process, input: invoked.input, outcome: 'info', invokeTime: invoked.invokeTime });
  return operations;
}

export function linearizableRegister(history: readonly HistoryEvent[]): Violation[] {
  const result = checkHistory(registerOperations(history), registerModel, { budget: { stepsMax: 2_000_000 } });
  if (result.linearizable === true) return [];
  if (result.linearizable === null) return [{ property: 'linearizable-register', kind: 'inconclusive', message: `undecided within the checker's budget: ${result.explanation}` }];
  return [{ property: 'linearizable-register', kind: 'correctness', message: `the read/write history is not linearizable: ${result.explanation}` }];
}
