import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { NodeInclusionPolicy, TopologySpread, WhenUnsatisfiable } from '../../src';
import { docOf, expectInvalid } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

function web(chart: Chart): kplus.Deployment {
  return new kplus.Deployment(chart, 'web', {
    metadata: { name: 'web' },
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [{ image: 'nginx:1.27', securityContext: { user: 10001 } }],
  });
}

describe('TopologySpread', () => {
  test('adds zone and hostname constraints selecting the workload\'s own pods, merged into one list', () => {
    const chart = Testing.chart();
    const deployment = web(chart);
    deployment.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY });
    TopologySpread.add(deployment, {
      topology: kplus.Topology.HOSTNAME,
      maxSkew: 2,
      minDomains: 3,
      matchLabelKeys: ['pod-template-hash'],
      nodeAffinityPolicy: NodeInclusionPolicy.HONOR,
      nodeTaintsPolicy: NodeInclusionPolicy.IGNORE,
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docOf(docs, 'Deployment').spec.template.spec.topologySpreadConstraints).toEqual([
      { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } },
      {
        topologyKey: 'kubernetes.io/hostname',
        maxSkew: 2,
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
        minDomains: 3,
        matchLabelKeys: ['pod-template-hash'],
        nodeAffinityPolicy: 'Honor',
        nodeTaintsPolicy: 'Ignore',
      },
    ]);
    expect(TopologySpread.topologyKeysOf(deployment)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  test('spreads a StatefulSet too', () => {
    const chart = Testing.chart();
    const service = new kplus.Service(chart, 'svc', { ports: [{ port: 80 }] });
    const sts = new kplus.StatefulSet(chart, 'db', { service, containers: [{ image: 'postgres:16.1', securityContext: { user: 10001 } }] });
    TopologySpread.add(sts, { topology: kplus.Topology.ZONE });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docOf(docs, 'StatefulSet').spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels).toEqual(sts.matchLabels);
  });

  test('throws on a skew below 1, minDomains with ScheduleAnyway, and a repeated key and policy', () => {
    const chart = Testing.chart();
    const deployment = web(chart);
    deployment.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, maxSkew: 0 }),
      '[test/web]', 'topologySpreadConstraints[topology.kubernetes.io/zone].maxSkew', 'got 0', 'integer from 1 to 2147483647');
    const soft = WhenUnsatisfiable.SCHEDULE_ANYWAY;
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, minDomains: 2, whenUnsatisfiable: soft }),
      'minDomains', 'got 2', 'DoNotSchedule');
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, matchLabelKeys: ['app'] }), 'matchLabelKeys', '"app"', 'label selector');
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.custom('bad key') }), 'topologyKey', '"bad key"', 'qualified name');
    TopologySpread.add(deployment, { topology: kplus.Topology.ZONE });
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE }), 'topologySpreadConstraints.topologyKey', 'duplicate');
  });

  test('throws on int32 overflows and forged enum-like values', () => {
    const chart = Testing.chart();
    const deployment = web(chart);
    deployment.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, maxSkew: 2 ** 31 }), 'maxSkew', 'got 2147483648', 'from 1 to 2147483647');
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, minDomains: NaN }), 'minDomains', 'got NaN', 'from 1 to 2147483647');
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, whenUnsatisfiable: { value: 'Always' } as any }),
      'whenUnsatisfiable', 'got {"value":"Always"}', 'must be made by WhenUnsatisfiable', '(GEN-70)');
    expectInvalid(() => TopologySpread.add(deployment, { topology: kplus.Topology.ZONE, nodeTaintsPolicy: { value: 'Honor' } as any }),
      'nodeTaintsPolicy', 'must be made by NodeInclusionPolicy: NodeInclusionPolicy.HONOR, NodeInclusionPolicy.IGNORE');
  });

  test('fails synthesis when the selector does not match the pod labels, so the spread would count no pods', () => {
    const chart = Testing.chart();
    const deployment = web(chart);
    deployment.select(kplus.LabelSelector.of({ labels: { tier: 'front' } }));
    TopologySpread.add(deployment, { topology: kplus.Topology.ZONE });
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/web\] topologySpreadConstraints\[topology.kubernetes.io\/zone\].labelSelector: got "tier=front"; must match the pod template labels/);
  });
});
