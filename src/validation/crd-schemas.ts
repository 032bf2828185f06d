/**
 * Custom resources against their CRD, in the order the API server works: drop nulls the schema does not allow,
 * apply schema defaults, validate the structural schema (ajv, unknown fields rejected as kubectl's strict field
 * validation does), then list-type uniqueness and the CEL rules at every node that has a value.
 *
 * The CRDs are the pinned ones (crd-schemas.generated.ts, from vendor/crds) plus any the caller passes. Data,
 * ajv and @bufbuild/cel are loaded on first use; each schema is compiled the first time a document of its kind
 * is validated and kept for the process, and on disk as ajv standalone code (`defaultCacheDir`, or the caller's `cacheDir`).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { default as AjvClass, ValidateFunction } from 'ajv';
import { builtinApiVersionsOf, isBuiltinGroup } from './builtins';
import { evaluateRules } from './cel';
import { CrdData, expandSchema } from './crd-data';
import { duplicate, FieldPath, Issue, translateAjvError } from './messages';
import { re2PatternEngine } from './re2';

/** One served version of a CustomResourceDefinition. */
export interface CrdVersion {
  /** `<apiVersion>|<kind>` */
  readonly key: string;
  /** The CRD's name, `<plural>.<group>`. */
  readonly crdName: string;
  readonly namespaced: boolean;
  /** The version's `openAPIV3Schema`. */
  readonly schema: any;
}

/** The served versions of one group and kind, resolved lazily. */
export interface CrdKind {
  readonly crdName: string;
  readonly versions: ReadonlyMap<string, () => CrdVersion>;
}

let pinnedKinds: Map<string, CrdKind> | undefined;

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** group|kind → the pinned CRD, from the generated data. */
function pinned(): Map<string, CrdKind> {
  if (pinnedKinds) return pinnedKinds;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data: CrdData = (require('./crd-schemas.generated') as typeof import('./crd-schemas.generated')).CRD_SCHEMAS;
  const sharedCache = new Map<number, unknown>();
  const schemas = new Map<number, () => unknown>();
  const schemaAt = (index: number) => {
    let get = schemas.get(index);
    if (!get) {
      get = lazy(() => expandSchema(data, index, sharedCache));
      schemas.set(index, get);
    }
    return get;
  };
  pinnedKinds = new Map();
  for (const crd of data.crds) {
    const versions = new Map<string, () => CrdVersion>();
    for (const [version, index] of Object.entries(crd.versions)) {
      const schema = schemaAt(index);
      const key = `${crd.group}/${version}|${crd.kind}`;
      versions.set(version, lazy(() => ({ key, crdName: crd.name, namespaced: crd.namespaced, schema: schema() })));
    }
    pinnedKinds.set(`${crd.group}|${crd.kind}`, { crdName: crd.name, versions });
  }
  return pinnedKinds;
}

/** Whether a document is a CustomResourceDefinition with what validation needs (group, kind, versions with schemas). */
export function isUsableCrd(doc: any): boolean {
  const spec = doc?.spec;
  return doc?.apiVersion === 'apiextensions.k8s.io/v1' && doc?.kind === 'CustomResourceDefinition'
    && typeof spec?.group === 'string' && typeof spec?.names?.kind === 'string' && Array.isArray(spec?.versions)
    && spec.versions.every((v: any) => v?.served === false || (typeof v?.name === 'string' && v?.schema?.openAPIV3Schema));
}

/** Entries already made from a CRD document, so repeated calls with the same documents reuse compiled schemas. */
const kindOfDocument = new WeakMap<object, [string, CrdKind]>();

