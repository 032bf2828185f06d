import { decodeCells, RawCatalog, RawResourceUnit } from './catalog-format';

/**
 * The EC2 instance types Karpenter can launch, as vendored facts: each type's well-known labels, its allocatable
 * resources after Karpenter's overhead, and its on-demand price. Decoded from `catalog-data.generated.ts` (and its
 * column files), which is loaded on the first call to {@link loadInstanceCatalog} and not before: importing this
 * module costs nothing.
 *
 * What the facts assume (from the upstream page): `amiFamily: AL2023`, no `blockDeviceMappings` (so
 * `ephemeral-storage` is the 20 GiB default root volume less eviction), default kubelet settings (`maxPods`,
 * `kubeReserved`, `systemReserved`, eviction thresholds) and the default VM memory overhead. The page lists types
 * available in us-east-1, us-east-2 or us-west-2; prices are us-east-1 on-demand only (no Spot, no other region, no
 * reserved capacity). There are no zones or capacity-type offerings in the data.
 */

/** Allocatable resources in base units: `cpu` in cores, `memory` and `ephemeral-storage` in bytes, everything else a count. */
export type ResourceList = Readonly<Record<string, number>>;

/** One EC2 instance type. */
export interface InstanceTypeInfo {
  /** The instance type, e.g. `m7g.large`. */
  readonly name: string;
  /**
   * Every well-known label Karpenter sets on the type with a single value (`karpenter.k8s.aws/instance-*`,
   * `kubernetes.io/arch`, `kubernetes.io/os`, `node.kubernetes.io/instance-type`). A label that is absent is one
   * Karpenter sets to "does not exist" for this type (e.g. the GPU labels of a type without GPUs).
   */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Allocatable resources after Karpenter's overhead (kube-reserved, system-reserved, eviction), in base units:
   * `cpu` in cores, `memory` and `ephemeral-storage` in bytes, `pods` and extended resources (`nvidia.com/gpu`,
   * `aws.amazon.com/neuron`, `vpc.amazonaws.com/efa`, ...) as counts. A resource the type does not offer is absent.
   */
  readonly allocatable: ResourceList;
  /** On-demand $/hour in the catalog's pricing region; `undefined` when the price table has no price for the type. */
  readonly onDemandPricePerHour: number | undefined;
}

/** Where the catalog's facts come from. */
export interface CatalogMetadata {
  /** The Karpenter minor version whose instance-type reference the catalog holds, e.g. `1.14`. */
  readonly karpenterVersion: string;
  /** The upstream repository (`aws/karpenter-provider-aws`). */
  readonly sourceRepository: string;
  /** The upstream commit the facts were vendored from. */
  readonly sourceCommit: string;
  /** The date of that commit (YYYY-MM-DD). */
  readonly sourceDate: string;
  /** The upstream path of the instance-type reference page. */
  readonly instanceTypesPath: string;
  /** The AMI family the allocatable resources assume (`AL2023`). */
  readonly amiFamily: string;
  /** The assumptions the upstream page states for its allocatable resources. */
  readonly assumptions: readonly string[];
  /** The region of the on-demand prices (`us-east-1`). */
  readonly pricingRegion: string;
  /** When upstream generated the price table (ISO 8601). */
  readonly pricingGeneratedAt: string;
  /** The upstream path of the price table. */
  readonly pricingPath: string;
  /** The number of prices in the table (it also prices types the reference page does not list). */
  readonly pricingEntries: number;
}

/** The decoded catalog. Immutable; shared by every caller. */
export interface InstanceCatalog {
  /** Every instance type, in the upstream page's order (by family, then size). */
  readonly types: readonly InstanceTypeInfo[];
  /** The instance type of a name. */
  readonly byName: ReadonlyMap<string, InstanceTypeInfo>;
  /** Every label key some type carries, sorted. A type without one of these keys has "does not exist" for it. */
  readonly labelKeys: readonly string[];
  /** Every allocatable resource some type offers, `cpu`, `memory`, `ephemeral-storage`, `pods` first. */
  readonly resourceNames: readonly string[];
  readonly metadata: CatalogMetadata;
}

const MIB = 2 ** 20;

function toBaseUnits(value: number, unit: RawResourceUnit): number {
  switch (unit) {
    case 'millicores': return value / 1000;
    case 'MiB': return value * MIB;
    case 'count': return value;
  }
}

/** Decodes the columnar raw catalog into frozen per-type objects. */
export function decodeCatalog(raw: RawCatalog): InstanceCatalog {
  const labelCells = raw.labels.map(column => decodeCells(column.cells));
  const resourceCells = raw.resources.map(column => decodeCells(column.cells));
  const types = raw.names.map((name, row) => {
    const labels: Record<string, string> = { [raw.nameLabel]: name };
    raw.labels.forEach((column, i) => {
      const cell = labelCells[i][row];
      if (cell > 0) labels[column.key] = column.values[cell - 1];
    });
    const allocatable: Record<string, number> = {};
    raw.resources.forEach((column, i) => {
      const cell = resourceCells[i][row];
      if (cell !== 0) allocatable[column.name] = toBaseUnits(cell, column.unit);
    });
    const price = raw.onDemandPrices[row];
    return Object.freeze<InstanceTypeInfo>({
      name,
      labels: Object.freeze(sortKeys(labels)),
      allocatable: Object.freeze(allocatable),
      onDemandPricePerHour: price === null ? undefined : price,
    });
  });
  const metadata: CatalogMetadata = Object.freeze({
    karpenterVersion: raw.source.karpenterVersion,
    sourceRepository: raw.source.repository,
    sourceCommit: raw.source.commit,
    sourceDate: raw.source.date,
    instanceTypesPath: raw.source.instanceTypesPath,
    amiFamily: raw.source.amiFamily,
    assumptions: Object.freeze([...raw.source.assumptions]),
    pricingRegion: raw.pricing.region,
    pricingGeneratedAt: raw.pricing.generatedAt,
    pricingPath: raw.pricing.path,
    pricingEntries: raw.pricing.entries,
  });
  return Object.freeze({
    types: Object.freeze(types),
    byName: new Map(types.map(t => [t.name, t])),
    labelKeys: Object.freeze([raw.nameLabel, ...raw.labels.map(c => c.key)].sort()),
    resourceNames: Object.freeze(raw.resources.map(c => c.name)),
    metadata,
  });
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The catalog, decoded on first use and shared afterwards. The data module is required here and nowhere else,
 * so importing the capacity code does not load 115 KB of facts until a capacity check needs them.
 */
export const loadInstanceCatalog: () => InstanceCatalog = (() => {
  let decoded: InstanceCatalog | undefined;
  return () => {
    if (!decoded) {
      // The one lazy require of the capacity code: the generated data stays out of the import graph.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const data: typeof import('./catalog-data.generated') = require('./catalog-data.generated');
      decoded = decodeCatalog(data.RAW_CATALOG);
    }
    return decoded;
  };
})();
