// A reader for EDN (extensible data notation), the text Jepsen writes its histories in: enough of it for
// what a history.edn holds, strictly checked, with no recursion (an explicit stack of open collections,
// nesting bounded by ednDepthMax) so that no input can overflow the call stack.
//
// Read: maps {}, vectors [], lists (), sets #{}, keywords :a and :a/b, symbols, strings with the escapes
// \t \r \n \b \f \\ \" \uXXXX, characters (\a \newline \space \tab \return \backspace \formfeed \uXXXX),
// integers (any size, optional N suffix), floats (optional M suffix, ##Inf ##-Inf ##NaN), nil, true,
// false, comments `;` to the end of the line, commas as whitespace, discards `#_`, and tagged literals
// `#tag value` (`#inst "..."`, `#uuid "..."`, records such as `#jepsen.history.Op{...}`), kept as
// {tag, value}. Two bits of Clojure's printed output that are not EDN but turn up in Jepsen histories
// are read too: hexadecimal integers (`#object[java.lang.Exception 0x1f2e "..."]`) and ratios (`1/3`,
// read as the float it stands for). Not read (rejected with a message): regexes `#"..."`, namespaced
// maps `#:ns{}`, reader macros (' ` ~ @ ^), and octal or radix numbers.
//
// Every error is a HistoryInputError naming the line and column; nothing else is thrown for any text.

import { assert } from '../../sim/assert.js';
import type { EdnCollection, EdnKeyword, EdnSymbol, EdnValue } from './edn-value.js';
import { keyword, symbol } from './edn-value.js';
import { HistoryInputError } from './history-input-error.js';

/** Deepest nesting of collections and tags accepted. */
export const ednDepthMax = 1_000;
/** Most top-level forms in one text. */
export const ednFormsMax = 10_000_000;

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface EdnForm extends SourcePosition {
  readonly value: EdnValue;
}

export interface EdnDocument {
  /** The top-level forms in text order, each with where it starts. */
  readonly forms: readonly EdnForm[];
  /**
   * Where a collection or tagged value starts, for the top-level forms and the items of a top-level
   * collection (the operations of a history written as one vector); undefined for anything else.
   */
  positionOf(value: EdnValue): SourcePosition | undefined;
}

type FrameKind = 'vector' | 'list' | 'set' | 'map' | 'tagged' | 'discard';

interface Frame {
  readonly kind: FrameKind;
  /** Offset of the opening bracket, `#` or `#_`. */
  readonly open: number;
  readonly items: EdnValue[];
  /** The tag of a `tagged` frame. */
  readonly tag: string;
}