/** The group|kind entries of CustomResourceDefinition documents; throws on anything that is not one. */
export function crdKinds(docs: readonly unknown[]): Map<string, CrdKind> {
  const kinds = new Map<string, CrdKind>();
  docs.forEach((doc: any, i) => {
    const known = doc && typeof doc === 'object' ? kindOfDocument.get(doc) : undefined;
    if (known) {
      kinds.set(...known);
      return;
    }
    if (doc?.apiVersion !== 'apiextensions.k8s.io/v1' || doc?.kind !== 'CustomResourceDefinition') {
      throw new TypeError(`extra CRD #${i} is not an apiextensions.k8s.io/v1 CustomResourceDefinition (${doc?.apiVersion} ${doc?.kind})`);
    }
    const spec = doc.spec ?? {};
    const group: string | undefined = spec.group;
    const kind: string | undefined = spec.names?.kind;
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec.versions)) {
      throw new TypeError(`extra CRD #${i} (${doc.metadata?.name}) has no spec.group, spec.names.kind or spec.versions`);
    }
    const crdName = doc.metadata?.name ?? `${spec.names.plural}.${group}`;
    const versions = new Map<string, () => CrdVersion>();
    for (const v of spec.versions) {
      if (v?.served === false) continue;
      const schema = v?.schema?.openAPIV3Schema;
      if (!schema) throw new TypeError(`extra CRD ${crdName} version ${v?.name} has no schema.openAPIV3Schema`);
      const version: CrdVersion = { key: `${group}/${v.name}|${kind}`, crdName, namespaced: spec.scope !== 'Cluster', schema };
      versions.set(v.name, () => version);
    }
    const entry: [string, CrdKind] = [`${group}|${kind}`, { crdName, versions }];
    kindOfDocument.set(doc, entry);
    kinds.set(...entry);
  });
  return kinds;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The CRD version for `apiVersion` and `kind`: the caller's CRDs first, then the pinned ones. */
export function findCrd(apiVersion: string, kind: string, extra?: ReadonlyMap<string, CrdKind>): CrdVersion | undefined {
  const { group, version } = splitApiVersion(apiVersion);
  const crd = extra?.get(`${group}|${kind}`) ?? pinned().get(`${group}|${kind}`);
  return crd?.versions.get(version)?.();
}

/** Why there is no schema for a kind, naming the CRD that is missing. */
export function missingSchemaMessage(apiVersion: string, kind: string, extra?: ReadonlyMap<string, CrdKind>): string {
  const { group, version } = splitApiVersion(apiVersion);
  const head = `no schema for ${apiVersion}|${kind}`;
  const crd = extra?.get(`${group}|${kind}`) ?? pinned().get(`${group}|${kind}`);
  if (crd) return `${head}: CustomResourceDefinition ${crd.crdName} serves ${[...crd.versions.keys()].join(', ')}, not ${version}`;
  if (isBuiltinGroup(group)) {
    const served = builtinApiVersionsOf(kind);
    return served.length > 0
      ? `${head}: Kubernetes 1.31 serves ${kind} as ${served.join(', ')}`
      : `${head}: not a kind Kubernetes 1.31 serves`;
  }
  return `${head}: no CustomResourceDefinition for kind ${kind} in group ${group} is known; pass it with --crd (CLI) or the extraCrds option`;
}

// ---- structural schema (ajv) -----------------------------------------------------------------------------

// Formats the API server checks; any other format is informational only.
const CHECKED_FORMATS = new Set(['int32', 'int64', 'float', 'double', 'byte', 'date-time', 'date']);

/** Turns a structural openAPIV3Schema into a JSON schema ajv checks strictly (unknown fields fail). */
function toJsonSchema(schema: any): any {
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || ['nullable', 'description', 'default', 'example'].includes(k)) continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, toJsonSchema(pv)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? toJsonSchema(v) : v;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as any[]).map(toJsonSchema);
    } else if (k === 'format') {
      if (CHECKED_FORMATS.has(v as string)) out.format = v;
    } else {
      out[k] = v;
    }
  }
  if (schema['x-kubernetes-int-or-string']) out.type = ['integer', 'string'];
  if (schema.nullable && out.type) out.type = [...[out.type].flat(), 'null'];
  const open = schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-embedded-resource'];
  if (schema.type === 'object' && schema.additionalProperties === undefined && !open) {
    out.additionalProperties = false;
    out.properties ??= {};
  }
  return out;
}

let ajvInstance: AjvClass | undefined;

/** The formats module that compiled validators require: the one ajv-formats documents for standalone code. */
const formatsModule = () => require.resolve('ajv-formats/dist/formats');

