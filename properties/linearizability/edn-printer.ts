// Writes EdnValues back as EDN text that edn-reader.ts reads back equal (the round trip is fuzzed), in
// Clojure's printed style: `{:type :invoke, :f :write, :value 3}`, `[1 2]`, `#{:a}`, `#inst "..."`.
// No recursion: an explicit work stack, so deep values cannot overflow the call stack. Also gives short
// one-line renderings for error messages (`showEdn`).

import type { EdnValue } from './edn-value.js';

type Work = { readonly text: string } | { readonly value: EdnValue };

const charNames: Readonly<Record<string, string>> = { '\n': 'newline', ' ': 'space', '\t': 'tab', '\r': 'return', '\b': 'backspace', '\f': 'formfeed' };

function printFloat(value: number): string {
  if (Number.isNaN(value)) return '##NaN';
  if (value === Number.POSITIVE_INFINITY) return '##Inf';
  if (value === Number.NEGATIVE_INFINITY) return '##-Inf';
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  // Keep it a float when read back: 1 prints as 1.0 (an integer otherwise).
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function printChar(char: string): string {
  const named = charNames[char];
  if (named !== undefined) return `\\${named}`;
  const code = char.charCodeAt(0);
  // Printable ASCII stands for itself; anything else is written as \uXXXX so every reader agrees.
  return code > 0x20 && code < 0x7f ? `\\${char}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function printAtom(value: Exclude<EdnValue, { kind: 'vector' | 'list' | 'set' | 'map' | 'tagged' }>): string {
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'number':
      return printFloat(value);
    case 'string':
      // JSON's escapes (\" \\ \b \f \n \r \t \uXXXX) are all EDN string escapes.
      return JSON.stringify(value);
  }
  switch (value.kind) {
    case 'keyword':
      return `:${value.name}`;
    case 'symbol':
      return value.name;
    case 'char':
      return printChar(value.char);
  }
}

/** EDN text for `value`; with `charsMax`, stops once the text is that long (the text may run a little over). */
export function printEdn(value: EdnValue, charsMax = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  let length = 0;
  const work: Work[] = [{ value }];
  while (work.length > 0 && length < charsMax) {
    const item = work.pop() as Work;
    let text: string;
    if ('text' in item) {
      text = item.text;
    } else {
      const current = item.value;
      if (typeof current !== 'object' || current === null || current.kind === 'keyword' || current.kind === 'symbol' || current.kind === 'char') {
        text = printAtom(current);
      } else if (current.kind === 'tagged') {
        text = `#${current.tag} `;
        work.push({ value: current.value });
      } else if (current.kind === 'map') {
        text = '{';
        work.push({ text: '}' });
        for (let index = current.entries.length - 1; index >= 0; index--) {
          const [key, entryValue] = current.entries[index] as readonly [EdnValue, EdnValue];
          work.push({ value: entryValue }, { text: ' ' }, { value: key });
          if (index > 0) work.push({ text: ', ' });
        }
      } else {
        text = current.kind === 'vector' ? '[' : current.kind === 'list' ? '(' : '#{';
        work.push({ text: current.kind === 'vector' ? ']' : current.kind === 'list' ? ')' : '}' });
        for (let index = current.items.length - 1; index >= 0; index--) {
          work.push({ value: current.items[index] as EdnValue });
          if (index > 0) work.push({ text: ' ' });
        }
      }
    }
    out.push(text);
    length += text.length;
  }
  return out.join('');
}

/** A value for an error message: EDN, one line, at most about 60 characters. */
export function showEdn(value: EdnValue | undefined): string {
  if (value === undefined) return 'nothing';
  const text = printEdn(value, 61).replace(/[\r\n]+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
