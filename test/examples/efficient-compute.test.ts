import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { buildApp } from '../../examples/efficient-compute/app';
import { warningsOf } from '../../src/core/warnings';
import { SyncWaves } from '../../src/gitops';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

// Seed 000 (chrismld/efficient-compute-demos, keda/): each chart compared with the upstream manifests the seed applies.
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-examples-test', 'efficient-compute');
const SCRIPTS = path.join(__dirname, '..', '..', 'examples', 'efficient-compute', 'scripts');
const ARCH_DEPLOYMENTS = ['montecarlo-pi-graviton', 'montecarlo-pi-x86'];
const DEPLOYMENTS = ['montecarlo-pi', ...ARCH_DEPLOYMENTS];
/** Each Deployment and Service, with the upstream file that defines it. */
const UPSTREAM_FILES = [['montecarlo-pi', 'workload.yaml'], ['montecarlo-pi-graviton', 'graviton.yaml'], ['montecarlo-pi-x86', 'x86.yaml']];

function chartDocs(app: App, id: string): any[] {
  const chart = app.charts.find(c => c.node.id === id);
  if (!chart) throw new Error(`no chart ${id} in ${app.charts.map(c => c.node.id).join(', ')}`);
  return chart.toJson();
}

function upstream(file: string, kind: string, name: string): any {
  return docOf(referenceDocs(`000/keda/manifests/${file}`), kind, name);
}

/** A document without the Argo CD sync-wave annotation (and without annotations left empty). */
function withoutSyncWave(doc: any): any {
  const { [SyncWaves.ANNOTATION]: _wave, ...annotations } = doc.metadata.annotations ?? {};
  const { annotations: _all, ...metadata } = doc.metadata;
  return { ...doc, metadata: Object.keys(annotations).length ? { ...metadata, annotations } : metadata };
}

function podSpec(docs: any[], name: string): any {
  return docOf(docs, 'Deployment', name).spec.template.spec;
}

