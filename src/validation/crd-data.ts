/**
 * The shape of crd-schemas.generated.ts (written by scripts/generate-crd-schemas.ts) and how its shared
 * sub-schemas are put back.
 */

/** A node `{ [SHARED_KEY]: n }` in a schema stands for `shared[n]`. */
export const SHARED_KEY = '$shared';

export interface CrdDataEntry {
  /** `<plural>.<group>` */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Served version → index into `schemas`. */
  readonly versions: Readonly<Record<string, number>>;
  /** The file under vendor/crds it was generated from. */
  readonly source: string;
}

export interface CrdData {
  readonly crds: readonly CrdDataEntry[];
  /** `openAPIV3Schema`s as JSON text. */
  readonly schemas: readonly string[];
  /** Sub-schemas referenced from `schemas` (and from each other) as JSON text. */
  readonly shared: readonly string[];
}

/** Parses schema `index` of `data`, with every shared reference replaced by the (read-only, reused) sub-schema. */
export function expandSchema(data: CrdData, index: number, cache: Map<number, unknown> = new Map()): unknown {
  const expand = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(expand);
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === SHARED_KEY) {
      const n = (node as Record<string, number>)[SHARED_KEY];
      let shared = cache.get(n);
      if (shared === undefined) {
        shared = expand(JSON.parse(data.shared[n]));
        cache.set(n, shared);
      }
      return shared;
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = expand((node as Record<string, unknown>)[key]);
    return out;
  };
  return expand(JSON.parse(data.schemas[index]));
}
