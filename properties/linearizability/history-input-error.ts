// Bad input in a history file: one line naming the 1-based line number (and column, when the reader
// knows it) and what was expected. This is the only exception the history readers (JSONL, EDN) throw for
// anything a user can write into a file.

export class HistoryInputError extends Error {
  override readonly name = 'HistoryInputError';
  /** 1-based line number, or 0 when the problem is not tied to one line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units), or 0 when not known. */
  readonly column: number;

  constructor(line: number, detail: string, column = 0) {
    super(line > 0 ? `line ${line}${column > 0 ? `, column ${column}` : ''}: ${detail}` : detail);
    this.line = line;
    this.column = line > 0 ? column : 0;
  }
}