/** ajv with the API server's formats and RE2 patterns; loaded only when a schema is not in the cache (~45 ms). */
function ajvCompiler(): AjvClass {
  if (ajvInstance) return ajvInstance;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const ajvModule = require('ajv') as typeof import('ajv');
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  ajvInstance = new ajvModule.default({
    allErrors: true,
    strict: false,
    logger: false,
    // `pattern` is RE2 on the API server; `source` and `formats` let validators be saved as standalone code
    code: { regExp: re2PatternEngine, source: true, formats: ajvModule._`require(${formatsModule()}).fullFormats` },
  });
  addFormats(ajvInstance, [...CHECKED_FORMATS] as any);
  return ajvInstance;
}

let cacheSalt: string | undefined;

/** Distinguishes cached standalone code compiled with another ajv, formats module or pattern engine. */
function compilerSalt(): string {
  cacheSalt ??= `ajv ${JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')).version} ${formatsModule()} ${re2PatternEngine.code}`;
  return cacheSalt;
}

/** Standalone code requires ajv's runtime helpers by package name; pin them to this install's files. */
function pinRuntimeRequires(code: string): string {
  return code.replace(/require\("(ajv\/dist\/runtime\/[^"]+)"\)/g, (_m, spec: string) => `require(${JSON.stringify(require.resolve(spec))})`);
}

/**
 * Where compiled schemas are kept between processes unless the caller says: the CDK8S_EKS_AUTOSCALING_CACHE_DIR
 * environment variable (`''` for none), else `node_modules/.cache/cdk8s-eks-autoscaling` in the working directory,
 * where build tools keep their caches, when it has a node_modules folder. Compiling a large CRD's schema takes
 * ajv 50-200 ms; loading the compiled code takes a fraction of that, at every synth after the first.
 */
export function defaultCacheDir(): string | undefined {
  const env = process.env.CDK8S_EKS_AUTOSCALING_CACHE_DIR;
  if (env !== undefined) return env || undefined;
  const modules = path.resolve('node_modules');
  return fs.existsSync(modules) ? path.join(modules, '.cache', 'cdk8s-eks-autoscaling') : undefined;
}

const bySchemaText = new Map<string, ValidateFunction>();

/** `cacheDir`: undefined for `defaultCacheDir()`, `''` for none. */
function compile(schema: object, cacheDir: string | undefined): ValidateFunction {
  const text = JSON.stringify(schema);
  const known = bySchemaText.get(text);
  if (known) return known;
  let fn: ValidateFunction | undefined;
  const dir = cacheDir === undefined ? defaultCacheDir() : cacheDir || undefined;
  const file = dir ? path.join(dir, `${createHash('sha256').update(compilerSalt()).update(text).digest('hex').slice(0, 32)}.js`) : undefined;
  if (file && fs.existsSync(file)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      fn = require(file) as ValidateFunction;
    } catch {
      fn = undefined; // a damaged cache entry: compile again
    }
  }
  if (!fn) {
    const ajv = ajvCompiler();
    fn = ajv.compile(schema);
    if (file && dir) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, pinRuntimeRequires(standaloneCode(ajv, fn)));
        fs.renameSync(tmp, file); // atomic: parallel processes never read half a file
      } catch {
        // a read-only cache just means compiling again next time
      }
    }
  }
  bySchemaText.set(text, fn);
  return fn;
}

const byCrd = new WeakMap<CrdVersion, ValidateFunction>();

