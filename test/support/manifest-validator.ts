/**
 * Validates synthesized manifests the way the API server would, so tests catch output
 * that `kubectl apply` would reject. Custom resources are checked against the pinned CRDs
 * in ../shared/crds (schema and CEL rules); built-in kinds against the Kubernetes schema.
 *
 * A document whose kind has no schema here is an error, never a skip.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

export const CRD_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'crds');

interface CrdVersion {
  readonly schema: any;
}

let crdIndex: Map<string, CrdVersion> | undefined;

function loadCrds(): Map<string, CrdVersion> {
  if (crdIndex) return crdIndex;
  crdIndex = new Map();
  for (const dir of fs.readdirSync(CRD_DIR)) {
    const full = path.join(CRD_DIR, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const file of fs.readdirSync(full).filter(f => f.endsWith('.yaml'))) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(full, file), 'utf8'))) {
        const crd = doc.toJSON();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const v of crd.spec.versions) {
          crdIndex.set(`${crd.spec.group}/${v.name}|${crd.spec.names.kind}`, { schema: v.schema.openAPIV3Schema });
        }
      }
    }
  }
  return crdIndex;
}

/** Turns a structural openAPIV3Schema into a JSON schema ajv checks strictly (unknown fields fail). */
function toJsonSchema(schema: any): any {
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable') continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, toJsonSchema(pv)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? toJsonSchema(v) : v;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = (v as any[]).map(toJsonSchema);
    } else if (k === 'format' || k === 'description' || k === 'default' || k === 'example') {
      continue;
    } else {
      out[k] = v;
    }
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable && out.type) out.type = [out.type, 'null'];
  if (schema.type === 'object' && schema.properties && !schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function crdValidator(key: string, schema: any): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    const root = toJsonSchema(schema);
    // metadata is validated by the API server itself, not by the CRD schema
    if (root.properties) root.properties.metadata = { type: 'object' };
    fn = ajv.compile(root);
    compiled.set(key, fn);
  }
  return fn;
}

/** The kubernetes-models class for a built-in kind, if there is one. */
function builtinModel(apiVersion: string | undefined, kind: string | undefined): any {
  if (!apiVersion || !kind) return undefined;
  const group = apiVersion.includes('/') ? apiVersion : `v1`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`kubernetes-models/${group}`);
    return mod[kind];
  } catch {
    return undefined;
  }
}

/** Returns one message per problem found; an empty list means every document is valid. */
export function validateManifests(manifests: any[]): string[] {
  const errors: string[] = [];
  const crds = loadCrds();
  for (const doc of manifests) {
    const id = `${doc?.apiVersion} ${doc?.kind} ${doc?.metadata?.namespace ? doc.metadata.namespace + '/' : ''}${doc?.metadata?.name}`;
    const key = `${doc?.apiVersion}|${doc?.kind}`;
    const crd = crds.get(key);
    if (crd) {
      const fn = crdValidator(key, crd.schema);
      if (!fn(doc)) {
        for (const e of fn.errors ?? []) errors.push(`${id}: ${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
      }
      continue;
    }
    const builtin = builtinModel(doc?.apiVersion, doc?.kind);
    if (builtin) {
      try {
        new builtin(doc).validate();
      } catch (e: any) {
        for (const err of e.errors ?? [{ instancePath: '', message: e.message }]) {
          errors.push(`${id}: ${err.instancePath || '/'} ${err.message}`);
        }
      }
      continue;
    }
    errors.push(`${id}: no schema for ${key}`);
  }
  return errors;
}

/** Jest helper: fails with every problem listed. */
export function expectValidManifests(manifests: any[]): void {
  const errors = validateManifests(manifests);
  if (errors.length > 0) {
    throw new Error(`${errors.length} invalid manifest field(s):\n${errors.join('\n')}`);
  }
}
