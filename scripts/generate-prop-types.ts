/**
 * Writes src/core/prop-types.generated.ts from the jsii assembly (`.jsii`, written by `npx projen compile`): the props
 * struct of every exported construct, and every struct reachable from one, with each property's type reduced to what a
 * plain-JavaScript caller can get wrong (required or not; string, number, boolean, array, map, struct, enum or object).
 * checkProps (src/core/prop-checks.ts) checks constructor props against it. Run with `npx projen generate:prop-types`
 * after `npx projen compile`; never edit the output by hand. test/core/prop-types.test.ts fails when it is stale.
 *
 * Structs of dependencies (cdk8s' ApiObjectMetadata, cdk8s-plus' ContainerResources) are read from their own
 * assemblies in node_modules. The generated L1 classes (the `l1*` submodules) are escape hatches written by cdk8s
 * import and are not described.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
export const ASSEMBLY = path.join(ROOT, '.jsii');
export const OUTPUT = path.join(ROOT, 'src', 'core', 'prop-types.generated.ts');
const MAX_LINE = 150;
/** The key under which a struct lists the structs it extends (not a valid property name). */
export const INHERITS = '...';

/** The parts of the jsii assembly schema (@jsii/spec) this script reads. */
interface TypeRef {
  readonly primitive?: 'string' | 'number' | 'boolean' | 'date' | 'any' | 'json';
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: readonly TypeRef[] };
  readonly intersection?: { readonly types: readonly TypeRef[] };
}
interface Parameter {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly variadic?: boolean;
}
interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
}
interface TypeDef {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly fqn: string;
  readonly name: string;
  readonly namespace?: string;
  readonly abstract?: boolean;
  readonly datatype?: boolean;
  readonly interfaces?: readonly string[];
  readonly properties?: readonly Property[];
  readonly initializer?: { readonly parameters?: readonly Parameter[]; readonly protected?: boolean };
}
interface Assembly {
  readonly name: string;
  readonly types?: { readonly [fqn: string]: TypeDef };
}

/** This package's assembly, and its dependencies' by name. */
export interface Assemblies {
  readonly root: Assembly;
  load(name: string): Assembly;
}

/** This package's assembly from `.jsii`, its dependencies' from their packages in node_modules. */
export function readAssemblies(file: string = ASSEMBLY): Assemblies {
  const root = JSON.parse(fs.readFileSync(file, 'utf8')) as Assembly;
  const cache = new Map<string, Assembly>([[root.name, root]]);
  return {
    root,
    load: name => {
      let assembly = cache.get(name);
      if (!assembly) {
        assembly = JSON.parse(fs.readFileSync(require.resolve(`${name}/.jsii`, { paths: [ROOT] }), 'utf8')) as Assembly;
        cache.set(name, assembly);
      }
      return assembly;
    },
  };
}