function structuralValidator(crd: CrdVersion, cacheDir: string | undefined): ValidateFunction {
  let fn = byCrd.get(crd);
  if (!fn) {
    const root = toJsonSchema(crd.schema);
    // every object has these; metadata is ObjectMeta, checked like a built-in (validator.ts)
    root.properties = { ...root.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
    fn = compile(root, cacheDir);
    byCrd.set(crd, fn);
  }
  return fn;
}

// ---- defaults, list types, CEL ---------------------------------------------------------------------------

/** What defaulting does at a schema node: its properties with a `default`, and whether any node below has one. */
interface Defaulting {
  readonly below: boolean;
  readonly defaults: ReadonlyArray<readonly [string, any]>;
}

/** Per schema node (schemas never change once loaded): walking a wide schema's properties per document is costly. */
const defaultingOf = new WeakMap<object, Defaulting>();

function defaulting(schema: any): Defaulting {
  let plan = defaultingOf.get(schema);
  if (!plan) {
    const props = Object.entries<any>(schema.properties ?? {});
    const defaults = props.filter(([, p]) => p?.default !== undefined);
    const below = defaults.length > 0 || hasDefaults(schema.items) || hasDefaults(schema.additionalProperties)
      || props.some(([, p]) => hasDefaults(p));
    plan = { below, defaults };
    defaultingOf.set(schema, plan);
  }
  return plan;
}

function hasDefaults(schema: any): boolean {
  return !!schema && typeof schema === 'object' && defaulting(schema).below;
}

function containsNull(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(containsNull);
  for (const key in value) if (containsNull((value as Record<string, unknown>)[key])) return true;
  return false;
}

/**
 * Returns the document with what the API server does before validating: non-nullable nulls dropped and `default`s
 * applied (top-down, so defaults inside a defaulted object apply too); changed subtrees are copies.
 */
function defaulted(value: unknown, schema: any, isRoot = false): unknown {
  if (value === null || typeof value !== 'object' || !schema) return value;
  // Most subtrees have neither: they are shared rather than copied (nothing downstream changes the document).
  if (!hasDefaults(schema) && !containsNull(value)) return value;
  if (Array.isArray(value)) return value.map(item => defaulted(item, schema.items));
  const props = schema.properties ?? {};
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = props[key] ?? additional;
    if (child === null && childSchema && !childSchema.nullable) continue;
    out[key] = isRoot && key === 'metadata' ? child : defaulted(child, childSchema);
  }
  for (const [key, propSchema] of defaulting(schema).defaults) {
    if (out[key] === undefined) out[key] = defaulted(structuredClone(propSchema.default), propSchema);
  }
  return out;
}

function checkListType(list: unknown[], schema: any, at: FieldPath, issues: Issue[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return;
  const keyOf = listType === 'set'
    ? (item: unknown) => JSON.stringify(item)
    : (item: any) => JSON.stringify((schema['x-kubernetes-list-map-keys'] ?? []).map((k: string) => item?.[k]));
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) issues.push(duplicate([...at, i], item, listType === 'set' ? JSON.stringify(item) : key, `schema: x-kubernetes-list-type ${listType}`));
    seen.add(key);
  });
}

/** Schema nodes with a CEL rule or a list type at or below them; schemas are data that never change once loaded. */
const hasChecksBelow = new WeakMap<object, boolean>();

/** Whether `checkNode` has anything to check at or below this schema node (most subtrees have nothing). */
function needsCheck(schema: any): boolean {
  if (!schema || typeof schema !== 'object') return false;
  let known = hasChecksBelow.get(schema);
  if (known === undefined) {
    const listType = schema['x-kubernetes-list-type'];
    known = schema['x-kubernetes-validations']?.length > 0 || listType === 'set' || listType === 'map'
      || needsCheck(schema.items) || needsCheck(schema.additionalProperties)
      || Object.values<any>(schema.properties ?? {}).some(needsCheck);
    hasChecksBelow.set(schema, known);
  }
  return known;
}

/**
 * List-type uniqueness and CEL rules at this node, then the same for every child that has a value. `at` is one
 * array pushed and popped on the way down; issues copy it when made.
 */
function checkNode(value: unknown, schema: any, at: Array<string | number>, issues: Issue[], memo: WeakMap<object, unknown>): void {
  if (value === undefined || value === null || !needsCheck(schema)) return;
  evaluateRules(value, schema, at, issues, memo);
  if (Array.isArray(value)) {
    checkListType(value, schema, at, issues);
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      checkNode(value[i], schema.items, at, issues, memo);
      at.pop();
    }
  } else if (typeof value === 'object') {
    const props = schema.properties ?? {};
    const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    for (const key in value) {
      if (at.length === 0 && key === 'metadata') continue;
      at.push(key);
      checkNode((value as Record<string, unknown>)[key], props[key] ?? additional, at, issues, memo);
      at.pop();
    }
  }
}

/** Validates one custom resource against its CRD version. */
export function validateCustomResource(doc: unknown, crd: CrdVersion, cacheDir?: string): Issue[] {
  const prepared = defaulted(doc, crd.schema, true);
  const fn = structuralValidator(crd, cacheDir);
  const issues = fn(prepared) ? [] : (fn.errors ?? []).map(e => translateAjvError(prepared, e));
  checkNode(prepared, crd.schema, [], issues, new WeakMap());
  return issues;
}
