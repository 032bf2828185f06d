import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { validateManifests } from './support/manifest-validator';
import { vendorPath } from './support/vendor';
import { evaluateRules as evaluateIssues, toCel } from '../src/validation/cel';
import { Issue, issueText } from '../src/validation/messages';

const EXAMPLES_DIR = vendorPath('manifests', 'upstream-examples');

/** The CEL evaluator's issues as the API server words them. */
function evaluateRules(value: unknown, schema: any, fieldPath: Array<string | number>, errors: string[]): void {
  const issues: Issue[] = [];
  evaluateIssues(value, schema, fieldPath, issues);
  errors.push(...issues.map(issueText));
}

function nodePool(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = { name: 'default' }) {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata,
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
        },
      },
      ...spec,
    },
  };
}

function withRequirement(requirement: Record<string, unknown>) {
  const pool = nodePool();
  pool.spec.template.spec.requirements = [requirement as any];
  return pool;
}

function scaledObject(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      scaleTargetRef: { name: 'web' },
      triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }],
      ...spec,
    },
  };
}

function deployment(podSpec: Record<string, unknown> = {}, name = 'web') {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'apps', labels: { app: 'web' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080, name: 'http' }] }], ...podSpec },
      },
    },
  };
}

/** All errors as one string, for `toContain` on a message that may sit among others. */
function errorsOf(...docs: unknown[]): string {
  return validateManifests(docs).join('\n');
}

describe('NodePool', () => {
  test('accepts a minimal valid NodePool', () => {
    expect(validateManifests([nodePool()])).toEqual([]);
  });

  test('fails a NodePool whose weight is 0, below the schema minimum', () => {
    expect(validateManifests([nodePool({ weight: 0 })])).toEqual([
      'karpenter.sh/v1 NodePool default: spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1',
    ]);
  });

  test('fails a Gt requirement whose value is not an integer (CEL int() of a string)', () => {
    expect(errorsOf(withRequirement({ key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['four'] }))).toContain(
      "spec.template.spec.requirements: Invalid value: \"array\": cannot parse \"four\" as int evaluating rule: requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
    );
  });

  test('fails a Gt requirement whose value only JavaScript would read as an integer', () => {
    for (const value of [' 4', '0x10', '4.0', '99999999999999999999']) {
      expect(errorsOf(withRequirement({ key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: [value] }))).toContain(`cannot parse ${JSON.stringify(value)} as int`);
    }
  });

  test('fails a Gt requirement with a negative integer, reporting the rule message', () => {
    expect(errorsOf(withRequirement({ key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['-1'] }))).toContain(
      "spec.template.spec.requirements: Invalid value: \"array\": requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
    );
  });

  test('accepts a Gt requirement with a single non-negative integer', () => {
    expect(validateManifests([withRequirement({ key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['4'] })])).toEqual([]);
  });

  test('fails a requirement key in the restricted karpenter.sh label domain (CEL find())', () => {
    expect(errorsOf(withRequirement({ key: 'karpenter.sh/custom', operator: 'Exists' }))).toContain(
      'spec.template.spec.requirements[0].key: Invalid value: "string": label domain "karpenter.sh" is restricted',
    );
  });

  test('fails a template label in the restricted karpenter.k8s.aws domain (CEL rule over a map)', () => {
    const pool = nodePool({ template: { metadata: { labels: { 'karpenter.k8s.aws/custom': 'x' } }, spec: nodePool().spec.template.spec } });
    expect(errorsOf(pool)).toContain('spec.template.metadata.labels: Invalid value: "object": label domain "karpenter.k8s.aws" is restricted');
  });

  test('fails an unknown field', () => {
    expect(validateManifests([nodePool({ bogus: true })])).toEqual(['karpenter.sh/v1 NodePool default: unknown field "spec.bogus"']);
  });

  test('fails an unknown field in metadata, which the CRD schema leaves to the API server', () => {
    expect(validateManifests([nodePool({}, { name: 'default', lables: { team: 'a' } })])).toEqual([
      'karpenter.sh/v1 NodePool default: unknown field "metadata.lables"',
    ]);
  });

  test('fails a namespace on the cluster-scoped NodePool', () => {
    expect(validateManifests([nodePool({}, { name: 'default', namespace: 'karpenter' })])).toEqual([
      'karpenter.sh/v1 NodePool karpenter/default: metadata.namespace: Invalid value: "karpenter": not allowed on this type: NodePool is cluster-scoped',
    ]);
  });

  test('applies schema defaults before validating, so a budget without nodes gets 10%', () => {
    expect(validateManifests([nodePool({ disruption: { consolidateAfter: '30s', budgets: [{ reasons: ['Empty'] }] } })])).toEqual([]);
  });

  test('fails duplicate items in a set-typed list', () => {
    expect(errorsOf(nodePool({ disruption: { consolidateAfter: '30s', budgets: [{ nodes: '1', reasons: ['Empty', 'Empty'] }] } }))).toContain(
      'spec.disruption.budgets[0].reasons[1]: Duplicate value: "Empty"',
    );
  });

  test('skips transition rules that read oldSelf, which do not apply on create', () => {
    // spec carries `has(self.replicas) == has(oldSelf.replicas)`; a static NodePool must still pass
    expect(validateManifests([nodePool({ replicas: 3, limits: { nodes: '3' } })])).toEqual([]);
  });

  test('fails a static NodePool that also sets a weight (CEL rule with has())', () => {
    expect(errorsOf(nodePool({ replicas: 3, weight: 10 }))).toContain("spec: Invalid value: \"object\": 'weight' is not supported on static NodePools");
  });
});

