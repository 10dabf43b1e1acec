// Proves the EDN reader reads what Jepsen histories contain (collections, keywords, escapes, big and
// negative integers, floats, tags, comments, commas, discards) with the position of every form, rejects
// malformed text with a one-line HistoryInputError naming line and column, and, fuzzed with fast-check,
// never throws anything else for any text (deep nesting included), and reads back equal whatever the
// printer writes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printEdn, showEdn } from './edn-printer.js';
import { ednDepthMax, readEdn } from './edn-reader.js';
import { keyword, symbol, type EdnValue, type EdnVector } from './edn-value.js';
import { HistoryInputError } from './history-input-error.js';

const values = (text: string): EdnValue[] => readEdn(text).forms.map((form) => form.value);
const one = (text: string): EdnValue => {
  const forms = values(text);
  expect(forms).toHaveLength(1);
  return forms[0]!;
};

function errorOf(text: string): HistoryInputError {
  try {
    readEdn(text);
  } catch (error) {
    if (error instanceof HistoryInputError) return error;
    throw error;
  }
  throw new Error(`expected a HistoryInputError for ${JSON.stringify(text)}`);
}

describe('reading', () => {
  it('reads scalars: nil, booleans, integers of any size, floats, strings, keywords, symbols, characters', () => {
    expect(values('nil true false')).toEqual([null, true, false]);
    expect(values('0 -7 +3 42N 1589367458073308289 -123456789012345678901234567890')).toEqual([0n, -7n, 3n, 42n, 1589367458073308289n, -123456789012345678901234567890n]);
    expect(values('1.5 -0.25 1e3 2.5E-2 7M 1.0M 3. ##Inf ##-Inf')).toEqual([1.5, -0.25, 1000, 0.025, 7, 1, 3, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(Number.isNaN(one('##NaN'))).toBe(true);
    // Clojure's printer, not EDN, but found in Jepsen histories: hex in #object[...], ratios.
    expect(values('0x1f -0XFFN 1/4 -3/2')).toEqual([31n, -255n, 0.25, -1.5]);
    expect(one(String.raw`"tab\there \"quoted\" back\\slash \n \r \b \f \u00e9 \u2603"`)).toBe('tab\there "quoted" back\\slash \n \r \b \f é ☃');
    expect(one('"a\nreal newline"')).toBe('a\nreal newline');
    expect(values(':type :jepsen.history/op :- :a.b/c?')).toEqual([keyword('type'), keyword('jepsen.history/op'), keyword('-'), keyword('a.b/c?')]);
    expect(values('foo + - / a.b/c* <=> nil? x#')).toEqual(['foo', '+', '-', '/', 'a.b/c*', '<=>', 'nil?', 'x#'].map(symbol));
    expect(values(String.raw`\a \newline \space \tab \return \u0041 \(`)).toEqual(['a', '\n', ' ', '\t', '\r', 'A', '('].map((char) => ({ kind: 'char', char })));
  });

  it('reads maps, vectors, lists, sets and nesting, with commas as whitespace and comments', () => {
    const value = one('{:type :invoke, :f :cas, :value [1 2], :nodes #{"n1" "n2"}, :seq (1 (2)) ; a comment\n :empty {}}');
    expect(value).toEqual({
      kind: 'map',
      entries: [
        [keyword('type'), keyword('invoke')],
        [keyword('f'), keyword('cas')],
        [keyword('value'), { kind: 'vector', items: [1n, 2n] }],
        [keyword('nodes'), { kind: 'set', items: ['n1', 'n2'] }],
        [keyword('seq'), { kind: 'list', items: [1n, { kind: 'list', items: [2n] }] }],
        [keyword('empty'), { kind: 'map', entries: [] }],
      ],
    });
  });

  it('reads tagged literals around any value, including records written without a space', () => {
    expect(values('#inst "2026-12-02T10:49:19.000-00:00" #uuid "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"')).toEqual([
      { kind: 'tagged', tag: 'inst', value: '2026-12-02T10:49:19.000-00:00' },
      { kind: 'tagged', tag: 'uuid', value: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6' },
    ]);
    expect(one('#jepsen.history.Op{:index 0, :type :invoke}')).toEqual({
      kind: 'tagged',
      tag: 'jepsen.history.Op',
      value: { kind: 'map', entries: [[keyword('index'), 0n], [keyword('type'), keyword('invoke')]] },
    });
    expect(one('#object[java.lang.Exception 0x1f "boom"]')).toMatchObject({ kind: 'tagged', tag: 'object', value: { kind: 'vector' } });
    expect(one('#a #b 1')).toEqual({ kind: 'tagged', tag: 'a', value: { kind: 'tagged', tag: 'b', value: 1n } });
  });

  it('discards the form after #_, nested or not', () => {
    expect(values('1 #_ 2 3 [4 #_ #_ 5 6 7] #_{:a 1}')).toEqual([1n, 3n, { kind: 'vector', items: [4n, 7n] }]);
    expect(one('{:a #_ :skipped 1}')).toEqual({ kind: 'map', entries: [[keyword('a'), 1n]] });
  });

  it('gives the line and column where each form and each collection starts', () => {
    const text = '\uFEFF{:a 1}\n  [{:b 2}\n   {:c 3}]\n;; done\n:last';
    const document = readEdn(text);
    expect(document.forms.map(({ line, column }) => [line, column])).toEqual([[1, 2], [2, 3], [5, 1]]);
    const vector = document.forms[1]!.value as EdnVector;
    expect(vector.items.map((item) => document.positionOf(item))).toEqual([{ line: 2, column: 4 }, { line: 3, column: 4 }]);
    expect(document.positionOf(keyword('a'))).toBeUndefined();
    expect(readEdn('{:a 1}\r\n\r\n  {:b 2}\r\n').forms.map(({ line, column }) => [line, column])).toEqual([[1, 1], [3, 3]]);
  });

  it('reads an empty text, or one of only whitespace and comments, as no forms', () => {
    expect(values('')).toEqual([]);
    expect(values(' ,,\n; nothing here\n\t')).toEqual([]);
  });
});

describe('malformed text', () => {
  it.each([
    ['[1 2', 'line 1, column 1: [ is never closed (the input ends at line 1)'],
    ['{:a 1\n :b', 'line 1, column 1: { is never closed (the input ends at line 2)'],
    ['(1]', 'line 1, column 3: expected ) to close the ( at line 1, column 1 (got ])'],
    ['1\n  )', 'line 2, column 3: unexpected ): nothing is open'],
    ['{:a}', 'line 1, column 1: a map needs an even number of forms, keys and values (got 1)'],
    ['"abc', 'line 1, column 1: a string is never closed (no matching ")'],
    [String.raw`"a\qb"`, String.raw`line 1, column 3: unknown escape "\\q" in a string`],
    [String.raw`"\u12"`, 'line 1, column 2: expected four hex digits after \\u (got "12\\"")'],
    ['01', 'line 1, column 1: invalid number "01"'],
    ['0xG', 'line 1, column 1: invalid number "0xG"'],
    ['017', 'line 1, column 1: invalid number "017"'],
    ['1/0', 'line 1, column 1: a ratio needs a denominator other than 0 (got "1/0")'],
    ['1/2/3', 'line 1, column 1: invalid number "1/2/3"'],
    ['.5', 'line 1, column 1: invalid number ".5"'],
    ['::auto', 'line 1, column 1: invalid keyword "::auto"'],
    [':', 'line 1, column 1: invalid keyword ":"'],
    ['a/', 'line 1, column 1: invalid symbol "a/"'],
    ["'quoted", 'line 1, column 1: "\'" (a Clojure reader macro) is not EDN'],
    ['@deref', 'line 1, column 1: "@" (a Clojure reader macro) is not EDN'],
    ['#"regex"', 'line 1, column 1: regular expressions #"..." are not EDN'],
    ['#:ns{:a 1}', 'line 1, column 1: namespaced maps #:ns{...} are not supported; write the keys in full'],
    ['#', 'line 1, column 1: expected #{, #_, ## or a tag after # (got the end of input)'],
    ['##Bad', 'line 1, column 1: expected ##Inf, ##-Inf or ##NaN (got "##Bad")'],
    ['[#inst]', 'line 1, column 7: #inst needs a value before ]'],
    ['#inst', 'line 1, column 1: #inst has no value (the input ends at line 1)'],
    ['[#_]', 'line 1, column 4: #_ needs a value before ]'],
    [String.raw`\abc`, 'line 1, column 1: unknown character literal "\\\\abc"'],
    ['\\', 'line 1, column 1: a character literal \\ needs a character'],
  ])('%j', (text, message) => {
    const error = errorOf(text);
    expect(error.message).toBe(message);
    expect(error.line).toBeGreaterThan(0);
    expect(error.column).toBeGreaterThan(0);
  });

  it('bounds nesting instead of overflowing the stack', () => {
    expect(values(`${'['.repeat(ednDepthMax)}${']'.repeat(ednDepthMax)}`)).toHaveLength(1);
    expect(errorOf('['.repeat(ednDepthMax + 1)).message).toBe(`line 1, column ${ednDepthMax + 1}: nesting deeper than ${ednDepthMax} collections or tags`);
    expect(errorOf('#t '.repeat(200_000)).message).toMatch(/nesting deeper than/);
  });
});

describe('printing', () => {
  it('writes Clojure style and keeps floats floats', () => {
    const op: EdnValue = { kind: 'map', entries: [[keyword('type'), keyword('invoke')], [keyword('value'), { kind: 'vector', items: [1n, null] }], [keyword('t'), 2], [keyword('z'), -0]] };
    expect(printEdn(op)).toBe('{:type :invoke, :value [1 nil], :t 2.0, :z -0.0}');
    expect(printEdn({ kind: 'set', items: [{ kind: 'char', char: '\n' }, { kind: 'char', char: 'é' }, { kind: 'list', items: [] }] })).toBe('#{\\newline \\u00e9 ()}');
    expect(printEdn({ kind: 'tagged', tag: 'inst', value: '2026' })).toBe('#inst "2026"');
  });

  it('prints deep values without recursion, and shortens values for messages', () => {
    let deep: EdnValue = null;
    for (let depth = 0; depth < 100_000; depth++) deep = { kind: 'vector', items: [deep] };
    expect(printEdn(deep)).toHaveLength(200_003);
    expect(showEdn(deep)).toBe(`${'['.repeat(57)}...`);
    expect(showEdn(undefined)).toBe('nothing');
    expect(showEdn('a\nb')).toBe('"a\\nb"');
  });
});

describe('fuzzing', () => {
  const readsOrRejects = (text: string): void => {
    try {
      readEdn(text);
    } catch (error) {
      if (!(error instanceof HistoryInputError)) throw error;
      expect(error.message).not.toContain('\n');
      expect(error.line).toBeGreaterThan(0);
      expect(error.line).toBeLessThanOrEqual(text.split('\n').length);
      expect(error.column).toBeGreaterThan(0);
    }
  };
  const ednish = fc.constantFrom(...'()[]{}#_:;"\\ ,\n0123456789.+-eENMabc/\'@^`~!?*<>=&%$'.split(''), '##', '#{', '#_', 'nil', ':type', '\\u', '"\\"');

  it('random text never throws anything but HistoryInputError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), readsOrRejects), { numRuns: 1000 });
    fc.assert(fc.property(fc.array(ednish, { maxLength: 80 }), (pieces) => readsOrRejects(pieces.join(''))), { numRuns: 3000 });
  });

  const firstChars = [...'abcxyzABC*!_?$%&=<>'];
  const restChars = [...'abcxyz019*!_?$%&=<>.+-#\''];
  const name = fc
    .tuple(fc.constantFrom(...firstChars), fc.string({ unit: fc.constantFrom(...restChars), maxLength: 6 }), fc.option(fc.string({ unit: fc.constantFrom(...'abz19-'), minLength: 1, maxLength: 4 })))
    .map(([first, rest, suffix]) => (suffix === null ? `${first}${rest}` : `${first}${rest}/${suffix.startsWith('-') ? `x${suffix}` : suffix}`))
    .filter((text) => !['nil', 'true', 'false'].includes(text));
  const tag = fc.tuple(fc.constantFrom(...'abcXYZ'), fc.string({ unit: fc.constantFrom(...'abc.XY-0'), maxLength: 8 })).map(([first, rest]) => first + rest);
  const { value } = fc.letrec<{ value: EdnValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.bigInt(),
      fc.double(),
      fc.string({ unit: 'binary', maxLength: 12 }),
      name.map(keyword),
      name.map(symbol),
      fc.integer({ min: 0, max: 0xffff }).map((code) => ({ kind: 'char' as const, char: String.fromCharCode(code) })),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => ({ kind: 'vector' as const, items })),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => ({ kind: 'list' as const, items })),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => ({ kind: 'set' as const, items })),
      fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((entries) => ({ kind: 'map' as const, entries })),
      fc.tuple(tag, tie('value')).map(([tagName, inner]) => ({ kind: 'tagged' as const, tag: tagName, value: inner })),
    ),
  }));

  it('reads back equal whatever it prints (one form, and many separated by newlines)', () => {
    fc.assert(
      fc.property(value, (original) => {
        expect(one(printEdn(original))).toEqual(original);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (forms) => {
        expect(values(forms.map((form) => printEdn(form)).join('\n'))).toEqual(forms);
      }),
      { numRuns: 300 },
    );
  });

  it('a printed text cut short or with a character dropped is read or rejected, never thrown otherwise', () => {
    fc.assert(
      fc.property(value, fc.nat(), (original, cut) => {
        const text = printEdn(original);
        readsOrRejects(text.slice(0, cut % (text.length + 1)));
        readsOrRejects(text.slice(0, cut % (text.length + 1)) + text.slice((cut % (text.length + 1)) + 1));
      }),
      { numRuns: 1000 },
    );
  });
});