/** The description checkProps reads: construct → its props struct, struct → property → type. */
export interface PropTypes {
  readonly constructs: ReadonlyMap<string, string>;
  readonly structs: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Builds the description from the assemblies. Type notation (documented in the output): `!` in front marks a required
 * property; `string`, `number`, `boolean`, `date`, `any`; `T[]`; `map<T>`; `T|U`; a struct's name (a key of STRUCTS);
 * `enum:Name`; any other name is a class or interface, whose instances are objects.
 */
export function buildPropTypes(assemblies: Assemblies = readAssemblies()): PropTypes {
  const root = assemblies.root;
  const rootName = root.name;
  const typeOf = (fqn: string): TypeDef => {
    const def = assemblies.load(fqn.slice(0, fqn.indexOf('.'))).types?.[fqn];
    if (!def) throw new Error(`generate-prop-types: type ${fqn} is not in its assembly`);
    return def;
  };
  // this package's types by their name, others by their fqn: names stay unique and short
  const nameOf = (fqn: string) => fqn.startsWith(`${rootName}.`) ? fqn.slice(rootName.length + 1) : fqn;
  // the generated L1 classes are this package's only submodules (l1NodePools, ...)
  const isGeneratedL1 = (def: TypeDef) => def.fqn.startsWith(`${rootName}.`) && def.namespace !== undefined;

  const structs = new Map<string, Map<string, string>>();
  const pending: string[] = [];
  const describe = (ref: TypeRef, nested: boolean): string => {
    if (ref.primitive) return ref.primitive === 'json' ? 'any' : ref.primitive;
    if (ref.collection) {
      const element = describe(ref.collection.elementtype, true);
      return ref.collection.kind === 'array' ? `${element}[]` : `map<${element}>`;
    }
    if (ref.union) {
      const members = [...new Set(ref.union.types.map(t => describe(t, true)))];
      return nested && members.length > 1 ? `(${members.join('|')})` : members.join('|');
    }
    if (ref.intersection) return 'any'; // jsii allows these only for inputs of classes; not in props today
    if (!ref.fqn) throw new Error(`generate-prop-types: unknown type reference ${JSON.stringify(ref)}`);
    const def = typeOf(ref.fqn);
    const name = nameOf(ref.fqn);
    if (def.kind === 'enum') return `enum:${name}`;
    if (def.kind === 'interface' && def.datatype && !isGeneratedL1(def) && !structs.has(name)) {
      structs.set(name, new Map());
      pending.push(ref.fqn);
    }
    return name;
  };
  const constructs = new Map<string, string>();
  const classes = Object.values(root.types ?? {}).filter(def => def.kind === 'class' && !def.abstract && !isGeneratedL1(def));
  for (const def of classes.sort((a, b) => a.name.localeCompare(b.name))) {
    const params = def.initializer?.parameters ?? [];
    if (def.initializer?.protected || params[0]?.type.fqn !== 'constructs.Construct' || params[1]?.type.primitive !== 'string') continue;
    if (params.length === 2) continue; // no props to check
    const props = params[2];
    if (params.length !== 3 || !props.type.fqn || !typeOf(props.type.fqn).datatype) {
      throw new Error(`generate-prop-types: ${def.fqn} takes (${params.map(p => p.name).join(', ')}); checkProps expects (scope, id, props)`);
    }
    constructs.set(nameOf(def.fqn), describe(props.type, false));
  }
  while (pending.length > 0) {
    const fqn = pending.shift()!;
    const def = typeOf(fqn);
    const props = structs.get(nameOf(fqn))!;
    // inherited properties are listed once, on the base struct: `'...': 'Base'` as in an object spread
    const bases = (def.interfaces ?? []).map(base => describe({ fqn: base }, true));
    if (bases.length > 0) props.set(INHERITS, bases.join(' '));
    for (const p of [...def.properties ?? []].sort((a, b) => a.name.localeCompare(b.name))) {
      props.set(p.name, `${p.optional ? '' : '!'}${describe(p.type, false)}`);
    }
  }
  return {
    constructs,
    structs: new Map([...structs].sort(([a], [b]) => a.localeCompare(b))),
  };
}

const KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => KEY.test(name) ? name : `'${name}'`;

/** Entries `a: 'x'` packed onto lines of at most MAX_LINE characters. */
function packed(entries: string[], indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const entry of entries) {
    if (line && indent.length + line.length + 1 + entry.length > MAX_LINE) {
      lines.push(indent + line);
      line = '';
    }
    line = line ? `${line} ${entry}` : entry;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** The text of src/core/prop-types.generated.ts. */
export function renderPropTypes(types: PropTypes = buildPropTypes()): string {
  const lines = [
    '// GENERATED FILE, DO NOT EDIT. Regenerate with `npx projen compile && npx projen generate:prop-types`',
    '// (scripts/generate-prop-types.ts) from the jsii assembly; test/core/prop-types.test.ts fails when it is stale.',
    '/* eslint-disable @stylistic/quote-props, @stylistic/object-property-newline */',
    '',
    '/** Each exported construct that takes props, and the name of its props struct in STRUCTS. */',
    'export const CONSTRUCTS: { readonly [construct: string]: string } = {',
    ...packed([...types.constructs].map(([c, s]) => `${key(c)}: '${s}',`), '  '),
    '};',
    '',
    '/**',
    ' * The props structs of the constructs and every struct they reach: property → type, with `!` in front when the',
    ' * property is required. Types: `string`, `number`, `boolean`, `date`, `any`; `T[]` (an array); `map<T>` (an object',
    ' * of keys to T); `T|U`; the name of a struct (a key of STRUCTS); `enum:Name`; any other name is a class or interface',
    ' * (an object). `\'...\': \'A B\'` lists the structs whose properties a struct inherits.',
    ' */',
    'export const STRUCTS: { readonly [struct: string]: { readonly [prop: string]: string } } = {',
  ];
  for (const [name, props] of types.structs) {
    const entries = [...props].map(([p, t]) => `${key(p)}: '${t}'`);
    const oneLine = `  ${key(name)}: { ${entries.join(', ')} },`;
    if (oneLine.length <= MAX_LINE) {
      lines.push(oneLine);
    } else {
      lines.push(`  ${key(name)}: {`, ...packed(entries.map(e => `${e},`), '    '), '  },');
    }
  }
  lines.push('};', '');
  return lines.join('\n');
}

if (require.main === module) {
  if (!fs.existsSync(ASSEMBLY)) {
    console.error('generate-prop-types: no .jsii; run `npx projen compile` first');
    process.exit(1);
  }
  const types = buildPropTypes();
  const text = renderPropTypes(types);
  fs.writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)}: ${types.constructs.size} constructs, ${types.structs.size} structs, ${text.length} bytes`);
}