describe('EC2NodeClass', () => {
  const nodeClass = (spec: Record<string, unknown>) => ({
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default' },
    spec: {
      role: 'KarpenterNodeRole',
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'demo' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'demo' } }],
      ...spec,
    },
  });

  test('accepts a minimal valid EC2NodeClass', () => {
    expect(validateManifests([nodeClass({})])).toEqual([]);
  });

  test('fails an alias that is not family@version (CEL matches() on an array item)', () => {
    expect(errorsOf(nodeClass({ amiSelectorTerms: [{ alias: 'al2023' }] }))).toContain(
      "spec.amiSelectorTerms[0].alias: Invalid value: \"string\": 'alias' is improperly formatted, must match the format 'family@version'",
    );
  });

  test('fails a Windows alias with a pinned version (CEL split())', () => {
    expect(errorsOf(nodeClass({ amiSelectorTerms: [{ alias: 'windows2022@v20240101' }] }))).toContain(
      "windows families may only specify version 'latest'",
    );
  });

  test('fails a restricted tag key (CEL all() over map keys)', () => {
    expect(errorsOf(nodeClass({ tags: { 'kubernetes.io/cluster/demo': 'owned' } }))).toContain(
      'spec.tags: Invalid value: "object": tag contains a restricted tag matching kubernetes.io/cluster/',
    );
  });

  test('fails both role and instanceProfile at once', () => {
    expect(errorsOf(nodeClass({ instanceProfile: 'profile' }))).toContain("must specify exactly one of ['role', 'instanceProfile']");
  });
});

describe('ScaledObject', () => {
  test('accepts a minimal valid ScaledObject', () => {
    expect(validateManifests([scaledObject()])).toEqual([]);
  });

  test('fails minReplicaCount above maxReplicaCount (CEL with integers)', () => {
    expect(validateManifests([scaledObject({ minReplicaCount: 5, maxReplicaCount: 2 })])).toEqual([
      'keda.sh/v1alpha1 ScaledObject apps/web: spec: Invalid value: "object": minReplicaCount must be less than or equal to maxReplicaCount',
    ]);
  });

  test('fails minReplicaCount above the implied maximum of 100 when maxReplicaCount is absent', () => {
    expect(errorsOf(scaledObject({ minReplicaCount: 101 }))).toContain('minReplicaCount must be less than or equal to maxReplicaCount');
  });

  test('fails a ScaledObject without triggers', () => {
    const { triggers, ...spec } = scaledObject().spec;
    expect(validateManifests([{ ...scaledObject(), spec }])).toEqual([
      'keda.sh/v1alpha1 ScaledObject apps/web: spec.triggers: Required value',
    ]);
  });

  test('fails a trigger with an unknown field', () => {
    expect(errorsOf(scaledObject({ triggers: [{ type: 'cpu', metadata: {}, treshold: 5 }] }))).toContain('unknown field "spec.triggers[0].treshold"');
  });
});

