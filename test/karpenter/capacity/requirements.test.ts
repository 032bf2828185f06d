import { VENDORED_NAMES, vendoredNamesWithLabel, vendoredTable } from './vendored';
import { InstanceCatalog, loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';
import {
  admits, autoModeExclusion, catalogKeyOf, compatibleInstanceTypes, conflictingKeys, evaluateRequirements, intersect, newRequirement,
  operatorOf, Requirement, RequirementSpec, requirementsOf, unmetMinValues,
} from '../../../src/karpenter/capacity/requirements';

/** A requirement as comparable data: sorted values, bounds and minValues only when set. */
function shape(r: Requirement) {
  return {
    complement: r.complement,
    values: [...r.values].sort(),
    ...(r.gte !== undefined ? { gte: r.gte } : {}),
    ...(r.lte !== undefined ? { lte: r.lte } : {}),
    ...(r.minValues !== undefined ? { minValues: r.minValues } : {}),
  };
}

const req = (operator: RequirementSpec['operator'], values: string[] = [], minValues?: number) =>
  newRequirement({ key: 'key', operator, values, minValues });

/**
 * The fixtures of kubernetes-sigs/karpenter pkg/scheduling/requirement_test.go. Upstream's Gt/Lt are stored as
 * inclusive bounds since Gte/Lte: `Gt 1` is `>= 2`, `Lt 9` is `<= 8`.
 */
const R = {
  exists: req('Exists'),
  doesNotExist: req('DoesNotExist'),
  inA: req('In', ['A']),
  inB: req('In', ['B']),
  inAB: req('In', ['A', 'B']),
  notInA: req('NotIn', ['A']),
  in1: req('In', ['1']),
  in9: req('In', ['9']),
  in19: req('In', ['1', '9']),
  notIn12: req('NotIn', ['1', '2']),
  greaterThan1: req('Gt', ['1']),
  greaterThan9: req('Gt', ['9']),
  lessThan1: req('Lt', ['1']),
  lessThan9: req('Lt', ['9']),
};
type Name = keyof typeof R;
const DNE = shape(R.doesNotExist);

describe('Karpenter requirement semantics (ported from pkg/scheduling/requirement_test.go)', () => {
  // [left, right, expected]: expected is a fixture name or a shape.
  const intersections: [Name, Name, Name | ReturnType<typeof shape>][] = [
    ['exists', 'exists', 'exists'], ['exists', 'doesNotExist', 'doesNotExist'], ['exists', 'inA', 'inA'], ['exists', 'inAB', 'inAB'],
    ['exists', 'notInA', 'notInA'], ['exists', 'notIn12', 'notIn12'], ['exists', 'greaterThan1', 'greaterThan1'], ['exists', 'lessThan9', 'lessThan9'],
    ['doesNotExist', 'exists', 'doesNotExist'], ['doesNotExist', 'inA', 'doesNotExist'], ['doesNotExist', 'notInA', 'doesNotExist'],
    ['doesNotExist', 'greaterThan1', 'doesNotExist'],
    ['inA', 'exists', 'inA'], ['inA', 'inB', 'doesNotExist'], ['inA', 'inAB', 'inA'], ['inA', 'notInA', 'doesNotExist'], ['inA', 'notIn12', 'inA'],
    ['inA', 'greaterThan1', 'doesNotExist'], ['inA', 'lessThan9', 'doesNotExist'],
    ['inAB', 'notInA', 'inB'], ['inAB', 'notIn12', 'inAB'], ['inAB', 'in19', 'doesNotExist'],
    ['notInA', 'inB', 'inB'], ['notInA', 'inAB', 'inB'], ['notInA', 'in19', 'in19'],
    ['notInA', 'notIn12', { complement: true, values: ['1', '2', 'A'] }],
    // "A" is not an integer, so it is dropped from the excluded values once a bound applies.
    ['notInA', 'greaterThan1', 'greaterThan1'], ['notInA', 'lessThan9', 'lessThan9'],
    ['in1', 'in19', 'in1'], ['in1', 'notIn12', 'doesNotExist'], ['in1', 'greaterThan1', 'doesNotExist'], ['in1', 'lessThan1', 'doesNotExist'],
    ['in1', 'lessThan9', 'in1'],
    ['in9', 'notIn12', 'in9'], ['in9', 'greaterThan1', 'in9'], ['in9', 'greaterThan9', 'doesNotExist'], ['in9', 'lessThan9', 'doesNotExist'],
    ['in19', 'notIn12', 'in9'], ['in19', 'greaterThan1', 'in9'], ['in19', 'lessThan9', 'in1'], ['in19', 'greaterThan9', 'doesNotExist'],
    ['notIn12', 'inA', 'inA'], ['notIn12', 'in1', 'doesNotExist'], ['notIn12', 'in19', 'in9'],
    ['notIn12', 'greaterThan1', { complement: true, values: ['2'], gte: 2 }],
    ['notIn12', 'greaterThan9', { complement: true, values: [], gte: 10 }],
    ['notIn12', 'lessThan1', { complement: true, values: [], lte: 0 }],
    ['notIn12', 'lessThan9', { complement: true, values: ['1', '2'], lte: 8 }],
    ['greaterThan1', 'greaterThan9', 'greaterThan9'], ['greaterThan1', 'lessThan1', 'doesNotExist'],
    ['greaterThan1', 'lessThan9', { complement: true, values: [], gte: 2, lte: 8 }],
    ['greaterThan9', 'lessThan9', 'doesNotExist'], ['greaterThan9', 'notIn12', 'greaterThan9'],
    ['lessThan9', 'lessThan1', 'lessThan1'], ['lessThan9', 'in19', 'in1'],
  ];

  test.each(intersections)('intersects %s with %s as upstream does', (a, b, expected) => {
    const want = typeof expected === 'string' ? shape(R[expected]) : expected;
    expect(shape(intersect(R[a], R[b]))).toEqual(want);
    expect(shape(intersect(R[b], R[a]))).toEqual(want);
  });

  test('keeps the larger minValues when requirements intersect', () => {
    expect(shape(intersect(req('Exists', [], 1), R.inAB))).toEqual({ complement: false, values: ['A', 'B'], minValues: 1 });
    expect(shape(intersect(req('In', ['A', 'B'], 2), req('DoesNotExist', [], 1)))).toEqual({ complement: false, values: [], minValues: 2 });
    expect(shape(intersect(req('NotIn', ['1', '2'], 2), req('Gt', ['1'], 1)))).toEqual({ complement: true, values: ['2'], gte: 2, minValues: 2 });
    expect(shape(intersect(req('Gt', ['9'], 1), R.lessThan1))).toEqual({ ...DNE, minValues: 1 });
  });

  const has: [Name, string[]][] = [
    ['exists', ['A', 'B', '1', '2', '9']], ['doesNotExist', []], ['inA', ['A']], ['inB', ['B']], ['inAB', ['A', 'B']],
    ['notInA', ['B', '1', '2', '9']], ['in1', ['1']], ['in9', ['9']], ['in19', ['1', '9']], ['notIn12', ['A', 'B', '9']],
    ['greaterThan1', ['2', '9']], ['greaterThan9', []], ['lessThan1', []], ['lessThan9', ['1', '2']],
  ];
  test.each(has)('admits exactly the upstream values for %s', (name, admitted) => {
    expect(['A', 'B', '1', '2', '9'].filter(v => admits(R[name], v))).toEqual(admitted);
  });

  test('reports the operator each requirement amounts to, bounds counting as Exists', () => {
    expect(Object.fromEntries(Object.entries(R).map(([n, r]) => [n, operatorOf(r)]))).toEqual({
      exists: 'Exists',
      doesNotExist: 'DoesNotExist',
      inA: 'In',
      inB: 'In',
      inAB: 'In',
      notInA: 'NotIn',
      in1: 'In',
      in9: 'In',
      in19: 'In',
      notIn12: 'NotIn',
      greaterThan1: 'Exists',
      greaterThan9: 'Exists',
      lessThan1: 'Exists',
      lessThan9: 'Exists',
    });
  });

  test('stores Gt and Lt as inclusive bounds, Gte and Lte as given', () => {
    expect(shape(req('Gt', ['3']))).toEqual({ complement: true, values: [], gte: 4 });
    expect(shape(req('Lt', ['3']))).toEqual({ complement: true, values: [], lte: 2 });
    expect(shape(req('Gte', ['3']))).toEqual({ complement: true, values: [], gte: 3 });
    expect(shape(req('Lte', ['3']))).toEqual({ complement: true, values: [], lte: 3 });
    expect(shape(intersect(req('Gte', ['4']), req('Lte', ['4'])))).toEqual({ complement: true, values: [], gte: 4, lte: 4 });
    expect(shape(intersect(req('Gte', ['5']), req('Lte', ['4'])))).toEqual(DNE);
    expect(admits(req('Gte', ['4']), '4')).toBe(true);
    expect(admits(req('Gt', ['4']), '4')).toBe(false);
    expect(admits(req('Lte', ['4']), '4')).toBe(true);
    expect(admits(req('Lt', ['4']), '4')).toBe(false);
  });

  test('admits only integers under a bound, as Go strconv.Atoi parses them', () => {
    const gt1 = req('Gt', ['1']);
    expect(['2', '+2', '007', '2.0', ' 2', 'large', ''].filter(v => admits(gt1, v))).toEqual(['2', '+2', '007']);
  });

  test('normalizes deprecated label keys', () => {
    const reqs = requirementsOf([
      { key: 'beta.kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'failure-domain.beta.kubernetes.io/zone', operator: 'In', values: ['test'] },
      { key: 'beta.kubernetes.io/instance-type', operator: 'In', values: ['m5.large'] },
    ]);
    expect([...reqs.keys()].sort()).toEqual(['kubernetes.io/arch', 'node.kubernetes.io/instance-type', 'topology.kubernetes.io/zone']);
  });

  test('intersects every requirement on the same key into one', () => {
    const reqs = requirementsOf([
      { key: 'k', operator: 'In', values: ['1', '2', '3', '9'] },
      { key: 'k', operator: 'NotIn', values: ['2'] },
      { key: 'k', operator: 'Lt', values: ['9'], minValues: 2 },
    ]);
    expect(shape(reqs.get('k')!)).toEqual({ complement: false, values: ['1', '3'], minValues: 2 });
  });

  // pkg/scheduling/requirements_test.go "Compatibility" on a well-known key: the (existing, incoming) pairs.
  const compatibility: [Name | 'unconstrained', Name | 'unconstrained', boolean][] = [
    ['unconstrained', 'doesNotExist', true], ['unconstrained', 'greaterThan9', true], ['exists', 'unconstrained', true],
    ['exists', 'doesNotExist', false], ['exists', 'notInA', true], ['exists', 'greaterThan1', true],
    ['doesNotExist', 'exists', false], ['doesNotExist', 'doesNotExist', true], ['doesNotExist', 'inA', false], ['doesNotExist', 'notInA', true],
    ['doesNotExist', 'notIn12', true], ['doesNotExist', 'greaterThan1', false], ['doesNotExist', 'lessThan9', false],
    ['inA', 'doesNotExist', false], ['inA', 'inB', false], ['inA', 'inAB', true], ['inA', 'notInA', false], ['inA', 'notIn12', true],
    ['inA', 'greaterThan1', false],
    ['notInA', 'doesNotExist', true], ['notInA', 'inA', false], ['notInA', 'in19', true], ['notInA', 'greaterThan9', true],
    ['in1', 'notIn12', false], ['in1', 'lessThan9', true], ['in1', 'greaterThan1', false],
    ['in9', 'greaterThan1', true], ['in9', 'lessThan9', false], ['in19', 'lessThan9', true], ['in19', 'greaterThan9', false],
  ];
  const titled = compatibility.map(([existing, incoming, compatible]) =>
    [`${compatible ? 'accepts' : 'fails'} ${incoming} against ${existing}`, existing, incoming, compatible] as const);
  test.each(titled)('%s', (_title, existing, incoming, compatible) => {
    const of = (n: Name | 'unconstrained') => new Map(n === 'unconstrained' ? [] : [['topology.kubernetes.io/zone', { ...R[n], key: 'topology.kubernetes.io/zone' }]]);
    expect(conflictingKeys(of(existing), of(incoming))).toEqual(compatible ? [] : ['topology.kubernetes.io/zone']);
  });

  test('throws on a numeric operator without exactly one integer value', () => {
    expect(() => req('Gt', ['1', '2'])).toThrow(/key Gt needs exactly one integer value/);
    expect(() => req('Lte', ['large'])).toThrow(/key Lte needs exactly one integer value, got \[large\]/);
    expect(() => req('Gte', [])).toThrow(/exactly one integer value/);
  });

  test('throws on an unknown operator or a minValues below 1', () => {
    expect(() => newRequirement({ key: 'k', operator: 'Matches' as any, values: [] })).toThrow(/unknown operator Matches/);
    expect(() => req('In', ['A'], 0)).toThrow(/minValues must be a positive integer, got 0/);
  });
});

describe('requirements over the instance catalog', () => {
  let catalog: InstanceCatalog;
  beforeAll(() => {
    catalog = loadInstanceCatalog();
  });
  const names = (specs: RequirementSpec[], narrowing = {}) => compatibleInstanceTypes(specs, catalog, narrowing).map(t => t.name);
  const GPU_COUNT = 'karpenter.k8s.aws/instance-gpu-count';

  test('admits every type without requirements', () => {
    expect(names([])).toHaveLength(1363);
  });

  test('gives exactly t3.nano for the t3 family and the nano size', () => {
    expect(names([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['t3'] },
      { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['nano'] },
    ])).toEqual(['t3.nano']);
  });

  test('gives only the GPU types for instance-gpu-count Gt 0: a type without GPU labels does not have the key', () => {
    const gpu = names([{ key: GPU_COUNT, operator: 'Gt', values: ['0'] }]);
    expect(gpu).toEqual(vendoredNamesWithLabel(GPU_COUNT).filter(n => Number(vendoredTable(n, 'Labels')[GPU_COUNT]) > 0));
    expect(gpu).toHaveLength(65);
    expect(gpu).toContain('p5.48xlarge');
    expect(gpu).not.toContain('m5.large');
  });

  test('leaves out fractional-GPU types, whose instance-gpu-count is 0, from instance-gpu-count Gt 0 but not from Exists', () => {
    expect(catalog.byName.get('g6f.large')!.labels[GPU_COUNT]).toBe('0');
    expect(names([{ key: GPU_COUNT, operator: 'Gt', values: ['0'] }])).not.toContain('g6f.large');
    expect(names([{ key: GPU_COUNT, operator: 'Exists' }])).toEqual(vendoredNamesWithLabel(GPU_COUNT));
    expect(vendoredNamesWithLabel(GPU_COUNT)).toHaveLength(70);
  });

  test('admits the types without a label for NotIn on that label', () => {
    const gpuName = 'karpenter.k8s.aws/instance-gpu-name';
    const notT4 = names([{ key: gpuName, operator: 'NotIn', values: ['t4'] }]);
    expect(notT4).toContain('m5.large');
    expect(notT4).not.toContain('g4dn.xlarge');
    expect(notT4).toHaveLength(1363 - vendoredNamesWithLabel(gpuName, 't4').length);
  });

  test('admits exactly the types without the label for DoesNotExist, and those with it for Exists', () => {
    const nvme = 'karpenter.k8s.aws/instance-local-nvme';
    const withNvme = vendoredNamesWithLabel(nvme);
    expect(names([{ key: nvme, operator: 'Exists' }])).toEqual(withNvme);
    expect(names([{ key: nvme, operator: 'DoesNotExist' }])).toEqual(VENDORED_NAMES.filter(n => !withNvme.includes(n)));
  });

  test('compares numeric labels with Gt, Lt, Gte and Lte', () => {
    const cpu = 'karpenter.k8s.aws/instance-cpu';
    const four = vendoredNamesWithLabel(cpu, '4');
    expect(names([{ key: cpu, operator: 'Gte', values: ['4'] }, { key: cpu, operator: 'Lte', values: ['4'] }])).toEqual(four);
    expect(names([{ key: cpu, operator: 'Gt', values: ['3'] }, { key: cpu, operator: 'Lt', values: ['5'] }])).toEqual(four);
    const big = names([{ key: 'karpenter.k8s.aws/instance-memory', operator: 'Gt', values: ['1048576'] }]);
    expect(big.every(n => Number(catalog.byName.get(n)!.labels['karpenter.k8s.aws/instance-memory']) > 1048576)).toBe(true);
    expect(big.length).toBeGreaterThan(0);
  });

  test('returns no types for a numeric bound on a label whose values are not integers', () => {
    expect(names([{ key: 'karpenter.k8s.aws/instance-size', operator: 'Gt', values: ['1'] }])).toEqual([]);
  });

  test('returns no types for two In requirements on the family with no common value', () => {
    expect(names([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['c5'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] },
    ])).toEqual([]);
  });

  test('admits the types without a GPU when two In requirements on the GPU name leave DoesNotExist (upstream semantics)', () => {
    const gpuName = 'karpenter.k8s.aws/instance-gpu-name';
    const result = names([{ key: gpuName, operator: 'In', values: ['t4'] }, { key: gpuName, operator: 'In', values: ['a10g'] }]);
    expect(result).toEqual(VENDORED_NAMES.filter(n => !vendoredNamesWithLabel(gpuName).includes(n)));
  });

  test('reads deprecated keys through their normalized names', () => {
    const arm = names([{ key: 'beta.kubernetes.io/arch', operator: 'In', values: ['arm64'] }]);
    expect(arm).toEqual(vendoredNamesWithLabel('kubernetes.io/arch', 'arm64'));
  });

  test('reports zone, capacity type and custom labels as unevaluated, narrowing nothing', () => {
    const result = evaluateRequirements([
      { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'], minValues: 2 },
      { key: 'team', operator: 'In', values: ['payments'] },
    ], catalog);
    expect(result.compatible).toHaveLength(1363);
    expect(result.unevaluatedKeys).toEqual(['karpenter.sh/capacity-type', 'team', 'topology.kubernetes.io/zone']);
    expect(result.unmetMinValues).toEqual([]);
  });

  test('reports the minValues the compatible types do not meet', () => {
    const specs: RequirementSpec[] = [
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['c5', 'm5', 'r5'], minValues: 5 },
      { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['large', 'xlarge'], minValues: 2 },
    ];
    expect(unmetMinValues(specs, catalog)).toEqual([{ key: 'karpenter.k8s.aws/instance-family', required: 5, available: 3 }]);
  });

  test('returns no unmet minValues when the compatible types offer enough values', () => {
    expect(unmetMinValues([
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'Exists', minValues: 5 },
      { key: 'node.kubernetes.io/instance-type', operator: 'Exists', minValues: 50 },
    ], catalog)).toEqual([]);
  });

  test('counts a GPU label absent from every compatible type as no value for minValues', () => {
    expect(unmetMinValues([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] },
      { key: GPU_COUNT, operator: 'NotIn', values: ['8'], minValues: 1 },
    ], catalog)).toEqual([{ key: GPU_COUNT, required: 1, available: 0 }]);
  });

  describe('narrowing by the node class', () => {
    test('launches only arm64 types from arm64-only AMIs', () => {
      const result = names([], { architectures: ['arm64'] });
      expect(result).toEqual(vendoredNamesWithLabel('kubernetes.io/arch', 'arm64'));
    });

    test('returns no types when the AMIs are for no architecture', () => {
      expect(names([], { architectures: [] })).toEqual([]);
    });

    test('launches only amd64 types under a Windows AMI family, labelled windows', () => {
      const windows = names([{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }], { os: 'windows' });
      expect(windows).toEqual(vendoredNamesWithLabel('kubernetes.io/arch', 'amd64'));
      expect(names([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }], { os: 'windows' })).toEqual([]);
      const result = evaluateRequirements([], catalog, { os: 'windows' });
      expect(result.excluded.get('m7g.large')).toBe('Windows AMI families run on amd64 only, not arm64');
    });

    test('throws on an OS other than linux or windows', () => {
      expect(() => names([], { os: 'bottlerocket' })).toThrow(/os must be linux or windows, got bottlerocket/);
    });
  });

  describe('EKS Auto Mode', () => {
    test('reads eks.amazonaws.com/instance-* labels as the karpenter.k8s.aws/instance-* facts', () => {
      expect(names([{ key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['t3'] }], { autoMode: true }))
        .toEqual(['t3.medium', 't3.large', 't3.xlarge', 't3.2xlarge']);
      expect(catalogKeyOf('eks.amazonaws.com/instance-gpu-count', catalog, true)).toBe(GPU_COUNT);
    });

    test('leaves karpenter.k8s.aws keys unevaluated under Auto Mode and eks.amazonaws.com keys unevaluated without it', () => {
      const auto = evaluateRequirements([{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['t3'] }], catalog, { autoMode: true });
      expect(auto.unevaluatedKeys).toEqual(['karpenter.k8s.aws/instance-family']);
      const karpenter = evaluateRequirements([{ key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['t3'] }], catalog);
      expect(karpenter.unevaluatedKeys).toEqual(['eks.amazonaws.com/instance-family']);
      expect(karpenter.compatible).toHaveLength(1363);
    });

    test('does not launch families outside the documented list, single-CPU types, or nano, micro and small sizes', () => {
      const type = (n: string) => catalog.byName.get(n)!;
      expect(autoModeExclusion(type('a1.large'))).toBe('EKS Auto Mode does not launch the a1 family');
      expect(autoModeExclusion(type('c6g.medium'))).toBe('EKS Auto Mode launches only instance types with more than 1 CPU');
      expect(autoModeExclusion(type('t3.micro'))).toBe('EKS Auto Mode does not launch micro instance types');
      expect(autoModeExclusion(type('m7i-flex.large'))).toBeUndefined();
      expect(autoModeExclusion(type('p5.48xlarge'))).toBeUndefined();
    });

    test('returns no types for a Windows node class under Auto Mode', () => {
      expect(names([], { autoMode: true, os: 'windows' })).toEqual([]);
    });

    test('narrows the catalog to the types Auto Mode launches', () => {
      const result = evaluateRequirements([], catalog, { autoMode: true });
      expect(result.compatible.length + result.excluded.size).toBe(1363);
      expect(result.compatible.every(t => autoModeExclusion(t) === undefined)).toBe(true);
      expect(result.compatible.map(t => t.name)).toContain('c7i.large');
      expect(result.excluded.has('t3.nano')).toBe(true);
    });
  });
});
