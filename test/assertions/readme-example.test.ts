import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Capture, Manifests, Match, NodeClassReference, NodePool, ScaledObject, ScalerTrigger, WorkloadReference } from '../../src';

test('the web tier scales on CPU, on EKS Auto Mode nodes', () => {
  const chart = new Chart(Testing.app(), 'web', { namespace: 'web', disableResourceNameHashes: true });
  new NodePool(chart, 'Pool', { metadata: { name: 'general' }, nodeClass: NodeClassReference.eksAutoMode() });
  const web = new kplus.Deployment(chart, 'Web', { metadata: { name: 'web' }, containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
  new ScaledObject(chart, 'Scaler', {
    target: WorkloadReference.fromWorkload(web),
    minReplicas: 2,
    maxReplicas: 10,
    triggers: [ScalerTrigger.cpu({ utilizationPercent: 70 })],
  });

  const manifests = Manifests.fromChart(chart);
  manifests.resourceCountIs('ScaledObject', 1);
  manifests.hasResource('NodePool', { spec: { template: { spec: { nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass' } } } } });
  const target = new Capture();
  manifests.hasResource('ScaledObject', { spec: { scaleTargetRef: { name: target }, minReplicaCount: 2 } });
  expect(target.asString()).toEqual('web');
  manifests.allResources('Deployment', {
    spec: { replicas: Match.absent(), template: { spec: { containers: Match.arrayWith([{ image: Match.stringLikeRegexp(':\\d') }]) } } },
  });
});
