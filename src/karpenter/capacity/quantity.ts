/**
 * Kubernetes quantities as numbers in base units (cores, bytes, counts), and back as short strings for messages
 * and reports. Internal to the capacity code.
 */

const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei))?$/;

/** A Kubernetes quantity (`500m`, `2`, `64Gi`, `1e3`) as a number, or undefined when it is not one. */
export function parseQuantity(quantity: string): number | undefined {
  const m = QUANTITY.exec(quantity.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return Number(`${m[1]}${m[2]}`);
  return base * SUFFIXES[m[3] ?? ''];
}

const GIB = 2 ** 30;
const MIB = 2 ** 20;
const KIB = 2 ** 10;

/** Trims a number to at most `digits` decimals, without trailing zeros. */
export function trimNumber(value: number, digits = 3): string {
  return String(Number(value.toFixed(digits)));
}

/** Bytes in the largest binary unit that keeps them whole (`64Gi`, `6903Mi`), else rounded (`1.234Gi`). */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB && bytes % GIB === 0) return `${bytes / GIB}Gi`;
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB}Mi`;
  if (bytes >= KIB && bytes % KIB === 0 && bytes < MIB) return `${bytes / KIB}Ki`;
  if (bytes >= GIB) return `${trimNumber(bytes / GIB)}Gi`;
  if (bytes >= MIB) return `${trimNumber(bytes / MIB)}Mi`;
  return trimNumber(bytes);
}

/** A resource amount in base units as a person reads it: cpu in cores (`8`, `0.9`), memory `64Gi`, counts as is. */
export function formatQuantity(resource: string, amount: number): string {
  if (resource === 'cpu') return trimNumber(amount);
  if (resource === 'memory' || resource === 'ephemeral-storage') return formatBytes(amount);
  return trimNumber(amount);
}
