import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ClusterScoped } from '../../src';

describe('ClusterScoped', () => {
  test('leaves the chart namespace out of a cdk8s-plus Namespace', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'web' });
    const namespace = new kplus.Namespace(chart, 'Namespace', { metadata: { name: 'web' } });
    ClusterScoped.omitNamespace(namespace);
    expect(Testing.synth(chart)).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' }, spec: {} }]);
  });
});
