/**
 * The compact schema of built-in kinds in builtin-schemas.generated.ts, and what one node of it
 * accepts. scripts/generate-builtin-schemas.ts writes it from kubernetes-models and checks, for every
 * field, that `checkLeaf` below gives the same verdict as kubernetes-models' own validator.
 *
 * A node is written as a short code:
 *
 * - `@Name`: an object of definition `Name` (its fields, required fields and semantic checks);
 * - `[]<code>`: a list of `<code>`; `{}<code>`: a map of string to `<code>`;
 * - a leaf: the JSON types it accepts (`s` string, `i` integer, `n` number, `b` boolean, `o` object,
 *   `a` array, or `*` for anything), then `:<format>` and `#<n>` (an index into the enum table) if any;
 * - a leading `?` on any of these: `null` is accepted too.
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export type SchemaNode =
  | { readonly kind: 'leaf'; readonly nullable: boolean; readonly types?: readonly JsonType[]; readonly format?: string; readonly enumValues?: readonly unknown[] }
  | { readonly kind: 'ref'; readonly nullable: boolean; readonly def: string }
  | { readonly kind: 'array'; readonly nullable: boolean; readonly items: SchemaNode }
  | { readonly kind: 'map'; readonly nullable: boolean; readonly values: SchemaNode };

/** One definition: its fields (name → code) and required fields. */
export interface DefinitionData {
  readonly p: Readonly<Record<string, string>>;
  /** @default - none: no required fields */
  readonly r?: readonly string[];
}

/** The shape of the generated data. */
export interface BuiltinSchemaData {
  /** `<apiVersion>|<kind>` → root definition name. */
  readonly kinds: Readonly<Record<string, string>>;
  /** Definition name → `DefinitionData` as JSON, parsed on first use. */
  readonly definitions: Readonly<Record<string, string>>;
  /** Enum values, referenced by index from leaf codes. */
  readonly enums: readonly (readonly unknown[])[];
}

export const TYPE_LETTERS: Readonly<Record<string, JsonType>> = {
  s: 'string', i: 'integer', n: 'number', b: 'boolean', o: 'object', a: 'array',
};

export const LETTER_OF_TYPE: Readonly<Record<JsonType, string>> = {
  string: 's', integer: 'i', number: 'n', boolean: 'b', object: 'o', array: 'a',
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// k8s.io/apimachinery pkg/api/resource/quantity.go, as kubernetes-models checks it
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|(?:[YZEPTGMkhdcmunpfazy]|da)|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/;
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$/i;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]);
}

function isTimeWithZone(text: string): boolean {
  const m = TIME.exec(text);
  if (!m || !m[5]) return false;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (hour <= 23 && minute <= 59 && second <= 59) || (hour === 23 && minute === 59 && second === 60);
}

/** The formats kubernetes-models checks on built-in kinds (ajv-formats plus its own byte and quantity). */
export const FORMATS: Readonly<Record<string, { readonly type: 'number' | 'string'; readonly test: (value: any) => boolean }>> = {
  'int32': { type: 'number', test: v => Number.isInteger(v) && v <= 2 ** 31 - 1 && v >= -(2 ** 31) },
  // like ajv-formats: beyond 2^53 a JSON number has lost its precision anyway
  'int64': { type: 'number', test: v => Number.isInteger(v) },
  'double': { type: 'number', test: () => true },
  'byte': { type: 'string', test: v => BASE64.test(v) },
  'quantity': { type: 'string', test: v => QUANTITY.test(v) },
  'date-time': {
    type: 'string',
    test: (v: string) => {
      const parts = v.split(/t|\s/i);
      return parts.length === 2 && isDate(parts[0]) && isTimeWithZone(parts[1]);
    },
  },
};

export function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/** Why a leaf does not accept a value, in ajv's terms, or undefined when it does. */
export type LeafProblem =
  | { readonly keyword: 'type'; readonly types: readonly JsonType[] }
  | { readonly keyword: 'enum'; readonly values: readonly unknown[] }
  | { readonly keyword: 'format'; readonly format: string };

export function checkLeaf(value: unknown, node: Extract<SchemaNode, { kind: 'leaf' }>): LeafProblem | undefined {
  if (value === null) {
    return node.nullable ? undefined : { keyword: 'type', types: node.types ?? ['object'] };
  }
  if (node.types && !node.types.some(t => hasType(value, t))) return { keyword: 'type', types: node.types };
  if (node.enumValues && !node.enumValues.includes(value)) return { keyword: 'enum', values: node.enumValues };
  if (node.format) {
    const format = FORMATS[node.format];
    if (!format) throw new Error(`builtin schema: unknown format ${node.format}`);
    if (typeof value === format.type && !format.test(value)) return { keyword: 'format', format: node.format };
  }
  return undefined;
}

/** Parses a node code (see the top of this file); `enums` resolves `#<n>`. */
export function parseCode(code: string, enums: readonly (readonly unknown[])[]): SchemaNode {
  let rest = code;
  const nullable = rest.startsWith('?');
  if (nullable) rest = rest.slice(1);
  if (rest.startsWith('[]')) return { kind: 'array', nullable, items: parseCode(rest.slice(2), enums) };
  if (rest.startsWith('{}')) return { kind: 'map', nullable, values: parseCode(rest.slice(2), enums) };
  if (rest.startsWith('@')) return { kind: 'ref', nullable, def: rest.slice(1) };
  const m = /^(\*|[sinboa]+)(?::([a-z0-9-]+))?(?:#(\d+))?$/.exec(rest);
  if (!m) throw new Error(`builtin schema: bad code ${JSON.stringify(code)}`);
  const types = m[1] === '*' ? undefined : [...m[1]].map(letter => TYPE_LETTERS[letter]);
  const enumValues = m[3] !== undefined ? enums[Number(m[3])] : undefined;
  if (m[3] !== undefined && !enumValues) throw new Error(`builtin schema: no enum #${m[3]}`);
  return { kind: 'leaf', nullable, types, format: m[2], enumValues };
}

/** The code of a leaf; the inverse of `parseCode` for leaves. */
export function leafCode(leaf: { nullable: boolean; types?: readonly JsonType[]; format?: string; enumIndex?: number }): string {
  const types = leaf.types ? leaf.types.map(t => LETTER_OF_TYPE[t]).join('') : '*';
  return `${leaf.nullable ? '?' : ''}${types}${leaf.format ? `:${leaf.format}` : ''}${leaf.enumIndex !== undefined ? `#${leaf.enumIndex}` : ''}`;
}
