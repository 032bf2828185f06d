/**
 * EC2 instance families, to flag family names that match no instance (seed 003's `c6`/`c7`)
 * and to infer a family's category, generation and architecture when placing workloads.
 * Advisory only: an unknown family gets a warning, never an error, so new families still work.
 */

// AWS Graviton (and A1) families: arm64. Every other family listed is x86-64.
const ARM64_FAMILIES = [
  'a1', 'c6g', 'c6gd', 'c6gn', 'c7g', 'c7gd', 'c7gn', 'c8g', 'c8gd', 'c8gn', 'g5g', 'hpc7g', 'i4g', 'i8g', 'im4gn', 'is4gen',
  'm6g', 'm6gd', 'm7g', 'm7gd', 'm8g', 'm8gd', 'r6g', 'r6gd', 'r7g', 'r7gd', 'r8g', 'r8gd', 't4g', 'x2gd', 'x8g',
];

const X86_FAMILIES = [
  // general purpose
  'm1', 'm2', 'm3', 'm4', 'm5', 'm5a', 'm5ad', 'm5d', 'm5dn', 'm5n', 'm5zn', 'm6a', 'm6i', 'm6id', 'm6idn', 'm6in',
  'm7a', 'm7i', 'm7i-flex', 'm8a', 'm8i', 'm8i-flex', 'mac1', 't1', 't2', 't3', 't3a',
  // compute optimized
  'c1', 'c3', 'c4', 'c5', 'c5a', 'c5ad', 'c5d', 'c5n', 'c6a', 'c6i', 'c6id', 'c6in', 'c7a', 'c7i', 'c7i-flex', 'c8a', 'c8i', 'c8i-flex',
  // memory optimized
  'cr1', 'r3', 'r4', 'r5', 'r5a', 'r5ad', 'r5b', 'r5d', 'r5dn', 'r5n', 'r6a', 'r6i', 'r6id', 'r6idn', 'r6in', 'r7a', 'r7i', 'r7iz',
  'r8a', 'r8i', 'r8i-flex', 'u-3tb1', 'u-6tb1', 'u-9tb1', 'u-12tb1', 'u-18tb1', 'u-24tb1', 'u7i-6tb', 'u7i-8tb', 'u7i-12tb',
  'u7in-16tb', 'u7in-24tb', 'u7in-32tb', 'x1', 'x1e', 'x2idn', 'x2iedn', 'x2iezn', 'z1d',
  // storage optimized
  'd2', 'd3', 'd3en', 'h1', 'i2', 'i3', 'i3en', 'i4i', 'i7i', 'i7ie',
  // accelerated
  'dl1', 'dl2q', 'f1', 'f2', 'g3', 'g3s', 'g4ad', 'g4dn', 'g5', 'g6', 'g6e', 'g6f', 'gr6', 'gr6f', 'inf1', 'inf2',
  'p2', 'p3', 'p3dn', 'p4d', 'p4de', 'p5', 'p5e', 'p5en', 'p6-b200', 'trn1', 'trn1n', 'trn2', 'vt1',
  // HPC
  'hpc6a', 'hpc6id', 'hpc7a',
];

const KNOWN_FAMILIES: ReadonlySet<string> = new Set([...ARM64_FAMILIES, ...X86_FAMILIES]);
const ARM64: ReadonlySet<string> = new Set(ARM64_FAMILIES);

/** The category and generation Karpenter derives from a family name (`c6gn` → `c`, 6). */
export function parseFamily(family: string): { category: string; generation: number } | undefined {
  const match = /^([a-z]+)(\d+)/.exec(family);
  return match ? { category: match[1], generation: Number(match[2]) } : undefined;
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set([...KNOWN_FAMILIES].map(f => parseFamily(f)?.category).filter((c): c is string => !!c));

export function isKnownFamily(family: string): boolean {
  return KNOWN_FAMILIES.has(family);
}

export function isKnownCategory(category: string): boolean {
  return KNOWN_CATEGORIES.has(category);
}

/** `arm64` or `amd64` for a known family; `undefined` when the family is unknown. */
export function familyArch(family: string): string | undefined {
  if (!KNOWN_FAMILIES.has(family)) return undefined;
  return ARM64.has(family) ? 'arm64' : 'amd64';
}

/** The family of an instance type name (`c6i.large` → `c6i`). */
export function familyOfInstanceType(instanceType: string): string {
  return instanceType.split('.')[0];
}

const SIZE = /^(nano|micro|small|medium|large|xlarge|\d+xlarge|metal|metal-\d+xl|\d+tb)$/;

export function isKnownSize(size: string): boolean {
  return SIZE.test(size);
}
