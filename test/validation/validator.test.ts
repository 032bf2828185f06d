import { execFileSync } from 'child_process';
import * as path from 'path';
import { formatError, ManifestError, validateManifests } from '../../src/validation';
import { testCrd } from '../support/crds';
import { VALIDATOR_CACHE_DIR } from '../support/manifest-validator';

const ROOT = path.resolve(__dirname, '..', '..');
const options = { cacheDir: VALIDATOR_CACHE_DIR };

const deployment = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    ...spec,
  },
});

const nodePool = (spec: Record<string, unknown>) => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'default' },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
      },
    },
    ...spec,
  },
});

/** A CRD of an operator the library does not pin, with a CEL rule. */
const widgetCrd = testCrd({
  group: 'example.com',
  kind: 'Widget',
  plural: 'widgets',
  specSchema: {
    'type': 'object',
    'required': ['size'],
    'properties': { size: { type: 'integer', minimum: 1 }, color: { type: 'string', enum: ['red', 'blue'] } },
    'x-kubernetes-validations': [{ rule: "self.size < 10 || self.color == 'red'", message: 'big widgets must be red' }],
  },
});

const widget = (spec: Record<string, unknown>) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'apps' }, spec });

describe('validateManifests', () => {
  test('returns no errors for valid documents', () => {
    expect(validateManifests([deployment(), nodePool({ weight: 10 })], options)).toEqual([]);
  });

  test('returns structured errors: document index, identity, JSON path, value, message and rule', () => {
    const errors = validateManifests([deployment(), nodePool({ weight: 0 })], options);
    expect(errors).toEqual([{
      document: 1,
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      name: 'default',
      namespace: undefined,
      path: 'spec.weight',
      value: 0,
      message: 'Invalid value: 0: spec.weight in body should be greater than or equal to 1',
      rule: 'schema: minimum',
    }]);
  });

  test('names the rule of each kind of check', () => {
    const pod = deployment();
    (pod.spec.template.spec as any).containers = [{ name: 'web', image: 'nginx', bogus: true, ports: [{ containerPort: 'http' }] }];
    (pod.metadata as any).labels = { 'bad key': 'x' };
    (pod.spec as any).selector = { matchLabels: { app: 'other' } };
    const rules = (docs: unknown[]) => validateManifests(docs, options).map(e => `${e.rule} @ ${e.path}`);
    expect(rules([pod])).toEqual(expect.arrayContaining([
      'schema: unknown field @ spec.template.spec.containers[0].bogus',
      'schema: type @ spec.template.spec.containers[0].ports[0].containerPort',
      'semantic: workload selector @ spec.template.metadata.labels',
      'metadata @ metadata.labels',
    ]));
    expect(rules([nodePool({ replicas: 2, weight: 5 })])).toEqual(["cel: 'weight' is not supported on static NodePools @ spec"]);
    expect(rules([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual(['kind @ ']);
    expect(rules(['text'])).toEqual(['document @ ']);
  });

  test('formats one line per error', () => {
    const [error] = validateManifests([nodePool({ weight: 0 })], options);
    expect(formatError(error)).toBe('karpenter.sh/v1/NodePool default: spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1');
    const noPath: ManifestError = { document: 0, apiVersion: 'v1', kind: 'ConfigMap', name: 'c', namespace: 'apps', path: '', message: 'not an object', rule: 'document' };
    expect(formatError(noPath)).toBe('v1/ConfigMap apps/c: not an object');
  });

  test('names the CRD that is missing for an unknown custom resource, and the served versions of a known one', () => {
    expect(validateManifests([widget({ size: 1 })], options).map(e => e.message)).toEqual([
      'no schema for example.com/v1|Widget: no CustomResourceDefinition for kind Widget in group example.com is known; '
      + 'pass it with --crd (CLI) or the extraCrds option',
    ]);
    expect(validateManifests([{ ...nodePool({}), apiVersion: 'karpenter.sh/v1beta1' }], options).map(e => e.message)).toEqual([
      'no schema for karpenter.sh/v1beta1|NodePool: CustomResourceDefinition nodepools.karpenter.sh serves v1, not v1beta1',
    ]);
    expect(validateManifests([{ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } }], options).map(e => e.message)).toEqual([
      'no schema for apps/v1|Deploymnet: not a kind Kubernetes 1.31 serves',
    ]);
  });

  test('validates custom resources of extra CRDs: schema, defaults-free required fields and CEL rules', () => {
    const withCrd = { ...options, extraCrds: [widgetCrd] };
    expect(validateManifests([widget({ size: 3, color: 'blue' })], withCrd)).toEqual([]);
    expect(validateManifests([widget({ size: 30, color: 'blue' })], withCrd).map(formatError)).toEqual([
      'example.com/v1/Widget apps/w: spec: Invalid value: "object": big widgets must be red',
    ]);
    expect(validateManifests([widget({ size: 2, color: 'green', shape: 'round' })], withCrd).map(e => `${e.path}: ${e.rule}`).sort()).toEqual([
      'spec.color: schema: enum',
      'spec.shape: schema: unknown field',
    ]);
    expect(validateManifests([widget({})], withCrd).map(e => `${e.path}: ${e.rule}: ${e.message}`)).toEqual([
      'spec.size: schema: required: Required value',
      'spec: cel: big widgets must be red: Invalid value: "object": no such key: size evaluating rule: big widgets must be red',
    ]);
  });

  test('prefers an extra CRD over the pinned one of the same group and kind', () => {
    const loose = {
      ...widgetCrd,
      metadata: { name: 'nodepools.karpenter.sh' },
      spec: {
        ...widgetCrd.spec,
        group: 'karpenter.sh',
        scope: 'Cluster',
        names: { kind: 'NodePool', plural: 'nodepools' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    expect(validateManifests([nodePool({ weight: 0 })], { ...options, extraCrds: [loose] })).toEqual([]);
  });

  test('rejects extra CRDs that are not CustomResourceDefinitions', () => {
    expect(() => validateManifests([], { extraCrds: [deployment()] })).toThrow(/extra CRD #0 is not an apiextensions.k8s.io\/v1 CustomResourceDefinition/);
  });

  test('rejects built-in group versions Kubernetes 1.31 no longer serves', () => {
    const ingress = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web', namespace: 'apps' }, spec: {} };
    expect(validateManifests([ingress], options).map(e => e.message)).toEqual([
      'no schema for extensions/v1beta1|Ingress: Kubernetes 1.31 serves Ingress as networking.k8s.io/v1',
    ]);
  });

  test('loading the validator loads neither its implementation, its dependencies nor its generated schemas', () => {
    const script = [
      // cdk8s itself loads yaml: count only what loading the validation module adds.
      "require('cdk8s');",
      'const heavy = /node_modules\\/(ajv|ajv-formats|@bufbuild|yaml)\\/|\\.generated\\.|validation\\/(validator|crd-schemas|builtins|cel)\\./;',
      'const loaded = () => Object.keys(require.cache).filter(f => heavy.test(f)).length;',
      'const withCdk8s = loaded();',
      "const validation = require('./src/validation');",
      'const before = loaded() - withCdk8s;',
      "validation.validateManifests([{ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'a' }, spec: { weight: 0 } }]);",
      'process.stdout.write(JSON.stringify({ before, after: loaded() }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', CDK8S_EKS_AUTOSCALING_CACHE_DIR: VALIDATOR_CACHE_DIR },
      encoding: 'utf8',
    });
    const { before, after } = JSON.parse(out);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(10); // the same filter sees them once a document is validated
  });
});

describe('validateManifests with the operators\' admission webhooks', () => {
  const virtualService = (spec: Record<string, unknown>) => ({
    apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'apps' }, spec,
  });
  const gateway = (hosts: string[]) => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'public', namespace: 'apps' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] },
  });
  const scaledObject = (formula: string) => ({
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      scaleTargetRef: { name: 'web' },
      advanced: { scalingModifiers: { formula, target: '2' } },
      triggers: [
        { type: 'aws-sqs-queue', name: 'queue', metadata: { queueURL: 'https://sqs.us-east-1.amazonaws.com/111122223333/orders', awsRegion: 'us-east-1' } },
        { type: 'cpu', name: 'busy', metricType: 'Utilization', metadata: { value: '50' } },
      ],
    },
  });
  const found = (docs: unknown[]) => validateManifests(docs, options).map(e => ({ path: e.path, message: e.message, rule: e.rule }));

  test('accepts the hosts and formulas istiod and KEDA accept', () => {
    expect(found([
      virtualService({
        hosts: ['*', '*.example.com', 'reviews', 'reviews.apps.svc.cluster.local', '10.0.0.1'],
        http: [{ route: [{ destination: { host: 'reviews' } }], mirror: { host: '*.mirror.example.com' } }],
        tcp: [{ route: [{ destination: { host: 'db.apps.svc.cluster.local' } }] }],
      }),
      gateway(['apps/web.example.com', '*/web.example.com', './*.example.com', '*', '192.168.0.10']),
      scaledObject('queue > 10 ? queue : 0'),
    ])).toEqual([]);
  });

  test('rejects VirtualService hosts istiod refuses, with the JSON path and rule', () => {
    expect(found([virtualService({
      hosts: ['foo.123'],
      http: [{ route: [{ destination: { host: '10.1.2.3' } }, { destination: { host: '*' } }], mirrors: [{ destination: { host: 'Bad_Host' } }] }],
      tls: [{ match: [{ sniHosts: ['*'] }], route: [{ destination: { host: 'a..b' } }] }],
    })])).toEqual([
      {
        path: 'spec.hosts[0]',
        message: 'Invalid value: "foo.123": must be "*", "*.<domain>", a short Service name, a lower-case DNS name or an IP address; its top-level domain "123" is all digits, which only an IP address may be',
        rule: 'webhook: istiod VS-14',
      },
      {
        path: 'spec.http[0].route[0].destination.host',
        message: 'Invalid value: "10.1.2.3": must be "*.<domain>", a short Service name or a lower-case DNS name; it is an IP address (route to a ServiceEntry host for one)',
        rule: 'webhook: istiod VS-14',
      },
      { path: 'spec.http[0].route[1].destination.host', message: 'Invalid value: "*": must name a host; "*" is not a destination', rule: 'webhook: istiod VS-15' },
      expect.objectContaining({ path: 'spec.http[0].mirrors[0].destination.host', message: expect.stringContaining('its label "Bad_Host" is not a lower-case DNS label') }),
      expect.objectContaining({ path: 'spec.tls[0].route[0].destination.host', message: expect.stringContaining('it has an empty label') }),
    ]);
  });

  test('rejects match conditions and regex rewrites istiod refuses, and accepts what it accepts: upper-case header names, a withoutHeaders regex "*", an empty uri prefix', () => {
    const issues = found([virtualService({
      hosts: ['web.example.com'],
      http: [{
        match: [
          { uri: { regex: '/a\\Z' }, authority: { prefix: '' }, headers: { 'x canary': { exact: '1' }, 'x-user': { regex: '(?=x)' } }, queryParams: { q: { regex: '' } } },
          {
            uri: { prefix: '' },
            method: { regex: '(' },
            headers: { 'X-Canary': { exact: '1' } },
            withoutHeaders: { '@request.auth.claims.group': { exact: 'admin' }, ':authority': { regex: '^a.*$' }, 'x-debug': { regex: '*' } },
          },
        ],
        rewrite: { uriRegexRewrite: { match: 'a'.repeat(1025), rewrite: '/' } },
        route: [{ destination: { host: 'web' } }],
      }],
    })]);
    expect(issues).toEqual([
      { path: 'spec.http[0].match[0].uri.regex', message: expect.stringContaining('invalid escape sequence: `\\Z`'), rule: 'webhook: istiod GEN-13' },
      { path: 'spec.http[0].match[0].authority.prefix', message: 'Invalid value: "": must not be empty; use a regex or omit the condition to accept any value', rule: 'webhook: istiod VS-24' },
      { path: 'spec.http[0].match[0].headers[x canary]', message: expect.stringContaining('must be a header name'), rule: 'webhook: istiod VS-28' },
      { path: 'spec.http[0].match[0].headers.x-user.regex', message: expect.stringContaining('must be an RE2 regular expression'), rule: 'webhook: istiod GEN-13' },
      { path: 'spec.http[0].match[0].queryParams.q.regex', message: 'Invalid value: "": must not be empty', rule: 'webhook: istiod VS-25' },
      { path: 'spec.http[0].match[1].method.regex', message: expect.stringContaining('missing closing )'), rule: 'webhook: istiod GEN-13' },
      { path: 'spec.http[0].rewrite.uriRegexRewrite.match', message: expect.stringContaining('must be at most 1024 characters (it has 1025)'), rule: 'webhook: istiod VS-25' },
    ]);
  });

  test('rejects Gateway server hosts istiod refuses: short names and bad namespaces', () => {
    expect(found([gateway(['web', 'Team_A/web.example.com'])])).toEqual([
      expect.objectContaining({ path: 'spec.servers[0].hosts[0]', message: expect.stringContaining('"web" is a short name, which a Gateway does not accept'), rule: 'webhook: istiod GW-02' }),
      expect.objectContaining({ path: 'spec.servers[0].hosts[1]', message: expect.stringContaining('the namespace "Team_A" is not one'), rule: 'webhook: istiod GW-02' }),
    ]);
  });

  test('rejects scalingModifiers formulas KEDA cannot compile or that read other than named non-cpu/memory triggers', () => {
    expect(found([scaledObject(''), scaledObject('queue >'), scaledObject('queue + busy')])).toEqual([
      { path: 'spec.advanced.scalingModifiers.formula', message: 'Invalid value: "": must be an expression over trigger names', rule: 'webhook: KEDA SO-30' },
      expect.objectContaining({ path: 'spec.advanced.scalingModifiers.formula', message: expect.stringContaining('must be an expr-lang expression KEDA can compile'), rule: 'webhook: KEDA SO-41' }),
      {
        path: 'spec.advanced.scalingModifiers.formula',
        message: 'Invalid value: "queue + busy": reads busy, which is not the name of a non-cpu/memory trigger (named: queue)',
        rule: 'webhook: KEDA SO-33',
      },
    ]);
  });

  test('accepts a trigger type KEDA has no scaler for, which only its controller refuses after the apply', () => {
    const doc = scaledObject('queue');
    doc.spec.triggers[0].type = 'example-trigger';
    expect(found([doc])).toEqual([]);
  });
});