describe('other custom resources', () => {
  test('fails an Istio timeout below 1ms (CEL duration() of a Go duration string)', () => {
    const rule = (connectTimeout: string) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'web', namespace: 'apps' },
      spec: { host: 'web', trafficPolicy: { connectionPool: { tcp: { connectTimeout } } } },
    });
    expect(validateManifests([rule('1m30s')])).toEqual([]);
    expect(errorsOf(rule('500us'))).toContain('spec.trafficPolicy.connectionPool.tcp.connectTimeout: Invalid value: "string": must be a valid duration greater than 1ms');
  });

  test('fails duplicate keys in a map-typed list', () => {
    const rules = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'web', namespace: 'apps' },
      spec: { groups: [{ name: 'a', rules: [] }, { name: 'a', rules: [] }] },
    };
    expect(errorsOf(rules)).toContain('spec.groups[1]: Duplicate value: ["a"]');
  });

  test('fails a pattern in RE2 syntax that JavaScript cannot parse, like the API server does', () => {
    const monitor = (action: string) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'web', namespace: 'apps' },
      spec: { selector: {}, endpoints: [{ port: 'http', relabelings: [{ action }] }] },
    });
    expect(validateManifests([monitor('Replace')])).toEqual([]);
    expect(errorsOf(monitor('Bogus'))).toContain('spec.endpoints[0].relabelings[0].action');
  });
});

describe('Deployment and other built-in kinds', () => {
  test('accepts a minimal valid Deployment', () => {
    expect(validateManifests([deployment()])).toEqual([]);
  });

  test('fails a containerPort of the wrong type', () => {
    expect(errorsOf(deployment({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: '8080' }] }] }))).toContain(
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "string": spec.template.spec.containers[0].ports[0].containerPort in body must be of type integer: "string"',
    );
  });

  test('fails an unknown field in the pod spec', () => {
    expect(validateManifests([deployment({ bogus: true })])).toEqual(['apps/v1 Deployment apps/web: unknown field "spec.template.spec.bogus"']);
  });

  test('fails a selector that does not match the pod template labels', () => {
    const d = deployment();
    d.spec.selector.matchLabels.app = 'other';
    expect(errorsOf(d)).toContain('spec.template.metadata.labels: Invalid value: "{\\"app\\":\\"web\\"}": `selector` does not match template `labels`');
  });

  test('fails a pod without containers, and duplicate container names', () => {
    expect(errorsOf(deployment({ containers: [] }))).toContain('spec.template.spec.containers: Required value');
    const twice = { name: 'web', image: 'nginx' };
    expect(errorsOf(deployment({ containers: [twice, twice] }))).toContain('spec.template.spec.containers[1].name: Duplicate value: "web"');
  });

  test('fails a mount of a volume the pod does not declare', () => {
    expect(errorsOf(deployment({ containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }))).toContain(
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"',
    );
  });

  test('fails a name that is not a DNS-1123 subdomain', () => {
    expect(errorsOf(deployment({}, 'Web_App'))).toContain('metadata.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain');
  });

  test('fails a Service name that is not a DNS-1035 label and ports without names', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '1web', namespace: 'apps' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] },
    };
    const errors = errorsOf(service);
    expect(errors).toContain('metadata.name: Invalid value: "1web": a DNS-1035 label');
    expect(errors).toContain('spec.ports[0].name: Required value');
  });

  test('fails bad label keys, label values and annotation keys', () => {
    const d = deployment();
    (d.metadata as any).labels = { 'bad key': 'x', 'ok': 'not valid!' };
    (d.metadata as any).annotations = { 'example.com/': 'x' };
    const errors = errorsOf(d);
    expect(errors).toContain('metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters');
    expect(errors).toContain('metadata.labels: Invalid value: "not valid!": a valid label must be an empty string');
    expect(errors).toContain('metadata.annotations: Invalid value: "example.com/": name part must be non-empty');
  });

  test('fails a namespace on a cluster-scoped built-in kind', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'apps' }, rules: [] };
    expect(errorsOf(role)).toContain('metadata.namespace: Invalid value: "apps": not allowed on this type: ClusterRole is cluster-scoped');
  });

  test('fails a document without a name', () => {
    expect(errorsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toContain('metadata.name: Required value');
  });
});

describe('schemas it does not have', () => {
  test('fails a kind it has no schema for, never skips it', () => {
    expect(validateManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual([
      'example.com/v1 Widget w: no schema for example.com/v1|Widget: no CustomResourceDefinition for kind Widget in group example.com is known; '
      + 'pass it with --crd (CLI) or the extraCrds option',
    ]);
  });

  test('fails a served group with a version that is not pinned', () => {
    expect(errorsOf({ ...nodePool(), apiVersion: 'karpenter.sh/v1beta1' })).toContain(
      'no schema for karpenter.sh/v1beta1|NodePool: CustomResourceDefinition nodepools.karpenter.sh serves v1, not v1beta1');
  });

  test('fails a built-in group version Kubernetes 1.31 no longer serves, naming the one it does', () => {
    const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'apps' }, spec: {} };
    expect(errorsOf(pdb)).toContain('no schema for policy/v1beta1|PodDisruptionBudget: Kubernetes 1.31 serves PodDisruptionBudget as policy/v1');
  });
});

