/**
 * Writes src/karpenter/capacity/catalog-data.generated.ts, with its label and resource columns in
 * catalog-labels.generated.ts and catalog-resources.generated.ts (so no file is over 600 lines), from the vendored Karpenter facts in vendor/karpenter-data:
 * instance-types.md (labels and allocatable resources per instance type), zz_generated.pricing_aws.go (on-demand
 * $/hour) and SOURCES.md (provenance). Run with `npx projen generate:catalog`; never edit the output by hand.
 *
 * The parser is strict: anything it does not recognise (a quantity suffix, a table row outside a table, a type
 * listed twice, an instance-type label that is not the type's name) stops the script rather than being skipped.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EncodedCells, encodeCells, RawCatalog, RawLabelColumn, RawResourceColumn, RawResourceUnit } from '../src/karpenter/capacity/catalog-format';

const ROOT = path.join(__dirname, '..');
const VENDOR = path.join(ROOT, 'vendor', 'karpenter-data');
const OUTPUT_DIR = path.join(ROOT, 'src', 'karpenter', 'capacity');
export const OUTPUT = path.join(OUTPUT_DIR, 'catalog-data.generated.ts');
export const LABELS_OUTPUT = path.join(OUTPUT_DIR, 'catalog-labels.generated.ts');
export const RESOURCES_OUTPUT = path.join(OUTPUT_DIR, 'catalog-resources.generated.ts');
const NAME_LABEL = 'node.kubernetes.io/instance-type';
const MAX_LINE = 150;

interface ParsedType {
  readonly name: string;
  readonly labels: Map<string, string>;
  readonly resources: Map<string, string>;
}

function fail(message: string): never {
  throw new Error(`generate-instance-catalog: ${message}`);
}

/** Every instance type of the upstream page, with its Labels and Resources tables. */
export function parseInstanceTypes(markdown: string): ParsedType[] {
  const types: ParsedType[] = [];
  let current: ParsedType | undefined;
  let table: 'labels' | 'resources' | undefined;
  markdown.split('\n').forEach((line, i) => {
    const where = `instance-types.md:${i + 1}`;
    const heading = /^### `([^`]+)`\s*$/.exec(line);
    if (heading) {
      current = { name: heading[1], labels: new Map(), resources: new Map() };
      types.push(current);
      table = undefined;
      return;
    }
    if (/^## /.test(line)) {
      current = undefined;
      table = undefined;
      return;
    }
    if (line.startsWith('#### ')) {
      if (!current) fail(`${where}: "${line}" outside an instance type`);
      if (line.trim() === '#### Labels') table = 'labels';
      else if (line.trim() === '#### Resources') table = 'resources';
      else fail(`${where}: unknown section "${line}"`);
      return;
    }
    const row = /^ \|([^|]*)\|([^|]*)\|\s*$/.exec(line);
    if (!row) return;
    const [key, value] = [row[1].trim(), row[2].trim()];
    if (key === 'Label' || key === 'Resource' || key === '--') return;
    if (!current || !table) fail(`${where}: table row outside a Labels or Resources table`);
    const target = table === 'labels' ? current.labels : current.resources;
    if (target.has(key)) fail(`${where}: ${current.name} lists ${key} twice`);
    target.set(key, value);
  });
  const seen = new Set<string>();
  for (const t of types) {
    if (seen.has(t.name)) fail(`${t.name} is listed twice`);
    seen.add(t.name);
    if (t.labels.get(NAME_LABEL) !== t.name) fail(`${t.name}: ${NAME_LABEL} is "${t.labels.get(NAME_LABEL)}", not the type's name`);
    if (!t.resources.has('cpu') || !t.resources.has('memory') || !t.resources.has('pods')) fail(`${t.name}: missing cpu, memory or pods`);
  }
  return types;
}

