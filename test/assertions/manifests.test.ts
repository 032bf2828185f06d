import { ApiObject, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { webDeployment, webService } from './fixtures';
import { Manifests, Match } from '../../src';

const scaledObject = (name: string, apiVersion = 'keda.sh/v1alpha1') =>
  ({ apiVersion, kind: 'ScaledObject', metadata: { name, namespace: 'shop' }, spec: { scaleTargetRef: { name } } });

describe('Manifests.fromChart', () => {
  test('holds what Testing.synth returns for the chart', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' }, data: { a: '1' } } as any);
    expect(Manifests.fromChart(chart).toJson()).toEqual(Testing.synth(chart));
  });
});

describe('Manifests.fromApp', () => {
  test('holds the documents of every chart in the order the app synthesizes them', () => {
    const app = Testing.app();
    const late = new Chart(app, 'late');
    new ApiObject(late, 'B', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    const early = new Chart(app, 'early');
    new ApiObject(early, 'A', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
    late.addDependency(early);

    const docs = Manifests.fromApp(app).toJson();

    expect(docs.map(doc => doc.metadata.name)).toEqual(['a', 'b']);
    expect(docs).toEqual(parseAllDocuments(app.synthYaml()).map(doc => doc.toJSON()));
  });

  test('holds nothing for an app without charts', () => {
    expect(Manifests.fromApp(Testing.app()).toJson()).toEqual([]);
  });
});

describe('Manifests.fromObjects', () => {
  test('skips empty documents, as YAML files have', () => {
    expect(Manifests.fromObjects([null, webService(), undefined]).toJson()).toEqual([webService()]);
  });

  test('holds a copy, so later changes to the objects do not leak in', () => {
    const service = webService();
    const manifests = Manifests.fromObjects([service]);
    service.metadata.name = 'changed';
    manifests.toJson()[0].metadata.name = 'changed too';
    manifests.hasResource('Service', { metadata: { name: 'web' } });
  });

  test('throws for a document that is not an object', () => {
    expect(() => Manifests.fromObjects([webService(), 'kind: Service'])).toThrow('Manifests.fromObjects: document 1 is not an object: "kind: Service"');
    expect(() => Manifests.fromObjects({} as any)).toThrow('Manifests.fromObjects needs an array of documents, got {}');
  });
});

describe('resourceCountIs', () => {
  const manifests = Manifests.fromObjects([scaledObject('web'), scaledObject('api', 'keda.sh/v1beta1'), webService()]);

  test('passes when the count is right, with or without an apiVersion', () => {
    manifests.resourceCountIs('ScaledObject', 2);
    manifests.resourceCountIs('ScaledObject', 1, 'keda.sh/v1alpha1');
    manifests.resourceCountIs('Deployment', 0);
  });

  test('fails naming what it found', () => {
    expect(() => manifests.resourceCountIs('ScaledObject', 3)).toThrow(new Error('expected 3 ScaledObject, found 2: shop/web, shop/api'));
  });

  test('fails naming the documents of the kind with another apiVersion', () => {
    expect(() => manifests.resourceCountIs('ScaledObject', 2, 'keda.sh/v1alpha1')).toThrow(new Error(
      'expected 2 keda.sh/v1alpha1 ScaledObject, found 1: shop/web (and 1 ScaledObject of another apiVersion: keda.sh/v1beta1 shop/api)'));
  });

  test('fails listing the kinds present when there is none of the kind', () => {
    expect(() => manifests.resourceCountIs('NodePool', 1)).toThrow(new Error('expected 1 NodePool, found 0 (kinds present: ScaledObject, Service)'));
    expect(() => Manifests.fromObjects([]).resourceCountIs('NodePool', 1)).toThrow(new Error('expected 1 NodePool, found 0 (there are no documents)'));
  });

  test('fails naming documents without a name by generateName or as unnamed', () => {
    const jobs = Manifests.fromObjects([{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'migrate-', namespace: 'shop' } }, { apiVersion: 'batch/v1', kind: 'Job' }]);
    expect(() => jobs.resourceCountIs('Job', 1)).toThrow(new Error('expected 1 Job, found 2: shop/migrate-, (unnamed)'));
  });

  test('fails listing at most ten names', () => {
    const many = Manifests.fromObjects(Array.from({ length: 12 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })));
    expect(() => many.resourceCountIs('ConfigMap', 1)).toThrow(new Error('expected 1 ConfigMap, found 12: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 2 more'));
  });
});

