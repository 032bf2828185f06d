import { loadInstanceCatalog } from './capacity/instance-catalog-data';
import { instanceTypeCapacity, PRICING_NOTE } from './capacity/public-data';
import { CapacityCatalogInfo, InstanceTypeCapacity } from './capacity-types';

/**
 * The EC2 instance types Karpenter can launch, as vendored facts (the Karpenter instance-type reference and its
 * on-demand price table, see docs/capacity.md): what the capacity checks and reports read. Loaded on first use.
 */
export class CapacityCatalog {
  /** Where the facts and prices come from, and how many types there are. */
  public static info(): CapacityCatalogInfo {
    const catalog = loadInstanceCatalog();
    const m = catalog.metadata;
    return {
      karpenterVersion: m.karpenterVersion,
      sourceRepository: m.sourceRepository,
      sourceCommit: m.sourceCommit,
      sourceDate: m.sourceDate,
      amiFamily: m.amiFamily,
      instanceTypeCount: catalog.types.length,
      pricedInstanceTypeCount: catalog.types.filter(t => t.onDemandPricePerHour !== undefined).length,
      pricingRegion: m.pricingRegion,
      pricingDate: m.pricingGeneratedAt.slice(0, 10),
      pricingGeneratedAt: m.pricingGeneratedAt,
      pricingNote: PRICING_NOTE,
    };
  }

  /** One instance type by name (`m5.large`), or undefined when the catalog does not have it. */
  public static instanceType(name: string): InstanceTypeCapacity | undefined {
    const type = loadInstanceCatalog().byName.get(name);
    return type && instanceTypeCapacity(type);
  }

  /** The names of every instance type of the catalog, in the reference's order. */
  public static instanceTypeNames(): string[] {
    return loadInstanceCatalog().types.map(t => t.name);
  }

  private constructor() {}
}