/** The on-demand price table: region, generation time and $/hour per instance type. */
export function parsePricing(go: string): { region: string; generatedAt: string; prices: Map<string, number> } {
  const header = /^\/\/ generated at (\S+) for (\S+)\s*$/m.exec(go);
  if (!header) fail('zz_generated.pricing_aws.go: no "// generated at <time> for <region>" line');
  const [, generatedAt, region] = header;
  const regions = [...go.matchAll(/^\t"([a-z0-9-]+)": \{\s*$/gm)].map(m => m[1]);
  if (regions.length !== 1 || regions[0] !== region) fail(`zz_generated.pricing_aws.go: expected one region block for ${region}, found [${regions}]`);
  const prices = new Map<string, number>();
  for (const m of go.matchAll(/"([a-z0-9][a-z0-9.-]*\.[a-z0-9-]+)": ([0-9]+(?:\.[0-9]+)?)/g)) {
    if (prices.has(m[1])) fail(`zz_generated.pricing_aws.go: ${m[1]} is priced twice`);
    prices.set(m[1], Number(m[2]));
  }
  if (prices.size === 0) fail('zz_generated.pricing_aws.go: no prices');
  return { region, generatedAt, prices };
}

/** The upstream repository, commit and date SOURCES.md records. */
export function parseSources(markdown: string): { repository: string; commit: string; date: string; instanceTypesPath: string } {
  const from = /From ([\w.-]+\/[\w.-]+) at commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)/.exec(markdown);
  if (!from) fail('SOURCES.md: no "From <owner/repo> at commit <sha> (<date>)" line');
  const page = /\|\s*`instance-types\.md`\s*\|\s*`([^`]+)`/.exec(markdown);
  if (!page) fail('SOURCES.md: no upstream path for instance-types.md');
  return { repository: from[1], commit: from[2], date: from[3], instanceTypesPath: page[1] };
}

const BINARY: Record<string, number> = { '': 1, 'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

function unitOf(resource: string): RawResourceUnit {
  if (resource === 'cpu') return 'millicores';
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) return 'MiB';
  return 'count';
}

/** A Kubernetes quantity as an integer in the column's unit; fails on anything that is not a whole number of it. */
export function quantityIn(quantity: string, unit: RawResourceUnit, context: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|Ki|Mi|Gi|Ti|Pi|k|M|G|T|P|)$/.exec(quantity);
  if (!m) fail(`${context}: unrecognised quantity "${quantity}"`);
  const [, digits, suffix] = m;
  const milli = suffix === 'm';
  const base = Number(digits) * (milli ? 1e-3 : (BINARY[suffix] ?? DECIMAL[suffix]));
  const value = unit === 'millicores' ? base * 1000 : unit === 'MiB' ? base / 2 ** 20 : base;
  const rounded = Math.round(value);
  if (Math.abs(value - rounded) > 1e-6 || rounded < 0) fail(`${context}: ${quantity} is not a whole number of ${unit}`);
  return rounded;
}

const INTEGER = /^-?[0-9]+$/;

function labelColumn(key: string, types: readonly ParsedType[]): RawLabelColumn {
  const present = [...new Set(types.map(t => t.labels.get(key)).filter((v): v is string => v !== undefined))];
  const values = present.every(v => INTEGER.test(v)) ? present.sort((a, b) => Number(a) - Number(b)) : present.sort();
  const index = new Map(values.map((v, i) => [v, i]));
  return { key, values, cells: encodeCells(types.map(t => (t.labels.has(key) ? index.get(t.labels.get(key)!)! + 1 : 0))) };
}

function resourceColumn(name: string, types: readonly ParsedType[]): RawResourceColumn {
  const unit = unitOf(name);
  return { name, unit, cells: encodeCells(types.map(t => (t.resources.has(name) ? quantityIn(t.resources.get(name)!, unit, `${t.name} ${name}`) : 0))) };
}

export function buildCatalog(vendorDir: string = VENDOR): RawCatalog {
  const read = (file: string) => fs.readFileSync(path.join(vendorDir, file), 'utf8');
  const markdown = read('instance-types.md');
  const types = parseInstanceTypes(markdown);
  const pricing = parsePricing(read('zz_generated.pricing_aws.go'));
  const sources = parseSources(read('SOURCES.md'));
  const version = /\/v(\d+\.\d+)\//.exec(sources.instanceTypesPath);
  if (!version) fail(`SOURCES.md: no Karpenter version in ${sources.instanceTypesPath}`);
  const assumptions = [...markdown.matchAll(/^- (.+)$/gm)].map(m => m[1].trim());
  const ami = /`amiFamily` is set to `([^`]+)`/.exec(markdown);
  if (!ami) fail('instance-types.md: no "`amiFamily` is set to" assumption');

  const labelKeys = [...new Set(types.flatMap(t => [...t.labels.keys()]))].filter(k => k !== NAME_LABEL).sort();
  const resourceOrder = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  const resourceNames = [...new Set(types.flatMap(t => [...t.resources.keys()]))]
    .sort((a, b) => (resourceOrder.indexOf(a) + 1 || 99) - (resourceOrder.indexOf(b) + 1 || 99) || a.localeCompare(b));

  return {
    source: {
      repository: sources.repository,
      commit: sources.commit,
      date: sources.date,
      karpenterVersion: version[1],
      instanceTypesPath: sources.instanceTypesPath,
      amiFamily: ami[1],
      assumptions,
    },
    pricing: { path: 'pkg/providers/pricing/zz_generated.pricing_aws.go', region: pricing.region, generatedAt: pricing.generatedAt, entries: pricing.prices.size },
    nameLabel: NAME_LABEL,
    names: types.map(t => t.name),
    labels: labelKeys.map(k => labelColumn(k, types)),
    resources: resourceNames.map(r => resourceColumn(r, types)),
    onDemandPrices: types.map(t => pricing.prices.get(t.name) ?? null),
  };
}

/** Items joined with ', ', wrapped so no line (with its indentation) exceeds MAX_LINE. */
function wrap(items: readonly string[], indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line} ${item},` : `${item},`;
    if (indent.length + next.length > MAX_LINE && line) {
      lines.push(indent + line);
      line = `${item},`;
    } else {
      line = next;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function array(items: readonly string[], indent: string): string {
  return items.length === 0 ? '[]' : `[\n${wrap(items, indent + '  ')}\n${indent}]`;
}

/** A long string as quoted pieces joined by `+`, so no line (with its indentation) exceeds MAX_LINE. */
function longString(text: string, indent: string): string {
  const room = MAX_LINE - indent.length - 4;
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += room) pieces.push(str(text.slice(at, at + room)));
  return pieces.length <= 1 ? (pieces[0] ?? "''") : `\n${indent}${pieces.join(`\n${indent}+ `)}`;
}

/** The lines of an encoded column's `cells`, indented as a field of one column in a column file. */
function cells(encoded: EncodedCells): string[] {
  const digits = longString(encoded.digits, '        ');
  return ['cells: {', `  width: ${encoded.width},`, `  digits:${digits.startsWith('\n') ? '' : ' '}${digits},`, '},'];
}

/** A generated file that exports the catalog's columns of one kind as `name`, each column given by its field lines. */
function columnFile(catalog: RawCatalog, kind: string, type: string, name: string, columns: string[][]): string {
  const lines = [
    ...header(catalog),
    `// The ${kind} columns of catalog-data.generated.ts.`,
    `import type { ${type} } from './catalog-format';`,
    '',
    `export const ${name}: ${type}[] = [`,
  ];
  for (const fields of columns) lines.push('  {', ...fields.map(line => `    ${line}`), '  },');
  lines.push('];', '');
  return lines.join('\n');
}

