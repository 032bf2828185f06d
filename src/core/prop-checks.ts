import { Construct } from 'constructs';
import { invalidInput } from './errors';
import { STRUCTS } from './prop-types.generated';
import { GENERAL_RULES } from './rules';
import { beforeConstruct } from './stand-in';

/**
 * Checks a construct's props against the types its jsii assembly declares (src/core/prop-types.generated.ts), for
 * JavaScript callers, whom TypeScript does not check: a missing required prop, or a prop of the wrong JavaScript type
 * (a number where a string is declared, a string where an object is), fails with the construct path, the prop path, the
 * value and the declared type (GEN-80) instead of a TypeError somewhere in the constructor.
 *
 * Call it first in the constructor, before anything reads props (before `super` when the super call reads them):
 * `checkProps(scope, id, 'NodePoolProps', props);`. It checks JavaScript types only (class instances are objects,
 * enums strings or numbers); values are the constructor's own checks.
 *
 * The type strings are parsed once, on first use; a check allocates nothing unless it fails.
 */
export function checkProps(scope: Construct, id: string, struct: string, props: unknown): void {
  const node = structNode(struct);
  if (props === undefined && node.required.length === 0) return;
  const mismatch = isRecord(props) ? checkStruct(props, node) : { value: props, expected: node.type, missing: props === undefined, path: [] };
  if (mismatch) throw propsError(scope, id, node, mismatch);
}

enum Kind { ANY, STRING, NUMBER, BOOLEAN, DATE, OBJECT, ENUM, STRUCT, ARRAY, MAP, UNION }

interface TypeNode {
  readonly kind: Kind;
  /** The type's name without its assembly, for messages (objects, enums and structs). */
  readonly name: string;
  /** Of arrays and maps. @default - none: not an array or map */
  readonly element?: TypeNode;
  /** Of unions. @default - none: not a union */
  readonly members?: readonly TypeNode[];
  /** Of structs. @default - none: not a struct */
  readonly struct?: StructNode;
}

interface PropNode {
  readonly name: string;
  readonly required: boolean;
  readonly type: TypeNode;
}

interface StructNode {
  readonly type: TypeNode;
  /** Own and inherited properties (a prototype-less object: faster than a Map for these lookups). */
  readonly byName: { [prop: string]: PropNode | undefined };
  readonly required: PropNode[];
}

interface Mismatch {
  readonly value: unknown;
  readonly expected: TypeNode;
  readonly missing: boolean;
  /** Property names, map keys and array indices, innermost first. */
  readonly path: Array<string | number>;
}

/** The key under which a struct of STRUCTS lists the structs it extends. */
const INHERITS = '...';
const PRIMITIVES: { readonly [name: string]: Kind } = {
  string: Kind.STRING, number: Kind.NUMBER, boolean: Kind.BOOLEAN, date: Kind.DATE, any: Kind.ANY,
};

/** Prop names that read as `a.b` in a path; others read as `a["b-c"]`. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const VOWEL = /^[AEIOU]/;

let structs: Map<string, StructNode> | undefined;
const types = new Map<string, TypeNode>();

function structNode(name: string): StructNode {
  structs ??= compileStructs();
  const node = structs.get(name);
  if (!node) throw new Error(`checkProps: no struct ${name} in src/core/prop-types.generated.ts; run npx projen compile && npx projen generate:prop-types`);
  return node;
}

/** Every struct of STRUCTS, compiled once: a struct's type can name any struct, itself included. */
function compileStructs(): Map<string, StructNode> {
  const nodes = new Map<string, StructNode>();
  for (const name of Object.keys(STRUCTS)) {
    const type: { kind: Kind; name: string; struct?: StructNode } = { kind: Kind.STRUCT, name: shortName(name) };
    const node: StructNode = { type, byName: Object.create(null), required: [] };
    type.struct = node;
    nodes.set(name, node);
  }
  for (const [name, node] of nodes) {
    for (const [prop, type] of Object.entries(STRUCTS[name])) {
      if (prop === INHERITS) continue;
      const required = type.startsWith('!');
      node.byName[prop] = { name: prop, required, type: parseType(required ? type.slice(1) : type, nodes) };
    }
  }
  const inherited = new Set<string>();
  const inherit = (name: string): StructNode => {
    const node = nodes.get(name)!;
    if (inherited.has(name)) return node;
    inherited.add(name);
    for (const base of STRUCTS[name][INHERITS]?.split(' ') ?? []) {
      const byName = inherit(base).byName;
      for (const prop in byName) node.byName[prop] ??= byName[prop];
    }
    for (const prop in node.byName) if (node.byName[prop]!.required) node.required.push(node.byName[prop]!);
    return node;
  };
  for (const name of nodes.keys()) inherit(name);
  return nodes;
}

