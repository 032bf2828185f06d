/**
 * Writes src/validation/builtin-schemas.generated.ts: the compact schema (see src/validation/builtin-schema.ts)
 * of every built-in kind Kubernetes 1.31 serves by default, extracted from kubernetes-models (a devDependency:
 * the package ships neither it nor TypeScript). Run with `npx projen generate:builtin-schemas`.
 *
 * kubernetes-models ships, per OpenAPI definition, a `.d.ts` (the field names, read with TypeScript's parser)
 * and a compiled ajv validator (types, required fields, enums, formats, nullability) but not the schema itself.
 * So the structure comes from the declarations, and every field is probed: its definition's validator is run on
 * a set of values at that field, and the leaf it accepts is read off the errors (wanted types, formats, enum
 * values). The script then re-checks every probe with the runtime's `checkLeaf` and stops on any disagreement,
 * so the generated file accepts exactly what kubernetes-models accepts on every probed value.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { checkLeaf, DefinitionData, JsonType, leafCode, parseCode } from '../src/validation/builtin-schema';

const ROOT = path.join(__dirname, '..');
export const OUTPUT = path.join(ROOT, 'src', 'validation', 'builtin-schemas.generated.ts');
/** The enum table, apart so that neither file is over 600 lines. */
export const ENUMS_OUTPUT = path.join(ROOT, 'src', 'validation', 'builtin-enums.generated.ts');

/**
 * Group versions Kubernetes 1.31 serves by default. kubernetes-models also has versions 1.31 no longer serves
 * (extensions/v1beta1, policy/v1beta1, ...) and some it does not serve yet; those are left out so that the
 * validator rejects them like the API server does ("no matches for kind").
 */
const SERVED_API_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'node.k8s.io/v1',
  'policy/v1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
];

/** Kinds kubernetes-models has in a served group version that Kubernetes 1.31 does not serve there (GA in 1.33). */
const NOT_SERVED_IN_1_31 = new Set(['networking.k8s.io/v1|IPAddress', 'networking.k8s.io/v1|ServiceCIDR']);

/** Values tried at every field; what the validator says about each tells the leaf's types, formats and enum. */
const PROBES: unknown[] = [
  null, true, false, 0, 7, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 64, '', 'x', 'TCP', '!!', '1Gi', '+1.5e3', 'aGk=',
  '2024-01-01T00:00:00Z', '2024-02-30T00:00:00Z', {}, { a: 1 }, [], ['x'],
];

function fail(message: string): never {
  throw new Error(`generate-builtin-schemas: ${message}`);
}

const MODELS_DIR = path.dirname(require.resolve('kubernetes-models'));
const APIMACHINERY_DIR = path.dirname(require.resolve('@kubernetes-models/apimachinery'));

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, any>;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const validators = new Map<string, Validator>();

