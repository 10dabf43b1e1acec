// Public API of the linearizability checker. See README.md for the history format and the models.

export { AssertionError } from '../../sim/assert.js';
export { BudgetMeter, cacheEntriesMaxDefault, stepsMaxDefault, type Budget, type Exhaustion } from './budget.js';
export { builtinModel, builtinModelNames, builtinModels, checkJsonlHistory, isBuiltinModelName, type BuiltinModelName, type JsonlCheck, type ModelDefinition } from './builtin-models.js';
export { checkHistory, type CheckOptions, type CheckResult } from './checker.js';
export { checkEdnHistory, parseJepsenHistory, type EdnCheck, type JepsenHistory, type JepsenHistoryForm } from './edn-history.js';
export { printEdn, showEdn } from './edn-printer.js';
export { ednDepthMax, ednFormsMax, readEdn, type EdnDocument, type EdnForm, type SourcePosition } from './edn-reader.js';
export type { EdnChar, EdnKeyword, EdnList, EdnMap, EdnSet, EdnSymbol, EdnTagged, EdnValue, EdnVector } from './edn-value.js';
export { eventlogFormat, eventlogModel, streamEvents, streamVersion, type EventId, type EventlogInput, type EventlogOutput, type EventlogState, type ExpectedVersion } from './eventlog.js';
export { describeHistoryOperation, explainFailure, type Candidate, type FailureDetail } from './explanation.js';
export { combineHash, hashNumber, hashString, mixHash } from './hash.js';
export { decoded, expected, type Decoded, type HistoryFormat, type JsonRecord } from './history-format.js';
export { HistoryInputError } from './history-input-error.js';
export { historyLinesMax, parseHistoryJsonl, type ParsedHistory } from './history-parser.js';
export { keyedRegisterModel, type KeyedRegisterInput } from './keyed-register.js';
export { kvFormat, kvModel, kvText, type KvInput, type KvOutput, type KvState } from './kv.js';
export type { Model, StepResult } from './model.js';
export type { Operation, Outcome } from './operation.js';
export { partitionOperations, type Partition } from './partition.js';
export { registerFormat, registerModel, type RegisterInput, type RegisterOutput, type RegisterState } from './register.js';
export { PartitionSearch, searchPartition, type SearchOperation, type SearchResult } from './search.js';
