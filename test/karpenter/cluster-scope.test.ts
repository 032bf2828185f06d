import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { AmiSelection, Ec2NodeClass, NodePool } from '../../src';
import { expectValidManifests } from '../support/manifest-validator';

describe('cluster-scoped Karpenter objects', () => {
  test('leave out the namespace of a namespaced chart', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'web' });
    const nodeClass = new Ec2NodeClass(chart, 'Class', {
      metadata: { name: 'web' },
      amiSelection: AmiSelection.al2023('v20250715'),
      role: 'KarpenterNodeRole-c',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }],
    });
    new NodePool(chart, 'Pool', { metadata: { name: 'web' }, nodeClass, limits: { cpu: kplus.Cpu.units(8) } });
    const docs = Testing.synth(chart);
    expect(docs.map(d => [d.kind, d.metadata.namespace])).toEqual([['EC2NodeClass', undefined], ['NodePool', undefined]]);
    expectValidManifests(docs);
  });
});