describe('hasResource', () => {
  const manifests = Manifests.fromObjects([webDeployment({ name: 'api', image: 'api:2' }), webDeployment({ image: 'nginx:1.26' }), webService()]);

  test('passes when one document of the kind matches', () => {
    manifests.hasResource('Deployment', { metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ image: 'nginx:1.26' }, {}] } } } });
    manifests.hasResource('Service', Match.objectLike({ spec: { ports: [{ port: 80 }] } }));
  });

  test('fails showing the closest document and every place it differs', () => {
    expect(() => manifests.hasResource('Deployment', {
      metadata: { name: 'web', labels: { app: Match.absent() } },
      spec: { replicas: 2, template: { spec: { containers: Match.arrayWith([{ name: 'app', image: 'nginx:1.27' }]) } } },
    })).toThrow(new Error([
      'expected a Deployment matching the properties; none of 2 does (shop/api, shop/web). Closest: apps/v1 Deployment shop/web',
      '  /metadata/labels/app should be absent, but is "web"',
      '  missing key /spec/replicas',
      '  at /spec/template/spec/containers: no item matches {"name":"app","image":"nginx:1.27"}; closest is item 0:',
      '  at /spec/template/spec/containers/0/image: expected "nginx:1.27", got "nginx:1.26"',
    ].join('\n')));
  });

  test('fails with the only document of the kind, cluster-scoped or not', () => {
    const pool = { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'default' }, spec: { weight: 10 } };
    expect(() => Manifests.fromObjects([pool]).hasResource('NodePool', { spec: { weight: 50 } })).toThrow(new Error([
      'expected a NodePool matching the properties; none of 1 does (default). Closest: karpenter.sh/v1 NodePool default',
      '  at /spec/weight: expected 50, got 10',
    ].join('\n')));
  });

  test('fails listing the kinds present when there is no document of the kind', () => {
    expect(() => manifests.hasResource('Ingress', {})).toThrow(new Error('expected an Ingress matching the properties, found no Ingress (kinds present: Deployment, Service)'));
  });

  test('throws when the properties are neither an object nor a matcher', () => {
    expect(() => manifests.hasResource('Service', 'web')).toThrow('the properties must be an object or a matcher, got "web"');
  });
});

describe('hasNoResource', () => {
  const manifests = Manifests.fromObjects([webDeployment({ name: 'api' }), webDeployment()]);

  test('passes when no document of the kind matches', () => {
    manifests.hasNoResource('Deployment', { spec: { template: { spec: { containers: Match.arrayWith([{ image: Match.stringLikeRegexp(':latest$') }]) } } } });
    manifests.hasNoResource('StatefulSet', {});
  });

  test('fails naming the documents that match', () => {
    expect(() => manifests.hasNoResource('Deployment', { metadata: { labels: { tier: 'frontend' } } }))
      .toThrow(new Error('expected no Deployment matching the properties, found 2: shop/api, shop/web'));
  });
});

describe('findResources', () => {
  const manifests = Manifests.fromObjects([webDeployment({ name: 'api' }), webDeployment(), webService()]);

  test('returns the documents of the kind that match, in order', () => {
    expect(manifests.findResources('Deployment', { metadata: { name: Match.stringLikeRegexp('^(web|api)$') } }).map(d => d.metadata.name)).toEqual(['api', 'web']);
    expect(manifests.findResources('Deployment', { metadata: { name: 'web' } })).toEqual([webDeployment()]);
    expect(manifests.findResources('Deployment', { metadata: { name: 'db' } })).toEqual([]);
  });

  test('returns every document of the kind without properties', () => {
    expect(manifests.findResources('Service')).toEqual([webService()]);
    expect(manifests.findResources('Ingress')).toEqual([]);
  });
});

describe('allResources', () => {
  const manifests = Manifests.fromObjects([webDeployment({ name: 'api', image: 'nginx:1.26' }), webDeployment(), webDeployment({ name: 'db', image: 'postgres:17' })]);

  test('passes when every document of the kind matches', () => {
    manifests.allResources('Deployment', { metadata: { namespace: 'shop' }, spec: { replicas: Match.absent() } });
  });

  test('fails listing every document that does not match, with its differences', () => {
    expect(() => manifests.allResources('Deployment', { spec: { template: { spec: { containers: Match.arrayWith([{ image: 'nginx:1.27' }]) } } } }))
      .toThrow(new Error([
        'expected every Deployment to match the properties; 2 of 3 do not:',
        'apps/v1 Deployment shop/api',
        '  at /spec/template/spec/containers: no item matches {"image":"nginx:1.27"}; closest is item 0:',
        '  at /spec/template/spec/containers/0/image: expected "nginx:1.27", got "nginx:1.26"',
        'apps/v1 Deployment shop/db',
        '  at /spec/template/spec/containers: no item matches {"image":"nginx:1.27"}; closest is item 0:',
        '  at /spec/template/spec/containers/0/image: expected "nginx:1.27", got "postgres:17"',
      ].join('\n')));
  });

  test('fails with the one document that does not match', () => {
    expect(() => manifests.allResources('Deployment', { spec: { template: { spec: { containers: [{ name: 'app' }, { name: 'sidecar' }] } } }, metadata: { name: Match.not('db') } }))
      .toThrow(new Error([
        'expected every Deployment to match the properties; 1 of 3 does not:',
        'apps/v1 Deployment shop/db',
        '  at /metadata/name: expected anything but "db", got "db"',
      ].join('\n')));
  });

  test('fails when there is no document of the kind, rather than passing for none', () => {
    expect(() => manifests.allResources('Service', {})).toThrow(new Error('expected every Service to match the properties, found no Service (kinds present: Deployment)'));
  });
});