/** kubernetes-models' compiled validator of one definition, e.g. `IoK8sApiCoreV1PodSpec`. */
function validatorOf(canonical: string): Validator {
  let fn = validators.get(canonical);
  if (!fn) {
    const file = [MODELS_DIR, APIMACHINERY_DIR].map(dir => path.join(dir, '_schemas', `${canonical}.js`)).find(f => fs.existsSync(f));
    if (!file) fail(`no validator for ${canonical}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fn = require(file).validate as Validator;
    validators.set(canonical, fn);
  }
  return fn;
}

function errorsAt(validator: Validator, data: unknown, instancePath: string): AjvError[] {
  validator(data);
  return (validator.errors ?? []).filter(e => e.instancePath === instancePath);
}

// ---- declarations -------------------------------------------------------------------------------------------

const sourceFiles = new Map<string, ts.SourceFile>();

function sourceFile(file: string): ts.SourceFile {
  let sf = sourceFiles.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    sourceFiles.set(file, sf);
  }
  return sf;
}

function declarationFile(specifier: string, fromFile: string): string {
  return require.resolve(specifier, { paths: [path.dirname(fromFile)] }).replace(/\.js$/, '.d.ts');
}

/** `export { ILocal as IExported }` pairs of a declaration file. */
function exportAliases(sf: ts.SourceFile): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const stmt of sf.statements) {
    if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) {
        if (el.propertyName) aliases.set(el.name.text, el.propertyName.text);
      }
    }
  }
  return aliases;
}

/** The OpenAPI definition name of a declaration: `IIoK8sApiCoreV1PodSpec` exported for `IPodSpec` → `IoK8sApiCoreV1PodSpec`. */
function canonicalName(sf: ts.SourceFile, local: string): string {
  for (const [exported, target] of exportAliases(sf)) {
    if (target === local && /^IIoK8s/.test(exported)) return exported.slice(1);
  }
  return fail(`no definition name for ${local} in ${sf.fileName}`);
}

interface Declaration {
  readonly file: string;
  readonly node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  readonly canonical: string;
}

function resolveName(name: string, file: string): Declaration {
  const sf = sourceFile(file);
  let declFile = file;
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some(el => el.name.text === name)) {
      declFile = declarationFile(stmt.moduleSpecifier.text, file);
    }
  }
  const declSf = sourceFile(declFile);
  const local = exportAliases(declSf).get(name) ?? name;
  const node = declSf.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
    (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === local);
  if (!node) fail(`cannot find ${name} (from ${file})`);
  return { file: declFile, node, canonical: canonicalName(declSf, local) };
}

function propertyName(name: ts.PropertyName): string {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) return name.text;
  return fail(`unsupported property name ${name.getText()}`);
}

// ---- probing ------------------------------------------------------------------------------------------------

/** Where a node sits inside its definition's validator input: how to wrap a value, and ajv's instancePath. */
interface Site {
  readonly validator: Validator;
  readonly wrap: (value: unknown) => unknown;
  readonly instancePath: string;
  readonly where: string;
}

const definitions = new Map<string, DefinitionData | undefined>();
const enumIndex = new Map<string, number>();
const enums: unknown[][] = [];

function enumRef(values: unknown[]): number {
  const key = JSON.stringify(values);
  let index = enumIndex.get(key);
  if (index === undefined) {
    index = enums.length;
    enums.push(values);
    enumIndex.set(key, index);
  }
  return index;
}

const TYPE_ORDER: JsonType[] = ['integer', 'number', 'string', 'boolean', 'object', 'array'];

/** Reads a leaf off the validator's errors for every probe, then checks `checkLeaf` agrees on each of them. */
function probeLeaf(site: Site): string {
  const types = new Set<JsonType>();
  const formats = new Set<string>();
  let enumValues: unknown[] | undefined;
  const verdicts = PROBES.map(probe => {
    const errors = errorsAt(site.validator, site.wrap(probe), site.instancePath);
    for (const e of errors) {
      if (e.keyword === 'type') [e.params.type].flat().forEach((t: JsonType) => types.add(t));
      else if (e.keyword === 'format') formats.add(e.params.format);
      else if (e.keyword === 'enum') enumValues = [...e.params.allowedValues];
      else if (e.keyword !== 'oneOf') fail(`${site.where}: unexpected keyword ${e.keyword}`);
    }
    return errors.length === 0;
  });
  if (formats.size > 1) fail(`${site.where}: several formats ${[...formats].join(', ')}`);
  const nullable = verdicts[0];
  const anyType = types.size === 0 && verdicts.slice(1).every(ok => ok);
  const code = leafCode({
    nullable,
    types: anyType ? undefined : types.size > 0 ? TYPE_ORDER.filter(t => types.has(t)) : undefined,
    format: [...formats][0],
    enumIndex: enumValues ? enumRef(enumValues) : undefined,
  });
  const leaf = parseCode(code, enums);
  if (leaf.kind !== 'leaf') fail(`${site.where}: not a leaf`);
  PROBES.forEach((probe, i) => {
    if ((checkLeaf(probe, leaf) === undefined) !== verdicts[i]) {
      fail(`${site.where}: leaf ${code} disagrees with kubernetes-models on ${JSON.stringify(probe)}`);
    }
  });
  return code;
}

/**
 * `?` when the validator accepts null at the site, `''` when not; undefined when the validator does not check
 * the type there at all (a few JSONSchemaProps extensions), which is then probed as a leaf.
 */
function nullability(site: Site, type: JsonType): string | undefined {
  const wrong = type === 'array' ? 'x' : [];
  const typeErrors = errorsAt(site.validator, site.wrap(wrong), site.instancePath).filter(e => e.keyword === 'type');
  if (typeErrors.length === 0) return undefined;
  if (typeErrors.length !== 1 || [typeErrors[0].params.type].flat()[0] !== type) {
    fail(`${site.where}: expected the validator to want ${type}, got ${JSON.stringify(typeErrors)}`);
  }
  return errorsAt(site.validator, site.wrap(null), site.instancePath).length === 0 ? '?' : '';
}

function child(site: Site, segment: string, wrap: (value: unknown) => unknown, where: string): Site {
  return { validator: site.validator, wrap: v => site.wrap(wrap(v)), instancePath: `${site.instancePath}/${segment}`, where };
}

function encodeArray(items: ts.TypeNode, file: string, site: Site): string {
  const prefix = nullability(site, 'array');
  if (prefix === undefined) return probeLeaf(site);
  return `${prefix}[]${encodeType(items, file, child(site, '0', v => [v], `${site.where}[]`))}`;
}

function encodeType(node: ts.TypeNode, file: string, site: Site): string {
  if (ts.isParenthesizedTypeNode(node)) return encodeType(node.type, file, site);
  if (ts.isArrayTypeNode(node)) return encodeArray(node.elementType, file, site);
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) {
      const prefix = nullability(site, 'object');
      if (prefix === undefined) return probeLeaf(site);
      return `${prefix}{}${encodeType(index.type, file, child(site, 'k', v => ({ k: v }), `${site.where}{}`))}`;
    }
    if (node.members.length === 0) return probeLeaf(site);
    const prefix = nullability(site, 'object');
    if (prefix === undefined) return probeLeaf(site);
    const name = site.where.replace(/\[\]|\{\}/g, '').replace(/\./g, '_');
    defineMembers(name, node.members, file, site);
    return `${prefix}@${name}`;
  }
  if (ts.isUnionTypeNode(node)) {
    const scalars = [ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword];
    const structured = node.types.filter(t => !ts.isLiteralTypeNode(t) && !scalars.includes(t.kind));
    if (structured.length > 0) fail(`${site.where}: union of structured types`);
    return probeLeaf(site);
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.length === 1) return encodeArray(node.typeArguments[0], file, site);
    const decl = resolveName(name, file);
    if (ts.isTypeAliasDeclaration(decl.node)) return encodeType(decl.node.type, decl.file, site);
    if (decl.node.members.length === 0) return probeLeaf(site); // FieldsV1, RawExtension, JSON: any JSON
    const prefix = nullability(site, 'object');
    if (prefix === undefined) return probeLeaf(site);
    defineDefinition(decl);
    return `${prefix}@${shortName(decl.canonical)}`;
  }
  if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.ObjectKeyword) {
    return probeLeaf(site);
  }
  return probeLeaf(site); // string, number, boolean, literal types
}

/** `IoK8sApiCoreV1PodSpec` → `ApiCoreV1PodSpec`. */
function shortName(canonical: string): string {
  return canonical.replace(/^IoK8s/, '');
}

function defineDefinition(decl: Declaration): void {
  const name = shortName(decl.canonical);
  if (definitions.has(name)) return;
  if (!ts.isInterfaceDeclaration(decl.node)) fail(`${name}: not an interface`);
  const site: Site = { validator: validatorOf(decl.canonical), wrap: v => v, instancePath: '', where: name };
  defineMembers(name, decl.node.members, decl.file, site);
}

/**
 * Records a definition from its members, probing each through `site`: the definition's own validator for a
 * named definition, the enclosing one for an inline object type (named `<Definition>_<field>`).
 */
function defineMembers(name: string, members: ts.NodeArray<ts.TypeElement>, file: string, site: Site): void {
  definitions.set(name, undefined); // recursive definitions (JSONSchemaProps) refer to themselves
  const typeErrors = errorsAt(site.validator, site.wrap('x'), site.instancePath).filter(e => e.keyword === 'type');
  if (typeErrors.length !== 1 || typeErrors[0].params.type !== 'object') fail(`${name}: not an object`);
  const required = errorsAt(site.validator, site.wrap({}), site.instancePath)
    .filter(e => e.keyword === 'required').map(e => e.params.missingProperty as string);
  const properties: Record<string, string> = {};
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.type) fail(`${name}: unsupported member`);
    const prop = propertyName(member.name);
    const at = child(site, prop.replace(/~/g, '~0').replace(/\//g, '~1'), v => ({ [prop]: v }), `${name}.${prop}`);
    properties[prop] = encodeType(member.type, file, at);
    const optional = member.questionToken !== undefined;
    if (optional === required.includes(prop)) fail(`${name}.${prop}: the declaration and the validator disagree on required`);
  }
  definitions.set(name, required.length > 0 ? { p: properties, r: required } : { p: properties });
}

// ---- kinds --------------------------------------------------------------------------------------------------

function servedKinds(): Array<{ apiVersion: string; kind: string }> {
  const out: Array<{ apiVersion: string; kind: string }> = [];
  for (const apiVersion of SERVED_API_VERSIONS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const models = require(`kubernetes-models/${apiVersion}`);
    for (const [kind, model] of Object.entries<any>(models)) {
      if (typeof model !== 'function' || model.kind !== kind || model.apiVersion !== apiVersion || kind.endsWith('List')) continue;
      if (NOT_SERVED_IN_1_31.has(`${apiVersion}|${kind}`)) continue;
      out.push({ apiVersion, kind });
    }
  }
  return out.sort((a, b) => `${a.apiVersion}|${a.kind}`.localeCompare(`${b.apiVersion}|${b.kind}`));
}

/** The generated files, by path: the schema, and its enum table. */
export function generate(): Record<string, string> {
  const kinds: Record<string, string> = {};
  for (const { apiVersion, kind } of servedKinds()) {
    const file = declarationFile(`kubernetes-models/${apiVersion}/${kind}`, __filename);
    const decl = resolveName(`I${kind}`, file);
    defineDefinition(decl);
    kinds[`${apiVersion}|${kind}`] = shortName(decl.canonical);
  }
  const version = JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'package.json'), 'utf8')).version;
  const header = [
    '// GENERATED FILE, DO NOT EDIT. Regenerate with `npx projen generate:builtin-schemas` (scripts/generate-builtin-schemas.ts)',
    `// from kubernetes-models ${version}: the built-in kinds Kubernetes 1.31 serves by default, in the compact form`,
  ];
  const schemas = [
    ...header,
    '// described in builtin-schema.ts. Each definition is JSON, parsed when a document first needs it.',
    "import { BUILTIN_ENUMS } from './builtin-enums.generated';",
    "import type { BuiltinSchemaData } from './builtin-schema';",
    '',
    '/* eslint-disable @stylistic/quote-props */',
    'export const BUILTIN_SCHEMAS: BuiltinSchemaData = {',
    '  kinds: {',
    ...Object.entries(kinds).map(([key, def]) => `    ${quote(key)}: '${def}',`),
    '  },',
    '  definitions: {',
    ...[...definitions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, def]) => `    ${name}: ${quote(JSON.stringify(def))},`),
    '  },',
    '  enums: BUILTIN_ENUMS,',
    '};',
    '',
  ];
  const enumTable = [
    ...header,
    '// described in builtin-schema.ts: the enum table of builtin-schemas.generated.ts, which leaf codes index.',
    '',
    'export const BUILTIN_ENUMS: readonly (readonly unknown[])[] = [',
    ...enums.map(values => `  [${values.map(v => typeof v === 'string' ? quote(v) : JSON.stringify(v)).join(', ')}],`),
    '];',
    '',
  ];
  return { [OUTPUT]: schemas.join('\n'), [ENUMS_OUTPUT]: enumTable.join('\n') };
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

if (require.main === module) {
  const files = generate();
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(file, text);
  const bytes = Object.values(files).reduce((n, text) => n + text.length, 0);
  console.log(`wrote ${Object.keys(files).map(f => path.relative(ROOT, f)).join(' and ')}: ${definitions.size} definitions, `
    + `${enums.length} enums, ${bytes} bytes`);
}