const header = (catalog: RawCatalog) => [
  '// GENERATED FILE, DO NOT EDIT. Regenerate with `npx projen generate:catalog` (scripts/generate-instance-catalog.ts)',
  '// from vendor/karpenter-data (Apache-2.0; provenance in vendor/karpenter-data/SOURCES.md):',
  `//   ${catalog.source.repository} at ${catalog.source.commit} (${catalog.source.date}):`,
  `//   ${catalog.source.instanceTypesPath} (Karpenter ${catalog.source.karpenterVersion}, ${catalog.source.amiFamily}) and`,
  `//   ${catalog.pricing.path} (on-demand, ${catalog.pricing.region}, generated at ${catalog.pricing.generatedAt}).`,
];

/** The generated files, by path: the catalog, its label columns and its resource columns. */
export function render(catalog: RawCatalog): Record<string, string> {
  const { source, pricing } = catalog;
  const out: string[] = [
    ...header(catalog),
    '// Loaded only through instance-catalog-data.ts when a capacity check runs.',
    "import type { RawCatalog } from './catalog-format';",
    "import { LABELS } from './catalog-labels.generated';",
    "import { RESOURCES } from './catalog-resources.generated';",
    '',
    'export const RAW_CATALOG: RawCatalog = {',
    '  source: {',
    `    repository: ${str(source.repository)},`,
    `    commit: ${str(source.commit)},`,
    `    date: ${str(source.date)},`,
    `    karpenterVersion: ${str(source.karpenterVersion)},`,
    `    instanceTypesPath: ${str(source.instanceTypesPath)},`,
    `    amiFamily: ${str(source.amiFamily)},`,
    `    assumptions: ${array(source.assumptions.map(str), '    ')},`,
    '  },',
    '  pricing: {',
    `    path: ${str(pricing.path)},`,
    `    region: ${str(pricing.region)},`,
    `    generatedAt: ${str(pricing.generatedAt)},`,
    `    entries: ${pricing.entries},`,
    '  },',
    `  nameLabel: ${str(catalog.nameLabel)},`,
    `  names: ${array(catalog.names.map(str), '  ')},`,
    '  labels: LABELS,',
    '  resources: RESOURCES,',
    `  onDemandPrices: ${array(catalog.onDemandPrices.map(p => (p === null ? 'null' : String(p))), '  ')},`,
    '};',
    '',
  ];
  const labels = columnFile(catalog, 'label', 'RawLabelColumn', 'LABELS', catalog.labels.map(column =>
    [`key: ${str(column.key)},`, `values: ${array(column.values.map(str), '    ')},`, ...cells(column.cells)]));
  const resources = columnFile(catalog, 'resource', 'RawResourceColumn', 'RESOURCES', catalog.resources.map(column =>
    [`name: ${str(column.name)},`, `unit: ${str(column.unit)},`, ...cells(column.cells)]));
  return { [OUTPUT]: out.join('\n'), [LABELS_OUTPUT]: labels, [RESOURCES_OUTPUT]: resources };
}

if (require.main === module) {
  const catalog = buildCatalog();
  const files = render(catalog);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(file, text);
  const priced = catalog.onDemandPrices.filter(p => p !== null).length;
  const bytes = Object.values(files).reduce((n, text) => n + Buffer.byteLength(text), 0);
  console.log(`wrote ${Object.keys(files).map(f => path.relative(ROOT, f)).join(' and ')}: ${catalog.names.length} instance types, `
    + `${priced} priced, ${catalog.labels.length} label columns, ${catalog.resources.length} resource columns, ${bytes} bytes`);
}
