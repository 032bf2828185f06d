import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { BASE_NODE_CLASS } from './support';
import { warningsOf } from '../../src/core/warnings';
import {
  CapacityType, Ec2NodeClass, Ec2NodeClassProps, INodeClass, NodeClassReference, NodeLabel, NodePool, Requirement,
} from '../../src/karpenter';
import { expectValidManifests } from '../support/manifest-validator';


describe('NodePool checks capacity reservations against its node class', () => {
  function poolOn(classProps: Partial<Ec2NodeClassProps> | ((chart: Chart) => INodeClass), ...requirements: Requirement[]) {
    const chart = Testing.chart();
    const cls = typeof classProps === 'function' ? classProps(chart) : new Ec2NodeClass(chart, 'Class', { ...BASE_NODE_CLASS, ...classProps });
    new NodePool(chart, 'Pool', { metadata: { name: 'pool' }, nodeClass: cls, limits: { cpu: kplus.Cpu.units(10) }, requirements });
    return chart;
  }

  test('fails synthesis when a pool allows only reserved capacity on an EC2NodeClass that selects no reservations', () => {
    const chart = poolOn({}, Requirement.capacityType(CapacityType.RESERVED));
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Pool\] requirements \(karpenter.sh\/capacity-type\): got \["karpenter.sh\/capacity-type In \[reserved\]"\]; allow only reserved capacity, but EC2NodeClass test\/Class selects no capacity reservations, so Karpenter would never launch a node/);
  });

  test('fails synthesis when requirements narrow a wider list down to reserved', () => {
    const chart = poolOn({}, Requirement.capacityType(CapacityType.RESERVED, CapacityType.ON_DEMAND),
      NodeLabel.CAPACITY_TYPE.isNotIn('on-demand'));
    expect(() => Testing.synth(chart)).toThrow(/allow only reserved capacity/);
  });

  test('synthesizes a reserved-only pool on a node class that selects reservations', () => {
    const chart = poolOn({ capacityReservationSelectorTerms: [{ tags: { team: 'ml' } }] }, Requirement.capacityType(CapacityType.RESERVED));
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docs.find(d => d.kind === 'NodePool').spec.template.spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['reserved'] },
    ]);
    expect(warningsOf(chart)).toEqual([]);
  });

  test.each([
    ['an EC2NodeClass defined outside the app', (chart: Chart) => Ec2NodeClass.fromEc2NodeClassName(chart, 'Imported', 'gpu')],
    ['EKS Auto Mode', () => NodeClassReference.eksAutoMode()],
  ])('leaves a reserved-only pool on %s alone, as its reservations cannot be seen', (_, ref) => {
    const chart = poolOn(ref, Requirement.capacityType(CapacityType.RESERVED));
    expectValidManifests(Testing.synth(chart));
  });

  test('warns when a pool lists reserved next to other capacity types on a node class without reservations', () => {
    const chart = poolOn({}, Requirement.capacityType(CapacityType.RESERVED, CapacityType.ON_DEMAND));
    expectValidManifests(Testing.synth(chart));
    expect(warningsOf(chart)).toEqual([expect.stringContaining(
      '[test/Pool] requirements[0] (karpenter.sh/capacity-type In): allows reserved capacity, but EC2NodeClass test/Class selects no capacity reservations, so Karpenter launches on-demand only',
    )]);
  });

  test('records no warning when reserved is only allowed implicitly or the node class selects reservations', () => {
    const implicit = poolOn({}, NodeLabel.CAPACITY_TYPE.isNotIn('spot'));
    expect(warningsOf(implicit)).toEqual([]);
    const withReservations = poolOn({ capacityReservationSelectorTerms: [{ id: 'cr-0a1b' }] },
      Requirement.capacityType(CapacityType.RESERVED, CapacityType.ON_DEMAND, CapacityType.SPOT));
    expect(warningsOf(withReservations)).toEqual([]);
  });
});
