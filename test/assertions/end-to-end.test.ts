import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Capture, Manifests, Match, NodeClassReference, NodePool, Requirement, ScaledObject, ScalerTrigger, WorkloadReference } from '../../src';

/** A capacity chart with an EKS Auto Mode pool and a workload chart with a Deployment KEDA scales. */
function buildApp(): App {
  const app = Testing.app();
  const capacity = new Chart(app, 'capacity', { disableResourceNameHashes: true });
  new NodePool(capacity, 'Pool', {
    metadata: { name: 'general' },
    nodeClass: NodeClassReference.eksAutoMode(),
    requirements: [Requirement.instanceCategory('c', 'm')],
  });
  const shop = new Chart(app, 'shop', { namespace: 'shop', disableResourceNameHashes: true });
  const web = new kplus.Deployment(shop, 'Web', { metadata: { name: 'web' }, containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
  new ScaledObject(shop, 'Scaler', {
    metadata: { name: 'web' },
    target: WorkloadReference.fromWorkload(web),
    minReplicas: 2,
    maxReplicas: 10,
    triggers: [ScalerTrigger.cpu({ utilizationPercent: 70 })],
  });
  return app;
}

describe('assertions on an app built with the library', () => {
  const app = buildApp();
  const manifests = Manifests.fromApp(app);
  const shop = Manifests.fromChart(app.node.findChild('shop') as Chart);

  test('counts the documents of each chart and of the app', () => {
    manifests.resourceCountIs('NodePool', 1, 'karpenter.sh/v1');
    manifests.resourceCountIs('ScaledObject', 1, 'keda.sh/v1alpha1');
    manifests.resourceCountIs('Deployment', 1);
    shop.resourceCountIs('NodePool', 0);
    expect(() => shop.resourceCountIs('ScaledObject', 2)).toThrow(new Error('expected 2 ScaledObject, found 1: shop/web'));
  });

  test('the pool launches EKS Auto Mode nodes and asks for their instance labels', () => {
    manifests.hasResource('NodePool', {
      metadata: { name: 'general', namespace: Match.absent() },
      spec: {
        template: {
          spec: {
            nodeClassRef: Match.objectEquals({ group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' }),
            requirements: Match.arrayWith([{ key: 'eks.amazonaws.com/instance-category', operator: 'In', values: ['c', 'm'] }]),
          },
        },
      },
    });
  });

  test('the ScaledObject targets the Deployment by name', () => {
    const deployment = new Capture();
    manifests.hasResource('Deployment', { metadata: { name: deployment, namespace: 'shop' } });
    manifests.hasResource('ScaledObject', {
      metadata: { namespace: 'shop' },
      spec: { scaleTargetRef: { name: deployment.asString() }, minReplicaCount: 2, maxReplicaCount: 10, triggers: [{ type: 'cpu', metricType: 'Utilization' }] },
    });
  });

  test('every workload leaves the replica count to KEDA and does not mount a service account token', () => {
    manifests.allResources('Deployment', { spec: { replicas: Match.absent(), template: { spec: { automountServiceAccountToken: false } } } });
    manifests.hasNoResource('Deployment', { spec: { template: { spec: { containers: Match.arrayWith([{ image: Match.stringLikeRegexp(':latest$') }]) } } } });
  });

  test('fails pointing at the container image that differs in the synthesized Deployment', () => {
    expect(() => manifests.hasResource('Deployment', {
      spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:1.28' }] } } },
    })).toThrow(new Error([
      'expected a Deployment matching the properties; none of 1 does (shop/web). Closest: apps/v1 Deployment shop/web',
      '  at /spec/template/spec/containers/0/image: expected "nginx:1.28", got "nginx:1.27"',
    ].join('\n')));
  });

  test('fails naming the trigger field the ScaledObject lacks', () => {
    expect(() => manifests.hasResource('ScaledObject', { spec: { triggers: [{ type: 'cpu', metadata: { value: '70', containerName: 'main' } }] } }))
      .toThrow('missing key /spec/triggers/0/metadata/containerName');
  });
});
