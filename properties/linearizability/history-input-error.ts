// Bad input in a history file: one line naming the 1-based line number and what was expected.
// This is the only exception the JSONL parser throws for anything a user can write into a file.

export class HistoryInputError extends Error {
  override readonly name = 'HistoryInputError';
  /** 1-based line number, or 0 when the problem is not tied to one line. */
  readonly line: number;

  constructor(line: number, detail: string) {
    super(line > 0 ? `line ${line}: ${detail}` : detail);
    this.line = line;
  }
}
