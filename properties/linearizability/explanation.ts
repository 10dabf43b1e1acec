// Plain-words explanations of a verdict. Reporters (CLI text, --json, HTML) format from the structured
// result; nothing here re-runs the search.

import type { Model } from './model.js';
import type { Operation } from './operation.js';

export interface Candidate {
  /** Index into the history's operations. */
  readonly operation: number;
  /** Whether the model accepts it right after the longest prefix (it then fails later instead). */
  readonly fitsState: boolean;
}

export interface FailureDetail {
  /** The partition that is not linearizable (null for an unpartitioned model). */
  readonly partition: string | null;
  /** Indices of the operations the search considered in that partition (fail and info reads dropped). */
  readonly partitionOperations: number[];
  /** The longest linearizable prefix found, as operation indices in linearization order. */
  readonly longestPrefix: number[];
  /** The ok operation whose completion the search could not get past. */
  readonly blocking: number;
  /** Operations that could have come next after the prefix (the blocking one included); none works. */
  readonly candidates: Candidate[];
  /** The model state after the longest prefix, in words. */
  readonly stateAfterPrefix: string;
}

const listedMax = 20;

/** `process 3 cas 1→4 (lines 7–9)` and the like. */
export function describeHistoryOperation<State, Input, Output>(
  operation: Operation<Input, Output>,
  index: number,
  model: Model<State, Input, Output>,
): string {
  const what = model.describeOperation(operation.input, operation.outcome === 'ok' ? operation.output : undefined);
  let where: string;
  if (operation.invokeLine !== undefined) {
    if (operation.completeLine === undefined) where = `line ${operation.invokeLine}, never completed`;
    else if (operation.outcome === 'ok') where = `lines ${operation.invokeLine}–${operation.completeLine}`;
    else where = `lines ${operation.invokeLine}–${operation.completeLine}, ${operation.outcome}`;
  } else {
    const end = operation.outcome === 'ok' ? `${operation.completeTime}` : `?, ${operation.outcome}`;
    where = `operation #${index}, time ${operation.invokeTime}–${end}`;
  }
  return `process ${operation.process} ${what} (${where})`;
}

export function explainFailure<State, Input, Output>(
  operations: readonly Operation<Input, Output>[],
  model: Model<State, Input, Output>,
  failure: FailureDetail,
): string {
  const describe = (index: number): string => describeHistoryOperation(operations[index]!, index, model);
  const scope = failure.partition === null ? '' : ` on ${JSON.stringify(failure.partition)}`;
  const lines: string[] = [
    `Not linearizable: no order of the ${failure.partitionOperations.length} operations${scope} that respects real time is allowed by the ${model.name} model.`,
  ];
  const prefix = failure.longestPrefix;
  if (prefix.length === 0) {
    lines.push('Not even the first operation can be placed: starting from the initial state, every candidate fails.');
  } else {
    lines.push(`The longest linearizable prefix found places ${prefix.length} operation${prefix.length === 1 ? '' : 's'}, each taking effect between its invoke and completion:`);
    const shownFrom = Math.max(0, prefix.length - listedMax);
    if (shownFrom > 0) lines.push(`  (${shownFrom} earlier operations omitted)`);
    for (let position = shownFrom; position < prefix.length; position++) lines.push(`  ${position + 1}. ${describe(prefix[position]!)}`);
  }
  const where = prefix.length === 0 ? 'In the initial state' : 'After that prefix';
  lines.push(`${where} ${failure.stateAfterPrefix}. None of the operations that could come next can be placed:`);
  for (const candidate of failure.candidates.slice(0, listedMax)) {
    const why = candidate.fitsState ? 'fits this state, but nothing consistent can follow it' : 'its result contradicts this state';
    lines.push(`  - ${describe(candidate.operation)}: ${why}`);
  }
  if (failure.candidates.length > listedMax) lines.push(`  (${failure.candidates.length - listedMax} more omitted)`);
  lines.push(`So ${describe(failure.blocking)} cannot be placed before it completed.`);
  return lines.join('\n');
}
