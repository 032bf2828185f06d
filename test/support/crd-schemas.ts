/**
 * Custom resources against the pinned CRDs in vendor/crds, in the order the API server works:
 * drop nulls the schema does not allow, apply schema defaults, validate the structural schema
 * (ajv, unknown fields rejected as kubectl's strict field validation does), then list-type
 * uniqueness and the CEL rules at every node that has a value.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { _, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';
import { evaluateRules } from './cel-rules';
import { FieldPath, formatPath, translateAjvError } from './field-errors';
import { re2PatternEngine } from './re2-patterns';
import { vendorPath } from './vendor';

export const CRD_DIR = vendorPath('crds');

export interface CrdVersion {
  /** `<group>/<version>|<kind>` */
  readonly key: string;
  readonly schema: any;
  readonly namespaced: boolean;
}

/** `<group>|<kind>` → CRD file, read from the file text without parsing it (parsing all of them takes seconds). */
let fileIndex: Map<string, string> | undefined;
const parsedFiles = new Map<string, Map<string, CrdVersion>>();

function parseCrdFile(file: string): Map<string, CrdVersion> {
  let versions = parsedFiles.get(file);
  if (!versions) {
    versions = new Map();
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJSON();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        const key = `${crd.spec.group}/${v.name}|${crd.spec.names.kind}`;
        versions.set(key, { key, schema: v.schema.openAPIV3Schema, namespaced: crd.spec.scope !== 'Cluster' });
      }
    }
    parsedFiles.set(file, versions);
  }
  return versions;
}

function crdFiles(): Map<string, string> {
  if (fileIndex) return fileIndex;
  const index = new Map<string, string>();
  for (const dir of fs.readdirSync(CRD_DIR)) {
    const full = path.join(CRD_DIR, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const file of fs.readdirSync(full).filter(f => f.endsWith('.yaml')).map(f => path.join(full, f))) {
      const text = fs.readFileSync(file, 'utf8');
      const group = /^ {2}group: (\S+)$/m.exec(text)?.[1];
      const kind = /^ {2}names:\n(?: {4}.*\n)*? {4}kind: (\S+)$/m.exec(text)?.[1];
      if (group && kind) {
        index.set(`${group}|${kind}`, file);
      } else {
        // unusual layout: parse it now rather than miss its kinds
        for (const crd of parseCrdFile(file).values()) index.set(`${crd.key.split('/')[0]}|${crd.key.split('|')[1]}`, file);
      }
    }
  }
  fileIndex = index;
  return index;
}

/** The pinned CRD version for `apiVersion` and `kind`, or undefined if there is none. */
export function findCrd(apiVersion: string, kind: string): CrdVersion | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const file = crdFiles().get(`${group}|${kind}`);
  return file ? parseCrdFile(file).get(`${apiVersion}|${kind}`) : undefined;
}

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

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  logger: false,
  // `pattern` is RE2 on the API server; `source` and `formats` let validators be cached as code
  code: { regExp: re2PatternEngine, source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
});
addFormats(ajv, [...CHECKED_FORMATS] as any);

/**
 * Compiling a large CRD schema takes ajv seconds and jest gives every test file fresh modules, so
 * compiled validators are also kept on disk as standalone code, named by a hash of what they check.
 */
const CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'manifest-validator');
const CACHE_SALT = `ajv ${JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')).version} ${re2PatternEngine.code}`;

function compileCached(schema: object): ValidateFunction {
  const hash = createHash('sha256').update(CACHE_SALT).update(JSON.stringify(schema)).digest('hex').slice(0, 32);
  const file = path.join(CACHE_DIR, `${hash}.js`);
  if (fs.existsSync(file)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  }
  const fn = ajv.compile(schema);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, standaloneCode(ajv, fn));
    fs.renameSync(tmp, file); // atomic: parallel jest workers never read half a file
  } catch {
    // a read-only checkout just means compiling again next time
  }
  return fn;
}

const byCrd = new Map<string, ValidateFunction>();
/** Served versions often share one schema (Istio's three): compile it once. */
const bySchema = new Map<string, ValidateFunction>();

function structuralValidator(crd: CrdVersion): ValidateFunction {
  let fn = byCrd.get(crd.key);
  if (!fn) {
    const root = toJsonSchema(crd.schema);
    // every object has these; metadata is ObjectMeta, checked by the API server itself (object-meta.ts)
    root.properties = { ...root.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
    const text = JSON.stringify(root);
    fn = bySchema.get(text) ?? compileCached(root);
    bySchema.set(text, fn);
    byCrd.set(crd.key, fn);
  }
  return fn;
}

/**
 * Returns a copy with what the API server does before validating: non-nullable nulls dropped
 * and `default`s applied (top-down, so defaults inside a defaulted object apply too).
 */
function defaulted(value: unknown, schema: any, isRoot = false): unknown {
  if (value === null || typeof value !== 'object' || !schema) return value;
  if (Array.isArray(value)) return value.map(item => defaulted(item, schema.items));
  const props = schema.properties ?? {};
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = props[key] ?? additional;
    if (child === null && childSchema && !childSchema.nullable) continue;
    out[key] = isRoot && key === 'metadata' ? child : defaulted(child, childSchema);
  }
  for (const [key, propSchema] of Object.entries<any>(props)) {
    if (out[key] === undefined && propSchema.default !== undefined) {
      out[key] = defaulted(structuredClone(propSchema.default), propSchema);
    }
  }
  return out;
}

function checkListType(list: unknown[], schema: any, at: FieldPath, errors: string[]): void {
  const listType = schema['x-kubernetes-list-type'];
  if (listType !== 'set' && listType !== 'map') return;
  const keyOf = listType === 'set'
    ? (item: unknown) => JSON.stringify(item)
    : (item: any) => JSON.stringify((schema['x-kubernetes-list-map-keys'] ?? []).map((k: string) => item?.[k]));
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) errors.push(`${formatPath([...at, i])}: Duplicate value: ${listType === 'set' ? JSON.stringify(item) : key}`);
    seen.add(key);
  });
}

/** List-type uniqueness and CEL rules at this node, then the same for every child that has a value. */
function checkNode(value: unknown, schema: any, at: FieldPath, errors: string[]): void {
  if (value === undefined || value === null || !schema) return;
  evaluateRules(value, schema, at, errors);
  if (Array.isArray(value)) {
    checkListType(value, schema, at, errors);
    value.forEach((item, i) => checkNode(item, schema.items, [...at, i], errors));
  } else if (typeof value === 'object') {
    const props = schema.properties ?? {};
    const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    for (const [key, child] of Object.entries(value)) {
      if (at.length === 0 && key === 'metadata') continue;
      checkNode(child, props[key] ?? additional, [...at, key], errors);
    }
  }
}

/** Validates one custom resource against its CRD version; returns API-server-style messages. */
export function validateCustomResource(doc: unknown, crd: CrdVersion): string[] {
  const prepared = defaulted(doc, crd.schema, true);
  const fn = structuralValidator(crd);
  const errors = fn(prepared) ? [] : (fn.errors ?? []).map(e => translateAjvError(prepared, e));
  checkNode(prepared, crd.schema, [], errors);
  return errors;
}