describe('efficient-compute (seed 000)', () => {
  const app = buildApp(OUTDIR);
  const elasticity = chartDocs(app, '02-elasticity');
  const pricePerformance = chartDocs(app, '03-price-performance');
  const gravitonSpot = chartDocs(app, '04-graviton-spot');

  test('has one chart per demo phase, in the order the seed applies them', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(['01-node-pools', '02-elasticity', '03-price-performance', '04-graviton-spot']);
  });

  test('synthesizes with every pod hardened and writes one file per chart', () => {
    fs.rmSync(OUTDIR, { recursive: true, force: true });
    app.synth();
    expect(fs.readdirSync(OUTDIR).sort()).toEqual([
      '01-node-pools.k8s.yaml', '02-elasticity.k8s.yaml', '03-price-performance.k8s.yaml', '04-graviton-spot.k8s.yaml',
    ]);
  });

  test('fails to synthesize a pod added without the restricted profile, naming the construct and the field', () => {
    const extended = buildApp(OUTDIR);
    const chart = extended.charts.find(c => c.node.id === '02-elasticity')!;
    new kplus.Deployment(chart, 'unhardened', { containers: [{ image: 'public.ecr.aws/chrismld/montecarlo-pi', securityContext: { ensureNonRoot: false } }] });
    expect(() => extended.synth()).toThrow(/02-elasticity\/unhardened[\s\S]*securityContext\.runAsNonRoot: got false; must be true/);
  });

  test('emits only documents that are valid against their schemas', () => {
    expectValidManifests(app.charts.flatMap(c => c.toJson()));
  });

  test('000-1 reproduces the graviton, x86 and multiarch pools of nodepool.yaml (24h0m0s is written 24h)', () => {
    const expected = referenceDocs('000/keda/manifests/nodepool.yaml');
    for (const pool of expected) pool.spec.template.spec.terminationGracePeriod = '24h';
    expect(chartDocs(app, '01-node-pools').map(withoutSyncWave)).toEqual(expected);
  });

  test('records only the warnings upstream earns: its three pools have no limits', () => {
    expect(warningsOf(app)).toEqual(['Graviton', 'X86', 'MultiArch'].map(pool =>
      `[01-node-pools/pools/${pool}] has no limits: the pool can launch capacity without bound; set limits (cpu, memory) to cap cost (NP-41)`));
  });

  describe('000-2 elasticity', () => {
    test.each(UPSTREAM_FILES)('Deployment %s keeps the upstream replicas, selector, placement, image, port and resources', (name, file) => {
      const actual = docOf(elasticity, 'Deployment', name);
      const expected = upstream(file, 'Deployment', name);
      expect(actual.metadata.namespace).toBe('default');
      expect(actual.spec.replicas).toBe(expected.spec.replicas);
      expect(actual.spec.selector).toEqual(expected.spec.selector);
      expect(actual.spec.template.metadata.labels).toEqual(expected.spec.template.metadata.labels);
      const pod = actual.spec.template.spec;
      const expectedPod = expected.spec.template.spec;
      expect(pod.nodeSelector).toEqual(expectedPod.nodeSelector);
      expect(pod.tolerations).toEqual(expectedPod.tolerations);
      const { securityContext, volumeMounts, ...container } = pod.containers[0];
      expect(container).toEqual(expectedPod.containers[0]);
      expect(volumeMounts).toEqual([{ mountPath: '/tmp', name: `tmp-${name}` }]);
      expect(securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsGroup: 10001,
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });

    test.each(UPSTREAM_FILES)('Service %s is the upstream internet-facing LoadBalancer on port 80', (name, file) => {
      const actual = docOf(elasticity, 'Service', name);
      const expected = upstream(file, 'Service', name);
      expect(actual.metadata).toEqual({ ...expected.metadata, namespace: 'default' });
      const { externalIPs, ...spec } = actual.spec;
      expect(externalIPs).toEqual([]);
      expect(spec).toEqual(expected.spec);
    });

    test('ServiceMonitor montecarlo-pi carries release: prometheus and scrapes the http port, as upstream', () => {
      const expected = upstream('workload.yaml', 'ServiceMonitor', 'montecarlo-pi');
      expected.metadata.namespace = 'default';
      expect(withoutSyncWave(docOf(elasticity, 'ServiceMonitor', 'montecarlo-pi'))).toEqual(expected);
    });

    test('ScaledObject montecarlo-pi-latency is upstream\'s, without the metricName KEDA ignores', () => {
      const expected = upstream('workload.yaml', 'ScaledObject', 'montecarlo-pi-latency');
      const { metricName, ...metadata } = expected.spec.triggers[0].metadata;
      expect(metricName).toBe('monte_carlo_latency_seconds');
      expected.spec.triggers[0].metadata = { ...metadata, query: metadata.query.trim() };
      expected.metadata.namespace = 'default';
      expect(withoutSyncWave(docOf(elasticity, 'ScaledObject', 'montecarlo-pi-latency'))).toEqual(expected);
    });

    test('the ScaledObject keeps montecarlo-pi\'s pods available during node consolidation with a PodDisruptionBudget', () => {
      expect(docOf(elasticity, 'PodDisruptionBudget', 'montecarlo-pi').spec).toEqual({
        maxUnavailable: 1, selector: { matchLabels: { app: 'montecarlo-pi' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow',
      });
    });

    test('ConfigMap k6-test-scripts holds the three scripts under the names the seed gives them', () => {
      const data = docOf(elasticity, 'ConfigMap', 'k6-test-scripts').data;
      expect(Object.keys(data).sort()).toEqual(['load-test.js', 'perf-test-graviton.js', 'perf-test-x86.js']);
      expect(data['load-test.js']).toBe(fs.readFileSync(path.join(SCRIPTS, 'load-test.js'), 'utf8'));
      const template = fs.readFileSync(path.join(SCRIPTS, 'perf-test.js'), 'utf8');
      expect(data['perf-test-x86.js']).toBe(template.replace('__SERVICE__', 'montecarlo-pi-x86'));
      expect(data['perf-test-graviton.js']).toBe(template.replace('__SERVICE__', 'montecarlo-pi-graviton'));
    });

    test('load-test.js ramps to 100 VUs against montecarlo-pi, with the unitless "90" stage fixed to 90s', () => {
      const script = docOf(elasticity, 'ConfigMap', 'k6-test-scripts').data['load-test.js'];
      const stages = [...script.matchAll(/\{ duration: '([^']+)', target: (\d+) \}/g)].map(m => [m[1], Number(m[2])]);
      expect(stages).toEqual([['120s', 30], ['120s', 45], ['90s', 60], ['90s', 75], ['90s', 90], ['30s', 100], ['15s', 0]]);
      expect(script).not.toMatch(/duration:\s*['"]\d+['"]/);
      expect(script).toContain("http.get('http://montecarlo-pi.default.svc.cluster.local/simulate?iterations=500000')");
      expect(script).toContain('sleep(1)');
    });

    test('TestRun load-test reads load-test.js from k6-test-scripts with upstream\'s runner requests', () => {
      const actual = docOf(elasticity, 'TestRun', 'load-test');
      const expected = upstream('k6-load-test.yaml', 'TestRun', 'load-test');
      expect(actual.metadata.namespace).toBe('default');
      expect(actual.spec).toMatchObject({ ...expected.spec, runner: { resources: { requests: expected.spec.runner.resources.requests } } });
      expect(actual.spec.runner.resources.limits).toEqual({ memory: '512Mi' });
      expect(actual.spec.runner.image).toBe('grafana/k6:2.3.0');
    });

    test('orders each chart for a GitOps sync: scripts before tests, workloads before their autoscaler and monitor', () => {
      const order = elasticity.map(d => d.kind);
      expect(order.indexOf('ConfigMap')).toBeLessThan(order.indexOf('TestRun'));
      expect(order.lastIndexOf('Deployment')).toBeLessThan(order.indexOf('ScaledObject'));
      expect(order.lastIndexOf('Service')).toBeLessThan(order.indexOf('ServiceMonitor'));
      const wave = (kind: string) => docOf(elasticity, kind).metadata.annotations?.[SyncWaves.ANNOTATION];
      expect([wave('ConfigMap'), wave('Deployment'), wave('ScaledObject'), wave('TestRun')]).toEqual(['-2', undefined, '1', '2']);
      expect(chartDocs(app, '01-node-pools').every(d => d.metadata.annotations[SyncWaves.ANNOTATION] === '-1')).toBe(true);
    });
  });

  describe('000-3 price-performance', () => {
    test('runs both architectures at a static 17 replicas and montecarlo-pi at 0, without the ScaledObject', () => {
      expect(docOf(pricePerformance, 'Deployment', 'montecarlo-pi').spec.replicas).toBe(0);
      for (const name of ARCH_DEPLOYMENTS) expect(docOf(pricePerformance, 'Deployment', name).spec.replicas).toBe(17);
      expect(pricePerformance.filter(d => d.kind === 'ScaledObject' || d.kind === 'PodDisruptionBudget')).toEqual([]);
    });

    test.each(['perf-test-x86', 'perf-test-graviton'])('TestRun %s matches upstream and its script targets the short Service name', name => {
      const actual = docOf(pricePerformance, 'TestRun', name);
      const expected = upstream(`${name}.yaml`, 'TestRun', name);
      expect(actual.spec).toMatchObject({ ...expected.spec, runner: { resources: { requests: expected.spec.runner.resources.requests } } });
      const script = docOf(pricePerformance, 'ConfigMap', 'k6-test-scripts').data[`${name}.js`];
      const service = name.replace('perf-test-', 'montecarlo-pi-');
      expect(script).toContain(`http.get('http://${service}/simulate?iterations=500000')`);
      expect(script).toContain("export const options = { vus: 100, duration: '5m' };");
      expect(script).toContain("'status is 200': r => r.status === 200");
      expect(script).toContain("'latency < 500ms': r => r.timings.duration < 500");
      expect(script).toContain('sleep(0.05)');
      expect(script).not.toMatch(/thresholds\s*:/);
    });

    test('holds the phase\'s complete state, so it replaces 02-elasticity: the load test is gone, Services and monitor stay', () => {
      expect(pricePerformance.filter(d => d.kind === 'TestRun').map(d => d.metadata.name)).toEqual(['perf-test-x86', 'perf-test-graviton']);
      for (const name of DEPLOYMENTS) expect(docOf(pricePerformance, 'Service', name)).toEqual(docOf(elasticity, 'Service', name));
      expect(docOf(pricePerformance, 'ServiceMonitor', 'montecarlo-pi')).toEqual(docOf(elasticity, 'ServiceMonitor', 'montecarlo-pi'));
      expect(docOf(pricePerformance, 'ConfigMap', 'k6-test-scripts')).toEqual(docOf(elasticity, 'ConfigMap', 'k6-test-scripts'));
    });

    test('keeps pod templates identical across phases, so replacing a chart rolls only what the step changes', () => {
      for (const name of DEPLOYMENTS) {
        expect(docOf(pricePerformance, 'Deployment', name).spec.template).toEqual(docOf(elasticity, 'Deployment', name).spec.template);
      }
    });
  });

  describe('000-4 Graviton to Spot', () => {
    test('moves montecarlo-pi-graviton to Spot through its nodeSelector; its pool already allows Spot (A000-2)', () => {
      expect(podSpec(gravitonSpot, 'montecarlo-pi-graviton').nodeSelector).toEqual({
        'intent': 'graviton', 'karpenter.sh/capacity-type': 'spot', 'eks.amazonaws.com/instance-family': 'c8g',
      });
      const graviton = docOf(chartDocs(app, '01-node-pools'), 'NodePool', 'graviton');
      expect(graviton.spec.template.spec.requirements[0]).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand', 'spot'] });
    });

    test('leaves montecarlo-pi on the on-demand multiarch pool, unlike the seed\'s literal re-apply of workload.yaml', () => {
      expect(podSpec(gravitonSpot, 'montecarlo-pi').nodeSelector['karpenter.sh/capacity-type']).toBe('on-demand');
    });

    test('differs from 03-price-performance in that one nodeSelector value only', () => {
      const expected = JSON.parse(JSON.stringify(pricePerformance));
      podSpec(expected, 'montecarlo-pi-graviton').nodeSelector['karpenter.sh/capacity-type'] = 'spot';
      expect(gravitonSpot).toEqual(expected);
    });
  });

  describe('self-managed Karpenter equivalent', () => {
    const selfManaged = buildApp(OUTDIR, { selfManagedKarpenter: { clusterName: 'efficient-compute', nodeRole: 'KarpenterNodeRole-efficient-compute' } });
    const pools = chartDocs(selfManaged, '01-node-pools');

    test('adds an EC2NodeClass found by the discovery tag, applied before the pools that reference it', () => {
      expectValidManifests(selfManaged.charts.flatMap(c => c.toJson()));
      expect(pools.map(d => d.kind)).toEqual(['EC2NodeClass', 'NodePool', 'NodePool', 'NodePool']);
      const nodeClass = docOf(pools, 'EC2NodeClass', 'default').spec;
      expect(nodeClass.role).toBe('KarpenterNodeRole-efficient-compute');
      expect(nodeClass.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'efficient-compute' } }]);
      expect(nodeClass.securityGroupSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'efficient-compute' } }]);
      for (const pool of pools.slice(1)) {
        expect(pool.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
      }
    });

    test('swaps the eks.amazonaws.com instance labels for karpenter.k8s.aws ones in pools and nodeSelectors', () => {
      expect(docOf(pools, 'NodePool', 'x86').spec.template.spec.requirements.map((r: any) => r.key)).toEqual([
        'karpenter.sh/capacity-type', 'karpenter.k8s.aws/instance-category', 'karpenter.k8s.aws/instance-generation', 'kubernetes.io/arch', 'kubernetes.io/os',
      ]);
      expect(podSpec(chartDocs(selfManaged, '02-elasticity'), 'montecarlo-pi-x86').nodeSelector).toEqual({
        'intent': 'x86', 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.k8s.aws/instance-family': 'c7i',
      });
    });

    test('warns that the unpinned AL2023 alias replaces every node on each AMI release', () => {
      expect(warningsOf(selfManaged).filter(w => !w.includes('has no limits'))).toEqual([
        expect.stringContaining('uses AMI alias al2023@latest'),
      ]);
    });
  });
});
