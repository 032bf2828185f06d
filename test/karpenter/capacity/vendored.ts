import * as fs from 'fs';
import * as path from 'path';

/**
 * The vendored Karpenter facts read straight from vendor/karpenter-data, independently of the generator, so the
 * tests compare the catalog with its sources and cannot drift from them.
 */
export const VENDOR = path.join(__dirname, '..', '..', '..', 'vendor', 'karpenter-data');
const read = (file: string) => fs.readFileSync(path.join(VENDOR, file), 'utf8');

export const INSTANCE_TYPES_MD = read('instance-types.md');
export const PRICING_GO = read('zz_generated.pricing_aws.go');
export const SOURCES_MD = read('SOURCES.md');

function rows(body: string | undefined): Record<string, string> {
  return Object.fromEntries([...(body ?? '').matchAll(/^ \|([^|]+)\|([^|]+)\|$/gm)]
    .map(m => [m[1].trim(), m[2].trim()])
    .filter(([k]) => k !== 'Label' && k !== 'Resource' && k !== '--'));
}

/** Each instance type's Labels and Resources tables, by name, in page order. */
const SECTIONS: Map<string, { Labels: Record<string, string>; Resources: Record<string, string> }> = new Map(
  INSTANCE_TYPES_MD.split(/^### /m).slice(1).map(section => {
    const name = /^`([^`]+)`/.exec(section)![1];
    const [, labels, resources] = section.split(/^#### (?:Labels|Resources)$/m);
    return [name, { Labels: rows(labels), Resources: rows(resources) }];
  }));

/** The instance type names, in page order. */
export const VENDORED_NAMES: string[] = [...SECTIONS.keys()];

/** The rows of one table ("Labels" or "Resources") of one instance type's section. */
export function vendoredTable(name: string, table: 'Labels' | 'Resources'): Record<string, string> {
  const section = SECTIONS.get(name);
  if (!section) throw new Error(`${name} is not in instance-types.md`);
  return section[table];
}

/** The on-demand $/hour of a type in the vendored price table, or undefined. */
export function vendoredPrice(name: string): number | undefined {
  const m = new RegExp(`"${name.replace(/\./g, '\\.')}": ([0-9.]+)`).exec(PRICING_GO);
  return m ? Number(m[1]) : undefined;
}

/** Every `"type": price` pair of the vendored price table. */
export const VENDORED_PRICES: Map<string, number> = new Map(
  [...PRICING_GO.matchAll(/"([a-z0-9][a-z0-9.-]*\.[a-z0-9-]+)": ([0-9.]+)/g)].map(m => [m[1], Number(m[2])]));

/** The names of the types whose Labels table has the key (with the value, when given). */
export function vendoredNamesWithLabel(key: string, value?: string): string[] {
  return VENDORED_NAMES.filter(n => {
    const v = vendoredTable(n, 'Labels')[key];
    return v !== undefined && (value === undefined || v === value);
  });
}
