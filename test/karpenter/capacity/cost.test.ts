import { vendoredPrice } from './vendored';
import { costSummary, limitCeiling, limitsForBudget, memoryCapacityBytes, vcpus } from '../../../src/karpenter/capacity/cost';
import { InstanceCatalog, InstanceTypeInfo, loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';
import { compatibleInstanceTypes } from '../../../src/karpenter/capacity/requirements';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe('on-demand cost', () => {
  let catalog: InstanceCatalog;
  let type: (name: string) => InstanceTypeInfo;
  // Memory capacity: m5.large 8192 - ceil(8192 × 7.5%) = 7577 MiB; c5.large 4096 - 308 = 3788 MiB. Both have 2 vCPU.
  let m5Large: number;
  let c5Large: number;
  beforeAll(() => {
    catalog = loadInstanceCatalog();
    type = name => catalog.byName.get(name)!;
    m5Large = vendoredPrice('m5.large')!;
    c5Large = vendoredPrice('c5.large')!;
  });
  const perGiB = (price: number, capacityMiB: number) => price / (capacityMiB / 1024);

  test('models memory capacity as Karpenter does: EC2 memory less 64 MiB on arm64 less the VM overhead', () => {
    expect(memoryCapacityBytes(type('m5.large'))).toBe(7577 * MIB);
    expect(memoryCapacityBytes(type('c5.large'))).toBe(3788 * MIB);
    // a1.medium: (2048 - 64) - ceil(1984 × 7.5%) = 1835 MiB
    expect(memoryCapacityBytes(type('a1.medium'))).toBe(1835 * MIB);
    expect(memoryCapacityBytes(type('m5.large'), 0)).toBe(8192 * MIB);
    expect(vcpus(type('m5.large'))).toBe(2);
  });

  test('gives $/hour, $/vCPU-hour and $/GiB-hour ranges and lists the unpriced types', () => {
    const summary = costSummary(['m5.large', 'c5.large', 'hpc7a.12xlarge'].map(n => type(n)));
    expect(summary.perNode).toEqual({ min: c5Large, max: m5Large, cheapest: 'c5.large', priciest: 'm5.large' });
    expect(summary.perVcpu).toEqual({ min: c5Large / 2, max: m5Large / 2, cheapest: 'c5.large', priciest: 'm5.large' });
    expect(summary.perGiB).toEqual({ min: perGiB(m5Large, 7577), max: perGiB(c5Large, 3788), cheapest: 'm5.large', priciest: 'c5.large' });
    expect(summary.priced).toBe(2);
    expect(summary.unpriced).toEqual(['hpc7a.12xlarge']);
  });

  test('prices every m5 size at the same $/vCPU-hour', () => {
    const m5 = compatibleInstanceTypes([{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] }], catalog);
    const summary = costSummary(m5);
    expect(summary.perVcpu!.min).toBeCloseTo(0.048, 6);
    expect(summary.perVcpu!.max).toBeCloseTo(0.048, 6);
    expect(summary.perNode).toMatchObject({ min: m5Large, cheapest: 'm5.large' });
  });

  test('returns no ranges for a set without priced types', () => {
    expect(costSummary([type('hpc7a.12xlarge')])).toEqual({
      perNode: undefined, perVcpu: undefined, perGiB: undefined, priced: 0, unpriced: ['hpc7a.12xlarge'],
    });
  });

  describe('limits', () => {
    let pool: InstanceTypeInfo[];
    beforeAll(() => {
      pool = [type('m5.large'), type('c5.large')];
    });

    test('caps $/hour at the cpu limit times the highest $/vCPU-hour', () => {
      // 100 vCPU × m5.large's $0.048 per vCPU-hour
      const ceiling = limitCeiling(pool, { cpu: 100 });
      expect(ceiling.fromCpu).toBeCloseTo(100 * m5Large / 2, 10);
      expect(ceiling.pricePerHour).toBe(ceiling.fromCpu);
      expect(ceiling.fromMemory).toBeUndefined();
    });

    test('caps $/hour at the memory limit times the highest $/GiB-hour, and takes the smaller of the two', () => {
      const ceiling = limitCeiling(pool, { cpu: 100, memory: 100 * GIB });
      expect(ceiling.fromMemory).toBeCloseTo(100 * perGiB(c5Large, 3788), 10);
      expect(ceiling.pricePerHour).toBe(Math.min(ceiling.fromCpu!, ceiling.fromMemory!));
      expect(ceiling.pricePerHour).toBe(ceiling.fromMemory);
    });

    test('bounds what any fill of the limit costs', () => {
      // Filling 100 vCPU with the priciest type per vCPU: 50 × m5.large.
      expect(50 * m5Large).toBeLessThanOrEqual(limitCeiling(pool, { cpu: 100 }).pricePerHour! + 1e-9);
    });

    test('returns no ceiling without limits', () => {
      expect(limitCeiling(pool, {}).pricePerHour).toBeUndefined();
    });

    test('lists the unpriced types the ceiling does not cover', () => {
      expect(limitCeiling([...pool, type('hpc7a.12xlarge')], { cpu: 10 }).unpriced).toEqual(['hpc7a.12xlarge']);
    });

    test('derives cpu and memory limits from a $/hour budget, rounded down', () => {
      const limits = limitsForBudget(pool, 4.8);
      // 4.8 / 0.048 = 100 vCPU exactly; 4.8 / (0.085 / (3788/1024)) = 208.9 GiB
      expect(limits.cpu).toBe(100);
      expect(limits.memoryGiB).toBe(208);
      expect(limits.memory).toBe(208 * GIB);
      expect(limitCeiling(pool, { cpu: limits.cpu, memory: limits.memory }).pricePerHour).toBeLessThanOrEqual(4.8 + 1e-9);
    });

    test('returns no limits for types without prices', () => {
      expect(limitsForBudget([type('hpc7a.12xlarge')], 10)).toEqual({ cpu: undefined, memory: undefined, memoryGiB: undefined, unpriced: ['hpc7a.12xlarge'] });
    });

    test('throws on a negative budget or limit', () => {
      expect(() => limitsForBudget(pool, -1)).toThrow(/maxPricePerHour must be a non-negative number, got -1/);
      expect(() => limitCeiling(pool, { memory: -1 })).toThrow(/limits.memory must be a non-negative number, got -1/);
    });
  });
});