/** Parses the notation of prop-types.generated.ts: `string`, `T[]`, `map<T>`, `T|U`, `(T|U)[]`, `enum:Name`, a name. */
function parseType(text: string, structNodes: ReadonlyMap<string, StructNode>): TypeNode {
  let node = types.get(text);
  if (node) return node;
  let at = 0;
  const fail = (): never => {
    throw new Error(`checkProps: cannot parse type ${JSON.stringify(text)} at ${at}`);
  };
  const union = (): TypeNode => {
    const members = [postfix()];
    while (text[at] === '|') {
      at++;
      members.push(postfix());
    }
    return members.length === 1 ? members[0] : { kind: Kind.UNION, name: '', members };
  };
  const postfix = (): TypeNode => {
    let type = primary();
    while (text.startsWith('[]', at)) {
      at += 2;
      type = { kind: Kind.ARRAY, name: '', element: type };
    }
    return type;
  };
  const primary = (): TypeNode => {
    if (text[at] === '(') {
      at++;
      const inner = union();
      if (text[at++] !== ')') fail();
      return inner;
    }
    if (text.startsWith('map<', at)) {
      at += 4;
      const element = union();
      if (text[at++] !== '>') fail();
      return { kind: Kind.MAP, name: '', element };
    }
    const start = at;
    while (at < text.length && !'[]()<>|'.includes(text[at])) at++;
    const name = text.slice(start, at);
    if (name === '') fail();
    if (name in PRIMITIVES) return { kind: PRIMITIVES[name], name };
    if (name.startsWith('enum:')) return { kind: Kind.ENUM, name: shortName(name.slice(5)) };
    const struct = structNodes.get(name);
    if (struct) return struct.type;
    return { kind: Kind.OBJECT, name: shortName(name) };
  };
  node = union();
  if (at !== text.length) fail();
  types.set(text, node);
  return node;
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function isRecord(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Props objects set few of their struct's many optional properties, so the given keys are walked, not the declared ones.
function checkStruct(value: { readonly [key: string]: unknown }, struct: StructNode): Mismatch | undefined {
  for (const prop of struct.required) {
    if (value[prop.name] === undefined) return { value: undefined, expected: prop.type, missing: true, path: [prop.name] };
  }
  for (const key in value) {
    const prop = struct.byName[key];
    const v = value[key];
    if (prop === undefined || v === undefined) continue;
    const mismatch = checkValue(v, prop.type);
    if (mismatch) {
      mismatch.path.push(key);
      return mismatch;
    }
  }
  return undefined;
}

function checkValue(value: unknown, type: TypeNode): Mismatch | undefined {
  let ok = false;
  switch (type.kind) {
    case Kind.ANY: return undefined;
    case Kind.STRING: ok = typeof value === 'string'; break;
    case Kind.NUMBER: ok = typeof value === 'number'; break;
    case Kind.BOOLEAN: ok = typeof value === 'boolean'; break;
    case Kind.DATE: ok = value instanceof Date; break;
    case Kind.ENUM: ok = typeof value === 'string' || typeof value === 'number'; break;
    case Kind.OBJECT: ok = isRecord(value) || typeof value === 'function'; break;
    case Kind.STRUCT:
      if (!isRecord(value)) break;
      return checkStruct(value, type.struct!);
    case Kind.ARRAY:
      if (!Array.isArray(value)) break;
      for (let i = 0; i < value.length; i++) {
        const mismatch = checkValue(value[i], type.element!);
        if (mismatch) {
          mismatch.path.push(i);
          return mismatch;
        }
      }
      return undefined;
    case Kind.MAP:
      if (!isRecord(value)) break;
      for (const key in value) {
        const v = value[key];
        const mismatch = v === undefined ? undefined : checkValue(v, type.element!);
        if (mismatch) {
          mismatch.path.push(key);
          return mismatch;
        }
      }
      return undefined;
    case Kind.UNION:
      for (const member of type.members!) if (!checkValue(value, member)) return undefined;
      break;
  }
  return ok ? undefined : { value, expected: type, missing: false, path: [] };
}

function propsError(scope: Construct, id: string, struct: StructNode, mismatch: Mismatch): Error {
  const path = [...mismatch.path].reverse();
  const field = path.length === 0 ? 'props' : path.map((p, i) => typeof p === 'number' ? `[${p}]` : IDENTIFIER.test(p) ? `${i === 0 ? '' : '.'}${p}` : `[${JSON.stringify(p)}]`).join('');
  let allowed = `${mismatch.missing ? 'is required:' : 'must be'} ${describe(mismatch.expected)}`;
  if (path.length === 0 && struct.required.length > 0) allowed += ` with ${list(struct.required.map(p => p.name))}`;
  // the error names the construct's own path, which exists only once the construct does
  const existing = scope.node.tryFindChild(id);
  return existing
    ? invalidInput(existing, GENERAL_RULES['GEN-80'], field, mismatch.value, allowed)
    : beforeConstruct(scope, id, standIn => invalidInput(standIn, GENERAL_RULES['GEN-80'], field, mismatch.value, allowed));
}

function list(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "a string", "an array of ScalerTrigger objects", "an object (NodePoolLimits)". */
function describe(type: TypeNode): string {
  switch (type.kind) {
    case Kind.ANY: return 'any value';
    case Kind.STRING: return 'a string';
    case Kind.NUMBER: return 'a number';
    case Kind.BOOLEAN: return 'a boolean';
    case Kind.DATE: return 'a Date';
    case Kind.OBJECT: return `${VOWEL.test(type.name) ? 'an' : 'a'} ${type.name} object`;
    case Kind.ENUM: return `${VOWEL.test(type.name) ? 'an' : 'a'} ${type.name} value`;
    case Kind.STRUCT: return `an object (${type.name})`;
    case Kind.ARRAY: return `an array of ${plural(type.element!)}`;
    case Kind.MAP: return `an object mapping keys to ${plural(type.element!)}`;
    case Kind.UNION: return type.members!.map(describe).join(' or ');
  }
}

function plural(type: TypeNode): string {
  switch (type.kind) {
    case Kind.ANY: return 'any values';
    case Kind.STRING: return 'strings';
    case Kind.NUMBER: return 'numbers';
    case Kind.BOOLEAN: return 'booleans';
    case Kind.DATE: return 'Dates';
    case Kind.OBJECT: return `${type.name} objects`;
    case Kind.ENUM: return `${type.name} values`;
    case Kind.STRUCT: return `objects (${type.name})`;
    case Kind.ARRAY: return `arrays of ${plural(type.element!)}`;
    case Kind.MAP: return `objects mapping keys to ${plural(type.element!)}`;
    case Kind.UNION: return `values that are each ${describe(type)}`;
  }
}
