/**
 * Writes src/validation/crd-schemas.generated.ts from the pinned CRDs in vendor/crds, so the validator has them at
 * runtime without vendor/ (which the npm package leaves out) and without parsing YAML. Run with
 * `npx projen generate:crd-schemas`; never edit the output by hand.
 *
 * For each CRD it keeps the group, kind, scope and, per served version, the `openAPIV3Schema` with every
 * `x-kubernetes-*` extension (CEL rules included) and everything the API server validates with; only schema
 * `description`s are dropped. Versions with the same schema share one entry, and sub-schemas repeated across
 * CRDs (pod templates, affinity, ...) are stored once and referenced as `{ "$shared": <n> }` (crd-schemas.ts
 * expands them), which roughly halves the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { SHARED_KEY } from '../src/validation/crd-data';
import type { CrdData, CrdDataEntry } from '../src/validation/crd-data';

const ROOT = path.join(__dirname, '..');
const CRD_DIR = path.join(ROOT, 'vendor', 'crds');
export const OUTPUT = path.join(ROOT, 'src', 'validation', 'crd-schemas.generated.ts');
/** Sub-schemas shorter than this stay inline: a reference would save little. */
const MIN_SHARED_LENGTH = 400;

function fail(message: string): never {
  throw new Error(`generate-crd-schemas: ${message}`);
}

/** The schema without `description`s (a property named "description" is kept: it is under `properties`). */
function stripDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripDescriptions);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description') continue;
    if (key === SHARED_KEY) fail(`a schema uses the reserved key ${SHARED_KEY}`);
    out[key] = key === 'properties' || key === 'patternProperties' || key === 'definitions'
      ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripDescriptions(v)]))
      : stripDescriptions(value);
  }
  return out;
}

function crdFiles(): string[] {
  return fs.readdirSync(CRD_DIR)
    .filter(dir => fs.statSync(path.join(CRD_DIR, dir)).isDirectory())
    .sort()
    .flatMap(dir => fs.readdirSync(path.join(CRD_DIR, dir)).filter(f => f.endsWith('.yaml')).sort().map(f => path.join(CRD_DIR, dir, f)));
}

/** JSON text of every object node under `node` (arrays are not shared), built bottom-up from the children's. */
function nodeTexts(node: unknown, out: Map<object, string>): string {
  if (!node || typeof node !== 'object') return JSON.stringify(node);
  const text = Array.isArray(node)
    ? `[${node.map(v => nodeTexts(v, out)).join(',')}]`
    : `{${Object.entries(node).map(([k, v]) => `${JSON.stringify(k)}:${nodeTexts(v, out)}`).join(',')}}`;
  if (!Array.isArray(node)) out.set(node, text);
  return text;
}

/** Replaces every occurrence of `text` (a node's JSON, per `texts`) under `node` with a reference. */
function replaceShared(node: unknown, text: string, ref: object, texts: Map<object, string>): unknown {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(v => replaceShared(v, text, ref, texts));
  const own = texts.get(node)!;
  if (own === text) return ref;
  if (!own.includes(text)) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replaceShared(v, text, ref, texts)]));
}

/** Greedily moves the largest repeated sub-schema into `shared` until none repeats. */
function shareRepeated(schemas: unknown[]): { schemas: unknown[]; shared: unknown[] } {
  let forest = { schemas, shared: [] as unknown[] };
  for (;;) {
    const texts = new Map<object, string>();
    nodeTexts([forest.schemas, forest.shared], texts);
    const counts = new Map<string, number>();
    for (const text of texts.values()) {
      if (text.length >= MIN_SHARED_LENGTH) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const best = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[0].length * (b[1] - 1) - a[0].length * (a[1] - 1))[0];
    if (!best) return forest;
    const ref = { [SHARED_KEY]: forest.shared.length };
    const sharedNode = JSON.parse(best[0]);
    forest = {
      schemas: forest.schemas.map(s => replaceShared(s, best[0], ref, texts)),
      shared: [...forest.shared.map(s => replaceShared(s, best[0], ref, texts)), sharedNode],
    };
  }
}

/** The file's text, its data, and every schema as it was before sub-schemas were shared (for the round-trip test). */
export function generate(): { text: string; data: CrdData; unshared: unknown[] } {
  const entries: CrdDataEntry[] = [];
  const schemaIndex = new Map<string, number>();
  const schemas: unknown[] = [];
  const seen = new Set<string>();
  for (const file of crdFiles()) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON()).filter(d => d?.kind === 'CustomResourceDefinition');
    if (docs.length === 0) fail(`${file}: no CustomResourceDefinition`);
    for (const crd of docs) {
      const { group, names, scope } = crd.spec;
      if (seen.has(`${group}|${names.kind}`)) fail(`${group} ${names.kind} is defined twice`);
      seen.add(`${group}|${names.kind}`);
      const versions: Record<string, number> = {};
      for (const version of crd.spec.versions) {
        if (version.served === false) continue;
        if (!version.schema?.openAPIV3Schema) fail(`${crd.metadata.name} ${version.name}: no openAPIV3Schema`);
        const text = JSON.stringify(stripDescriptions(version.schema.openAPIV3Schema));
        let index = schemaIndex.get(text);
        if (index === undefined) {
          index = schemas.length;
          schemas.push(JSON.parse(text));
          schemaIndex.set(text, index);
        }
        versions[version.name] = index;
      }
      entries.push({
        name: crd.metadata.name,
        group,
        kind: names.kind,
        namespaced: scope !== 'Cluster',
        versions,
        source: path.relative(CRD_DIR, file),
      });
    }
  }
  const forest = shareRepeated(schemas);
  const data: CrdData = {
    crds: entries,
    schemas: forest.schemas.map(s => JSON.stringify(s)),
    shared: forest.shared.map(s => JSON.stringify(s)),
  };
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '// GENERATED FILE, DO NOT EDIT. Regenerate with `npx projen generate:crd-schemas` (scripts/generate-crd-schemas.ts)',
    '// from the pinned CRDs in vendor/crds (provenance in vendor/crds/SOURCES.md): each served version\'s openAPIV3Schema',
    '// without descriptions, CEL rules included. Schemas are JSON text, parsed when a document first needs them.',
    "import type { CrdData } from './crd-data';",
    '',
    'export const CRD_SCHEMAS: CrdData = {',
    '  crds: [',
    ...data.crds.map(c => `    { name: ${quote(c.name)}, group: ${quote(c.group)}, kind: ${quote(c.kind)}, namespaced: ${c.namespaced}, `
      + `versions: { ${Object.entries(c.versions).map(([v, i]) => `${v}: ${i}`).join(', ')} }, source: ${quote(c.source)} },`),
    '  ],',
    '  schemas: [',
    ...data.schemas.map(s => `    ${quote(s)},`),
    '  ],',
    '  shared: [',
    ...data.shared.map(s => `    ${quote(s)},`),
    '  ],',
    '};',
    '',
  ];
  return { text: lines.join('\n'), data, unshared: schemas };
}

if (require.main === module) {
  const { text, data } = generate();
  fs.writeFileSync(OUTPUT, text);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)}: ${data.crds.length} CRDs, ${data.schemas.length} schemas, `
    + `${data.shared.length} shared sub-schemas, ${text.length} bytes`);
}
