import * as fs from 'fs';
import * as path from 'path';
import { SOURCES_MD, VENDORED_NAMES, VENDORED_PRICES, vendoredPrice, vendoredTable } from './vendored';
import { buildCatalog, LABELS_OUTPUT, OUTPUT, quantityIn, render, RESOURCES_OUTPUT } from '../../../scripts/generate-instance-catalog';
import { CELL_DIGITS, decodeCells, encodeCells } from '../../../src/karpenter/capacity/catalog-format';
import { memoryCapacityBytes } from '../../../src/karpenter/capacity/cost';
import { InstanceCatalog, loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';

const MIB = 2 ** 20;
const CAPACITY_DIR = path.join(__dirname, '..', '..', '..', 'src', 'karpenter', 'capacity');
const GENERATED = ['catalog-data', 'catalog-labels', 'catalog-resources'].map(name => path.join(CAPACITY_DIR, `${name}.generated.ts`));

/** A vendored quantity (`940m`, `1392Mi`, `17Gi`, `8`) in base units: cores, bytes, counts. */
function baseUnits(quantity: string): number {
  const m = /^([0-9.]+)(m|Mi|Gi)?$/.exec(quantity)!;
  if (m[2] === 'm') return Number(m[1]) / 1000;
  return Number(m[1]) * ({ Mi: MIB, Gi: 2 ** 30 }[m[2] as 'Mi' | 'Gi'] ?? 1);
}

describe('instance catalog', () => {
  let catalog: InstanceCatalog;
  beforeAll(() => {
    catalog = loadInstanceCatalog();
  });

  test('holds every instance type of the vendored reference page, in page order', () => {
    expect(catalog.types).toHaveLength(1363);
    expect(VENDORED_NAMES).toHaveLength(1363);
    expect(catalog.types.map(t => t.name)).toEqual(VENDORED_NAMES);
  });

  test('prices exactly the types the vendored price table prices', () => {
    const priced = catalog.types.filter(t => t.onDemandPricePerHour !== undefined);
    const expected = VENDORED_NAMES.filter(n => VENDORED_PRICES.has(n));
    expect(priced.map(t => t.name)).toEqual(expected);
    expect(priced).toHaveLength(1345);
    expect(catalog.types.filter(t => t.onDemandPricePerHour === undefined).map(t => t.name)).toEqual(
      expect.arrayContaining(['hpc7a.12xlarge', 'p5e.48xlarge', 'trn2.48xlarge']));
    expect(catalog.metadata.pricingEntries).toBe(VENDORED_PRICES.size);
  });

  test.each(['t3.nano', 'a1.medium', 'm5.large', 'p5.48xlarge', 'g4ad.xlarge', 'inf2.xlarge', 'trn1.32xlarge', 'c7i-flex.large', 'u-6tb1.112xlarge'])(
    'has the vendored labels, allocatable resources and price of %s', name => {
      const type = catalog.byName.get(name)!;
      expect(type).toBeDefined();
      expect(type.labels).toEqual(vendoredTable(name, 'Labels'));
      const resources = Object.fromEntries(Object.entries(vendoredTable(name, 'Resources')).map(([k, v]) => [k, baseUnits(v)]));
      expect(type.allocatable).toEqual(resources);
      expect(type.onDemandPricePerHour).toBe(vendoredPrice(name));
    });

  test('gives t3.nano 1.93 cores, 74 MiB of memory, 4 pods and $0.0052 an hour', () => {
    const nano = catalog.byName.get('t3.nano')!;
    expect(nano.allocatable).toEqual({ 'cpu': 1.93, 'memory': 74 * MIB, 'ephemeral-storage': 17 * 2 ** 30, 'pods': 4 });
    expect(nano.labels['karpenter.k8s.aws/instance-gpu-count']).toBeUndefined();
    expect(nano.onDemandPricePerHour).toBe(0.0052);
  });

  test('carries every extended resource the data contains', () => {
    expect(catalog.resourceNames).toEqual([
      'cpu', 'memory', 'ephemeral-storage', 'pods',
      'amd.com/gpu', 'aws.amazon.com/neuron', 'aws.amazon.com/neuroncore', 'nvidia.com/gpu', 'vpc.amazonaws.com/efa', 'vpc.amazonaws.com/pod-eni',
    ]);
    expect(catalog.byName.get('p5.48xlarge')!.allocatable['nvidia.com/gpu']).toBe(8);
    expect(catalog.byName.get('trn1.32xlarge')!.allocatable['aws.amazon.com/neuron']).toBe(16);
  });

  test('records where the facts come from', () => {
    const [, commit, date] = /at commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)/.exec(SOURCES_MD)!;
    expect(catalog.metadata).toMatchObject({
      karpenterVersion: '1.14',
      sourceRepository: 'aws/karpenter-provider-aws',
      sourceCommit: commit,
      sourceDate: date,
      amiFamily: 'AL2023',
      pricingRegion: 'us-east-1',
      pricingGeneratedAt: '2026-07-20T13:44:30Z',
    });
  });

  test('derives memory capacity the way Karpenter does, matching every allocatable memory after kube-reserved and eviction', () => {
    // allocatable = capacity - kube-reserved (11 MiB per pod + 255 MiB) - eviction (100 MiB), Karpenter's defaults
    const mismatches = catalog.types.filter(t => {
      const reserved = (11 * t.allocatable.pods + 255 + 100) * MIB;
      return memoryCapacityBytes(t) - reserved !== t.allocatable.memory;
    });
    expect(mismatches.map(t => t.name)).toEqual([]);
  });

  test('is immutable', () => {
    const type = catalog.byName.get('m5.large')!;
    expect(Object.isFrozen(type)).toBe(true);
    expect(Object.isFrozen(type.labels)).toBe(true);
    expect(Object.isFrozen(type.allocatable)).toBe(true);
    expect(Object.isFrozen(catalog.types)).toBe(true);
  });

  test('is decoded once and shared', () => {
    expect(loadInstanceCatalog()).toBe(catalog);
  });

  test('loads the generated data only when the catalog is first asked for', () => {
    const generated = '../../../src/karpenter/capacity/catalog-data.generated';
    let loads = 0;
    jest.isolateModules(() => {
      jest.doMock(generated, () => {
        loads++;
        return jest.requireActual(generated);
      });
      // requireActual loads the real modules into the isolated registry; their require of the data sees the mock.
      const data = jest.requireActual<typeof import('../../../src/karpenter/capacity/instance-catalog-data')>(
        '../../../src/karpenter/capacity/instance-catalog-data');
      jest.requireActual('../../../src/karpenter/capacity/requirements');
      jest.requireActual('../../../src/karpenter/capacity/fit');
      jest.requireActual('../../../src/karpenter/capacity/cost');
      expect(loads).toBe(0);
      expect(data.loadInstanceCatalog().types).toHaveLength(1363);
      data.loadInstanceCatalog();
      expect(loads).toBe(1);
    });
    jest.dontMock(generated);
  });

  test('matches what the generator writes from the vendored files (regenerate with npx projen generate:catalog)', () => {
    const files = render(buildCatalog());
    expect(Object.keys(files)).toEqual([OUTPUT, LABELS_OUTPUT, RESOURCES_OUTPUT]);
    expect(Object.keys(files)).toEqual(GENERATED);
    for (const file of GENERATED) expect(fs.readFileSync(file, 'utf8')).toBe(files[file]);
  });

  test('stays compact: under 150 KB in files of at most 600 lines', () => {
    const texts = GENERATED.map(file => fs.readFileSync(file, 'utf8'));
    expect(texts.reduce((n, text) => n + Buffer.byteLength(text), 0)).toBeLessThan(150 * 1024);
    for (const text of texts) expect(text.split('\n').length).toBeLessThanOrEqual(600);
  });

  test('encodes a column with the fewest base-64 digits that hold its largest value, and decodes it back', () => {
    expect(encodeCells([0, 1, 63])).toEqual({ width: 1, digits: '01_' });
    expect(encodeCells([64, 4095, 0])).toEqual({ width: 2, digits: '10__00' });
    const values = [0, 5, 448000, 24576000, 63, 64];
    expect(decodeCells(encodeCells(values))).toEqual(values);
    expect(CELL_DIGITS).toHaveLength(64);
    expect(() => encodeCells([1.5])).toThrow(/not a non-negative integer/);
  });
});

describe('the generator', () => {
  test('converts quantities to whole units of their column', () => {
    expect(quantityIn('940m', 'millicores', 'cpu')).toBe(940);
    expect(quantityIn('2', 'millicores', 'cpu')).toBe(2000);
    expect(quantityIn('17Gi', 'MiB', 'ephemeral-storage')).toBe(17408);
    expect(quantityIn('1392Mi', 'MiB', 'memory')).toBe(1392);
    expect(quantityIn('58', 'count', 'pods')).toBe(58);
  });

  test('throws on a quantity it does not know', () => {
    expect(() => quantityIn('12Xi', 'MiB', 't memory')).toThrow(/unrecognised quantity "12Xi"/);
    expect(() => quantityIn('1500Ki', 'MiB', 't memory')).toThrow(/not a whole number of MiB/);
  });
});
