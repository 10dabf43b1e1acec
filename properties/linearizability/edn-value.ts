// The values an EDN text holds, as plain immutable data: what edn-reader.ts produces and edn-printer.ts
// writes. Integers are bigint (Jepsen's nanosecond times pass 2^53), floats are number, so `1` and `1.0`
// stay apart; nil is null. Collections keep their items in text order; sets and maps are not
// deduplicated (a history reader only looks keys up, and the first entry wins).

export type EdnValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | EdnKeyword
  | EdnSymbol
  | EdnChar
  | EdnVector
  | EdnList
  | EdnSet
  | EdnMap
  | EdnTagged;

export interface EdnKeyword {
  readonly kind: 'keyword';
  /** Without the colon: `:type` has name `type`, `:a/b` has `a/b`. */
  readonly name: string;
}

export interface EdnSymbol {
  readonly kind: 'symbol';
  readonly name: string;
}

export interface EdnChar {
  readonly kind: 'char';
  /** One UTF-16 code unit (EDN's \uXXXX cannot name more). */
  readonly char: string;
}

export interface EdnVector {
  readonly kind: 'vector';
  readonly items: readonly EdnValue[];
}

export interface EdnList {
  readonly kind: 'list';
  readonly items: readonly EdnValue[];
}

export interface EdnSet {
  readonly kind: 'set';
  readonly items: readonly EdnValue[];
}

export interface EdnMap {
  readonly kind: 'map';
  readonly entries: ReadonlyArray<readonly [EdnValue, EdnValue]>;
}

/** `#inst "..."`, `#uuid "..."`, or a record such as `#jepsen.history.Op{...}`: the tag and the value it wraps. */
export interface EdnTagged {
  readonly kind: 'tagged';
  readonly tag: string;
  readonly value: EdnValue;
}

export type EdnCollection = EdnVector | EdnList | EdnSet | EdnMap | EdnTagged;

export function keyword(name: string): EdnKeyword {
  return { kind: 'keyword', name };
}

export function symbol(name: string): EdnSymbol {
  return { kind: 'symbol', name };
}

export function isKeyword(value: EdnValue | undefined, name?: string): value is EdnKeyword {
  return typeof value === 'object' && value !== null && value.kind === 'keyword' && (name === undefined || value.name === name);
}

export function isEdnMap(value: EdnValue | undefined): value is EdnMap {
  return typeof value === 'object' && value !== null && value.kind === 'map';
}

/** A vector or list: the two sequential collections (Jepsen writes tuples as vectors, some tools as lists). */
export function sequentialItems(value: EdnValue | undefined): readonly EdnValue[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return value.kind === 'vector' || value.kind === 'list' ? value.items : undefined;
}

/** The value under keyword `:name` (the first such entry), or undefined when the map has none. */
export function mapGet(map: EdnMap, name: string): EdnValue | undefined {
  for (const [key, value] of map.entries) if (isKeyword(key, name)) return value;
  return undefined;
}

export function hasKey(map: EdnMap, name: string): boolean {
  return map.entries.some(([key]) => isKeyword(key, name));
}