const closerOf: Readonly<Record<FrameKind, string>> = { vector: ']', list: ')', set: '}', map: '}', tagged: '', discard: '' };
const openerOf: Readonly<Record<FrameKind, string>> = { vector: '[', list: '(', set: '#{', map: '{', tagged: '#', discard: '#_' };
const whitespace = new Set([' ', '\t', '\n', '\r', '\f', '\v', ',', '\uFEFF']);
/** Characters that end a token (symbol, keyword, number, character name). */
const terminators = new Set([...whitespace, '(', ')', '[', ']', '{', '}', '"', ';', '\\', '@', '^', '`', '~']);
const readerMacros = new Set(["'", '@', '^', '`', '~']);
const namedChars: Readonly<Record<string, string>> = { newline: '\n', space: ' ', tab: '\t', return: '\r', backspace: '\b', formfeed: '\f' };
const stringEscapes: Readonly<Record<string, string>> = { t: '\t', r: '\r', n: '\n', b: '\b', f: '\f', '\\': '\\', '"': '"' };
const integerPattern = /^([+-]?)(0|[1-9][0-9]*|0[xX][0-9a-fA-F]+)N?$/;
const ratioPattern = /^([+-]?[0-9]+)\/([0-9]+)$/;
const floatPattern = /^[+-]?(?:0|[1-9][0-9]*)(?:(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?M|\.[0-9]*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)$/;
const hex4Pattern = /^[0-9a-fA-F]{4}$/;

function isCollection(value: EdnValue): value is EdnCollection {
  return typeof value === 'object' && value !== null && value.kind !== 'keyword' && value.kind !== 'symbol' && value.kind !== 'char';
}

/** Show a piece of the text in a message: quoted, one line, short. */
function showText(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

class Reader {
  private offset = 0;
  private readonly stack: Frame[] = [];
  private readonly forms: EdnForm[] = [];
  /** Start offsets of the collections at depth 0 and 1 (deeper ones are not asked for; a map per value would cost more than the reading). */
  private readonly offsets = new Map<object, number>();
  /** Keywords and symbols repeat on every line of a history: one immutable object per name. */
  private readonly keywords = new Map<string, EdnKeyword>();
  private readonly symbols = new Map<string, EdnSymbol>();
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  read(): EdnDocument {
    const text = this.text;
    while (true) {
      this.skipWhitespace();
      if (this.offset >= text.length) break;
      const start = this.offset;
      const c = text[start] as string;
      if (c === '(' || c === '[' || c === '{') {
        this.push(c === '(' ? 'list' : c === '[' ? 'vector' : 'map', start, '');
        this.offset++;
      } else if (c === ')' || c === ']' || c === '}') {
        this.close(c);
      } else if (c === '"') {
        this.emit(this.readString(), start);
      } else if (c === '\\') {
        this.emit(this.readChar(), start);
      } else if (c === '#') {
        this.dispatch(start);
      } else if (readerMacros.has(c)) {
        this.fail(start, `${showText(c)} (a Clojure reader macro) is not EDN`);
      } else {
        const token = this.readToken();
        this.emit(this.parseToken(token, start), start);
      }
    }
    const open = this.stack[this.stack.length - 1];
    if (open !== undefined) {
      const what = open.kind === 'tagged' ? `#${open.tag} has no value` : open.kind === 'discard' ? '#_ has nothing to discard' : `${openerOf[open.kind]} is never closed`;
      this.fail(open.open, `${what} (the input ends at line ${this.positionAt(text.length).line})`);
    }
    const offsets = this.offsets;
    return {
      forms: this.forms,
      positionOf: (value) => {
        if (!isCollection(value)) return undefined;
        const at = offsets.get(value);
        return at === undefined ? undefined : this.positionAt(at);
      },
    };
  }

  positionAt(offset: number): SourcePosition {
    if (this.lineStarts === undefined) {
      const starts = [0];
      for (let index = this.text.indexOf('\n'); index >= 0; index = this.text.indexOf('\n', index + 1)) starts.push(index + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }

  private fail(offset: number, detail: string): never {
    const { line, column } = this.positionAt(offset);
    throw new HistoryInputError(line, detail, column);
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.offset < text.length) {
      const c = text[this.offset] as string;
      if (whitespace.has(c)) this.offset++;
      else if (c === ';') {
        const end = text.indexOf('\n', this.offset);
        this.offset = end < 0 ? text.length : end + 1;
      } else break;
    }
  }

  private push(kind: FrameKind, open: number, tag: string): void {
    if (this.stack.length >= ednDepthMax) this.fail(open, `nesting deeper than ${ednDepthMax} collections or tags`);
    this.stack.push({ kind, open, items: [], tag });
  }

  private close(closer: string): void {
    const at = this.offset;
    const frame = this.stack.pop();
    if (frame === undefined) this.fail(at, `unexpected ${closer}: nothing is open`);
    if (frame.kind === 'tagged' || frame.kind === 'discard') {
      this.fail(at, `${frame.kind === 'tagged' ? `#${frame.tag}` : '#_'} needs a value before ${closer}`);
    }
    if (closerOf[frame.kind] !== closer) {
      const { line, column } = this.positionAt(frame.open);
      this.fail(at, `expected ${closerOf[frame.kind]} to close the ${openerOf[frame.kind]} at line ${line}, column ${column} (got ${closer})`);
    }
    this.offset++;
    let value: EdnCollection;
    if (frame.kind === 'map') {
      if (frame.items.length % 2 !== 0) this.fail(frame.open, `a map needs an even number of forms, keys and values (got ${frame.items.length})`);
      const entries: Array<readonly [EdnValue, EdnValue]> = [];
      for (let index = 0; index < frame.items.length; index += 2) entries.push([frame.items[index] as EdnValue, frame.items[index + 1] as EdnValue]);
      value = { kind: 'map', entries };
    } else {
      value = { kind: frame.kind, items: frame.items };
    }
    this.emit(value, frame.open);
  }

  /** Hand a complete value to the innermost open frame (closing any tags it completes), or make it a form. */
  private emit(value: EdnValue, start: number): void {
    let current = value;
    let currentStart = start;
    while (true) {
      if (this.stack.length <= 1 && isCollection(current)) this.offsets.set(current, currentStart);
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) {
        if (this.forms.length >= ednFormsMax) this.fail(currentStart, `a history has at most ${ednFormsMax} top-level forms`);
        this.forms.push({ value: current, ...this.positionAt(currentStart) });
        return;
      }
      if (frame.kind === 'discard') {
        this.stack.pop();
        return;
      }
      if (frame.kind !== 'tagged') {
        frame.items.push(current);
        return;
      }
      this.stack.pop();
      current = { kind: 'tagged', tag: frame.tag, value: current };
      currentStart = frame.open;
    }
  }

  private dispatch(start: number): void {
    const next = this.text[start + 1];
    if (next === '{') {
      this.push('set', start, '');
      this.offset = start + 2;
    } else if (next === '_') {
      this.push('discard', start, '');
      this.offset = start + 2;
    } else if (next === '#') {
      this.offset = start + 2;
      const name = this.readToken();
      const symbolic: Readonly<Record<string, number>> = { Inf: Number.POSITIVE_INFINITY, '-Inf': Number.NEGATIVE_INFINITY, NaN: Number.NaN };
      if (!Object.hasOwn(symbolic, name)) this.fail(start, `expected ##Inf, ##-Inf or ##NaN (got ${showText(`##${name}`)})`);
      this.emit(symbolic[name] as number, start);
    } else if (next !== undefined && /\p{L}/u.test(next)) {
      this.offset = start + 1;
      const tag = this.readToken();
      this.push('tagged', start, tag);
    } else if (next === '"') {
      this.fail(start, 'regular expressions #"..." are not EDN');
    } else if (next === ':') {
      this.fail(start, 'namespaced maps #:ns{...} are not supported; write the keys in full');
    } else {
      this.fail(start, `expected #{, #_, ## or a tag after # (got ${next === undefined ? 'the end of input' : showText(`#${next}`)})`);
    }
  }

  private readToken(): string {
    const text = this.text;
    const start = this.offset;
    let end = start;
    while (end < text.length && !terminators.has(text[end] as string)) end++;
    this.offset = end;
    return text.slice(start, end);
  }

  private parseToken(token: string, start: number): EdnValue {
    assert(token.length > 0, 'a token starts at a character that does not end one');
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (/^[+-]?[0-9]/.test(token)) {
      const integer = integerPattern.exec(token);
      if (integer !== null) {
        const magnitude = BigInt(integer[2] as string); // decimal, or 0x... hexadecimal
        return integer[1] === '-' ? -magnitude : magnitude;
      }
      if (floatPattern.test(token)) return Number(token.endsWith('M') ? token.slice(0, -1) : token);
      const ratio = ratioPattern.exec(token);
      if (ratio !== null) {
        const denominator = Number(ratio[2]);
        if (denominator === 0) this.fail(start, `a ratio needs a denominator other than 0 (got ${showText(token)})`);
        return Number(ratio[1]) / denominator;
      }
      this.fail(start, `invalid number ${showText(token)}`);
    }
    if (/^[+\-.][0-9]/.test(token)) this.fail(start, `invalid number ${showText(token)}`);
    if (token.startsWith(':')) {
      const name = token.slice(1);
      if (name === '' || name.startsWith(':') || (name !== '/' && (name.startsWith('/') || name.endsWith('/')))) {
        this.fail(start, `invalid keyword ${showText(token)}`);
      }
      let interned = this.keywords.get(name);
      if (interned === undefined) this.keywords.set(name, (interned = keyword(name)));
      return interned;
    }
    if (token !== '/' && (token.startsWith('/') || token.endsWith('/'))) this.fail(start, `invalid symbol ${showText(token)}`);
    let interned = this.symbols.get(token);
    if (interned === undefined) this.symbols.set(token, (interned = symbol(token)));
    return interned;
  }

  private readString(): EdnValue {
    const text = this.text;
    const start = this.offset;
    let out = '';
    let runStart = start + 1;
    let index = start + 1;
    while (true) {
      if (index >= text.length) this.fail(start, 'a string is never closed (no matching ")');
      const c = text[index] as string;
      if (c === '"') break;
      if (c !== '\\') {
        index++;
        continue;
      }
      out += text.slice(runStart, index);
      const escape = text[index + 1];
      if (escape === 'u') {
        const hex = text.slice(index + 2, index + 6);
        if (!hex4Pattern.test(hex)) this.fail(index, `expected four hex digits after \\u (got ${showText(hex)})`);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        index += 6;
      } else if (escape !== undefined && Object.hasOwn(stringEscapes, escape)) {
        out += stringEscapes[escape];
        index += 2;
      } else {
        this.fail(index, `unknown escape ${escape === undefined ? '\\ at the end of input' : showText(`\\${escape}`)} in a string`);
      }
      runStart = index;
    }
    out += text.slice(runStart, index);
    this.offset = index + 1;
    return out;
  }

  private readChar(): EdnValue {
    const start = this.offset;
    if (start + 1 >= this.text.length) this.fail(start, 'a character literal \\ needs a character');
    this.offset = start + 2;
    const name = (this.text[start + 1] as string) + this.readToken();
    if (name.length === 1) return { kind: 'char', char: name };
    if (Object.hasOwn(namedChars, name)) return { kind: 'char', char: namedChars[name] as string };
    if (name.length === 5 && name[0] === 'u' && hex4Pattern.test(name.slice(1))) return { kind: 'char', char: String.fromCharCode(Number.parseInt(name.slice(1), 16)) };
    return this.fail(start, `unknown character literal ${showText(`\\${name}`)}`);
  }
}

/** Read every top-level form of an EDN text. Throws HistoryInputError (line, column) on malformed text. */
export function readEdn(text: string): EdnDocument {
  assert(typeof text === 'string', 'EDN text must be a string');
  return new Reader(text).read();
}