describe('CEL evaluation', () => {
  const errorsFor = (rule: string, value: unknown, schema: Record<string, unknown> = { type: 'object' }) => {
    const errors: string[] = [];
    evaluateRules(value, { ...schema, 'x-kubernetes-validations': [{ rule, message: 'rule failed' }] }, ['spec'], errors);
    return errors;
  };

  test('binds schema integers as CEL ints, numbers as doubles and int-or-string as either', () => {
    expect(toCel(3, { type: 'integer' })).toBe(3n);
    expect(toCel(3, { type: 'number' })).toBe(3);
    expect(toCel(3, { 'x-kubernetes-int-or-string': true })).toBe(3n);
    expect(toCel('25%', { 'x-kubernetes-int-or-string': true })).toBe('25%');
    expect(toCel({ a: 1 }, { type: 'object', properties: { a: { type: 'integer' } } })).toEqual(new Map([['a', 1n]]));
  });

  test('reports a rule it cannot compile as a validator gap', () => {
    expect(errorsFor('self.a ==', {})).toEqual([expect.stringMatching(/^spec: validator gap: cannot compile rule "self.a =="/)]);
  });

  test('reports a function it does not implement as a validator gap', () => {
    expect(errorsFor('self.a.isBogus()', { a: 'x' })).toEqual([expect.stringMatching(/^spec: validator gap: cannot evaluate rule "self.a.isBogus\(\)"/)]);
  });

  test('skips only rules that read oldSelf', () => {
    expect(errorsFor('self.a == oldSelf.a', { a: 1 })).toEqual([]);
    expect(errorsFor('self.a == 2', { a: 1 }, { type: 'object', properties: { a: { type: 'integer' } } })).toEqual([
      'spec: Invalid value: "object": rule failed',
    ]);
  });

  test('uses messageExpression when the rule has one', () => {
    const errors: string[] = [];
    evaluateRules({ a: 1 }, { 'type': 'object', 'x-kubernetes-validations': [{ rule: 'false', messageExpression: "'a is ' + string(self.a)" }] }, ['spec'], errors);
    expect(errors).toEqual(['spec: Invalid value: "object": a is 1']);
  });

  test('implements the Kubernetes regex library (find, findAll)', () => {
    expect(errorsFor("self.s.find('[0-9]+') == '42' && self.s.findAll('[a-z]') == ['a', 'b']", { s: 'a42b' })).toEqual([]);
  });
});

describe('upstream examples', () => {
  const files = (dir: string) => fs.readdirSync(path.join(EXAMPLES_DIR, dir)).map(f => path.join(EXAMPLES_DIR, dir, f));
  const documents = (file: string) => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON()).filter(d => d !== null);
  const validFiles = fs.readdirSync(EXAMPLES_DIR)
    .filter(d => d !== 'invalid-upstream' && fs.statSync(path.join(EXAMPLES_DIR, d)).isDirectory())
    .flatMap(files);
  const invalidFiles = files('invalid-upstream');

  // prometheus-operator's getting-started examples also create a Prometheus, whose CRD is not pinned in vendor/crds
  const UNPINNED = 'monitoring.coreos.com/v1|Prometheus';

  test('has examples to check', () => {
    expect(validFiles.length).toBeGreaterThan(50);
    expect(invalidFiles.length).toBeGreaterThan(5);
  });

  test.each(validFiles.map(f => [path.relative(EXAMPLES_DIR, f), f]))('accepts the valid example %s', (_name, file) => {
    const docs = documents(file);
    expect(docs.length).toBeGreaterThan(0);
    const errors = validateManifests(docs);
    const unpinned = docs.filter(d => `${d.apiVersion}|${d.kind}` === UNPINNED);
    expect(errors).toEqual(unpinned.map(d => expect.stringContaining(`${d.apiVersion} ${d.kind} ${d.metadata.name}: no schema for ${UNPINNED}: `
      + 'no CustomResourceDefinition for kind Prometheus in group monitoring.coreos.com')));
  });

  test.each(invalidFiles.map(f => [path.basename(f), f]))('rejects the invalid example %s for the reason it states', (_name, file) => {
    const expected = fs.readFileSync(file, 'utf8').split('\n').filter(l => l.startsWith('# expect: ')).map(l => l.slice('# expect: '.length));
    expect(expected.length).toBeGreaterThan(0);
    const errors = validateManifests(documents(file)).join('\n');
    for (const message of expected) expect(errors).toContain(message);
  });
});
