import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { buildApp } from '../../examples/efficient-compute/app';
import { MONTECARLO_PI_EXEMPTION } from '../../examples/efficient-compute/montecarlo-pi';
import { WorkloadsChart } from '../../examples/efficient-compute/workloads-chart';
import { CapacityReport } from '../../src';
import { warningsOf } from '../../src/core/warnings';
import { SyncWaves } from '../../src/gitops';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

// chrismld/efficient-compute-demos, keda/: each chart compared with the upstream manifests the walkthrough applies.
const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'efficient-compute');
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-examples-test', 'efficient-compute');
const SCRIPTS = path.join(EXAMPLE_DIR, 'scripts');
const UPSTREAM_MANIFESTS = '000/keda/manifests';
const ARCH_DEPLOYMENTS = ['montecarlo-pi-graviton', 'montecarlo-pi-x86'];
const DEPLOYMENTS = ['montecarlo-pi', ...ARCH_DEPLOYMENTS];
/** Each Deployment and Service, with the upstream file that defines it. */
const UPSTREAM_FILES = [['montecarlo-pi', 'workload.yaml'], ['montecarlo-pi-graviton', 'graviton.yaml'], ['montecarlo-pi-x86', 'x86.yaml']];
const CHART_IDS = ['01-node-pools', '02-elasticity', '02b-load-test', '03-price-performance', '03b-perf-tests', '04-graviton-spot'];

function chartDocs(app: App, id: string): any[] {
  const chart = app.charts.find(c => c.node.id === id);
  if (!chart) throw new Error(`no chart ${id} in ${app.charts.map(c => c.node.id).join(', ')}`);
  return chart.toJson();
}

function upstream(file: string, kind: string, name: string): any {
  return docOf(referenceDocs(`${UPSTREAM_MANIFESTS}/${file}`), kind, name);
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

// ---- The walkthrough table of README.md ----

interface WalkthroughRow {
  readonly sourceStep: string;
  readonly command: string;
  /** Chart files the row names (none for a row that applies nothing). */
  readonly charts: string[];
  readonly whatYouSee: string;
}

/** The rows of the table under "## Walkthrough": source step | command | chart | what you see. */
function walkthroughRows(): WalkthroughRow[] {
  const readme = fs.readFileSync(path.join(EXAMPLE_DIR, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Walkthrough'));
  const lines = section.split('\n').slice(1);
  const table = lines.slice(lines.findIndex(l => l.startsWith('| Source step |')));
  const rows = table.slice(2, table.findIndex(l => !l.startsWith('|')));
  return rows.map(row => {
    const cells = row.replace(/^\| /, '').replace(/ \|$/, '').split(' | ');
    if (cells.length !== 4) throw new Error(`walkthrough row must have 4 cells, got ${cells.length}: ${row}`);
    const [sourceStep, command, chart, whatYouSee] = cells;
    return { sourceStep, command, charts: [...chart.matchAll(/`([\w-]+\.k8s\.yaml)`/g)].map(m => m[1]), whatYouSee };
  });
}

// ---- The two ordering rules, over charts applied one after the other ----

/** One `kubectl apply -f` of a chart, in walkthrough order. */
interface AppliedChart {
  readonly chart: string;
  readonly docs: any[];
  /** The step means to run its TestRuns again. */
  readonly rerun?: boolean;
}

const keyOf = (doc: any) => `${doc.kind}/${doc.metadata.namespace ?? ''}/${doc.metadata.name}`;

/** The Deployment a TestRun loads: the Service its script calls, and the Deployment that Service selects. */
function targetOf(testRun: any, visible: Map<string, any>): { service: string; deployment?: any } {
  const namespace = testRun.metadata.namespace;
  const source = testRun.spec.script.configMap;
  const configMap = visible.get(`ConfigMap/${namespace}/${source.name}`);
  if (!configMap) throw new Error(`TestRun ${testRun.metadata.name}: no ConfigMap ${source.name} applied`);
  const host = /http\.get\('http:\/\/([^/']+)/.exec(configMap.data[source.file])?.[1];
  if (!host) throw new Error(`TestRun ${testRun.metadata.name}: no URL in ${source.file}`);
  const service = host.split('.')[0];
  const selector = visible.get(`Service/${namespace}/${service}`)?.spec.selector;
  const deployment = [...visible.values()].find(d => d.kind === 'Deployment' && d.metadata.namespace === namespace
    && selector && Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels?.[k] === v));
  return { service, deployment };
}

/**
 * "A TestRun never ships in a chart before the workload it loads can be Ready": the Deployment it loads
 * comes from an earlier chart, with replicas, and not from the TestRun's own chart.
 */
function testRunsBeforeTheirWorkload(applied: AppliedChart[]): string[] {
  const violations: string[] = [];
  const cluster = new Map<string, any>();
  for (const { chart, docs } of applied) {
    const visible = new Map([...cluster, ...docs.map(d => [keyOf(d), d] as const)]);
    for (const testRun of docs.filter(d => d.kind === 'TestRun')) {
      const { service, deployment } = targetOf(testRun, visible);
      const name = testRun.metadata.name;
      if (!deployment) violations.push(`${chart}: TestRun ${name} loads Service ${service}, which selects no Deployment`);
      else if (docs.some(d => keyOf(d) === keyOf(deployment))) violations.push(`${chart}: TestRun ${name} ships with Deployment ${deployment.metadata.name}, which it loads`);
      else if (deployment.spec.replicas === 0) violations.push(`${chart}: TestRun ${name} loads Deployment ${deployment.metadata.name} at 0 replicas`);
    }
    for (const doc of docs) cluster.set(keyOf(doc), doc);
  }
  return violations;
}

/**
 * "No TestRun in two charts applied one after the other unless the step means to re-run it": the
 * operator deletes a finished TestRun, so any later apply of it runs the test again.
 */
function testRunsRunAgain(applied: AppliedChart[]): string[] {
  const violations: string[] = [];
  const ranIn = new Map<string, string>();
  for (const { chart, docs, rerun } of applied) {
    for (const testRun of docs.filter(d => d.kind === 'TestRun')) {
      const key = keyOf(testRun);
      const earlier = ranIn.get(key);
      if (earlier !== undefined && !rerun) violations.push(`${chart}: TestRun ${testRun.metadata.name} already ran from ${earlier}; applying it runs it again`);
      ranIn.set(key, chart);
    }
  }
  return violations;
}

describe('efficient-compute', () => {
  const app = buildApp(OUTDIR);
  const elasticity = chartDocs(app, '02-elasticity');
  const loadTest = chartDocs(app, '02b-load-test');
  const pricePerformance = chartDocs(app, '03-price-performance');
  const perfTests = chartDocs(app, '03b-perf-tests');
  const gravitonSpot = chartDocs(app, '04-graviton-spot');

  test('has one chart per step, in the order the walkthrough applies them', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(CHART_IDS);
  });

  test('synthesizes with every pod hardened or exempt and writes one file per chart', () => {
    fs.rmSync(OUTDIR, { recursive: true, force: true });
    app.synth();
    expect(fs.readdirSync(OUTDIR).sort()).toEqual(CHART_IDS.map(id => `${id}.k8s.yaml`));
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

  test('the node pools chart reproduces the graviton, x86 and multiarch pools of nodepool.yaml (24h0m0s is written 24h)', () => {
    const expected = referenceDocs(`${UPSTREAM_MANIFESTS}/nodepool.yaml`);
    for (const pool of expected) pool.spec.template.spec.terminationGracePeriod = '24h';
    expect(chartDocs(app, '01-node-pools').map(withoutSyncWave)).toEqual(expected);
  });

  test('records only the warnings upstream earns: its three pools have no limits', () => {
    expect(warningsOf(app)).toEqual(['Graviton', 'X86', 'MultiArch'].map(pool =>
      `[01-node-pools/pools/${pool}] has no limits: the pool can launch capacity without bound; set limits (cpu, memory) to cap cost (NP-41)`));
  });

  describe('elasticity', () => {
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
        capabilities: { add: ['DAC_OVERRIDE'], drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsGroup: 10001,
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });

    test('exempts the montecarlo-pi Deployments from the restricted check, with the reason the image needs DAC_OVERRIDE', () => {
      for (const id of ['02-elasticity', '03-price-performance', '04-graviton-spot']) {
        const chart = app.charts.find(c => c.node.id === id) as WorkloadsChart;
        for (const workload of [chart.montecarloPi, chart.graviton, chart.x86]) {
          expect(workload.deployment.node.metadata.map(m => m.data)).toContain(MONTECARLO_PI_EXEMPTION);
        }
      }
      expect(MONTECARLO_PI_EXEMPTION).toContain('/root is mode 0700');
      expect(MONTECARLO_PI_EXEMPTION).toContain('CAP_DAC_OVERRIDE');
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

    test('ConfigMap k6-test-scripts holds the three scripts under the names upstream gives them', () => {
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

    test('TestRun load-test, in its own chart, reads load-test.js from k6-test-scripts with upstream\'s runner requests', () => {
      expect(loadTest.map(d => d.kind)).toEqual(['TestRun']);
      const actual = docOf(loadTest, 'TestRun', 'load-test');
      const expected = upstream('k6-load-test.yaml', 'TestRun', 'load-test');
      expect(actual.metadata.namespace).toBe('default');
      expect(actual.spec).toMatchObject({ ...expected.spec, runner: { resources: { requests: expected.spec.runner.resources.requests } } });
      expect(actual.spec.runner.resources.limits).toEqual({ memory: '512Mi' });
      expect(actual.spec.runner.image).toBe('grafana/k6:2.3.0');
    });

    test('orders each chart for a GitOps sync: scripts first, workloads before their autoscaler and monitor, tests last', () => {
      const order = elasticity.map(d => d.kind);
      expect(order.lastIndexOf('Deployment')).toBeLessThan(order.indexOf('ScaledObject'));
      expect(order.lastIndexOf('Service')).toBeLessThan(order.indexOf('ServiceMonitor'));
      const wave = (docs: any[], kind: string) => docOf(docs, kind).metadata.annotations?.[SyncWaves.ANNOTATION];
      expect([wave(elasticity, 'ConfigMap'), wave(elasticity, 'Deployment'), wave(elasticity, 'ScaledObject'), wave(loadTest, 'TestRun')])
        .toEqual(['-2', undefined, '1', '2']);
      expect(chartDocs(app, '01-node-pools').every(d => d.metadata.annotations[SyncWaves.ANNOTATION] === '-1')).toBe(true);
    });
  });

  describe('price-performance', () => {
    test('answers the cost question with the packing and monthly price the README shows', () => {
      const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'efficient-compute', 'README.md'), 'utf8');
      const workloads = CapacityReport.of(app).toJson().workloads as any[];
      const expected: Array<[string, string]> = [['montecarlo-pi-graviton', 'c8g.4xlarge'], ['montecarlo-pi-x86', 'c7i.4xlarge']];
      for (const [name, instanceType] of expected) {
        const fit = workloads.find(w => w.path === `03-price-performance/${name}/Deployment`);
        expect(fit.cheapest).toMatchObject({ instanceType, replicas: 17, replicasPerNode: 17, nodes: 1 });
        expect(readme).toContain(`| \`${name}\` (${instanceType.split('.')[0]}) | 1 × ${instanceType}, 17 replicas per node | $${fit.cheapest.pricePerHour} | $${fit.cheapest.pricePerMonth.toFixed(2)} |`);
      }
    });

    test('runs both architectures at a static 17 replicas and montecarlo-pi at 0, without the ScaledObject', () => {
      expect(docOf(pricePerformance, 'Deployment', 'montecarlo-pi').spec.replicas).toBe(0);
      for (const name of ARCH_DEPLOYMENTS) expect(docOf(pricePerformance, 'Deployment', name).spec.replicas).toBe(17);
      expect(pricePerformance.filter(d => d.kind === 'ScaledObject' || d.kind === 'PodDisruptionBudget')).toEqual([]);
    });

    test.each(['perf-test-x86', 'perf-test-graviton'])('TestRun %s matches upstream and its script targets the short Service name', name => {
      const actual = docOf(perfTests, 'TestRun', name);
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

    test('holds the step\'s complete workload state, so it replaces 02-elasticity: no TestRun, Services and monitor stay', () => {
      expect(pricePerformance.filter(d => d.kind === 'TestRun')).toEqual([]);
      expect(perfTests.map(d => `${d.kind}/${d.metadata.name}`)).toEqual(['TestRun/perf-test-x86', 'TestRun/perf-test-graviton']);
      for (const name of DEPLOYMENTS) expect(docOf(pricePerformance, 'Service', name)).toEqual(docOf(elasticity, 'Service', name));
      expect(docOf(pricePerformance, 'ServiceMonitor', 'montecarlo-pi')).toEqual(docOf(elasticity, 'ServiceMonitor', 'montecarlo-pi'));
      expect(docOf(pricePerformance, 'ConfigMap', 'k6-test-scripts')).toEqual(docOf(elasticity, 'ConfigMap', 'k6-test-scripts'));
    });

    test('keeps pod templates identical across steps, so replacing a chart rolls only what the step changes', () => {
      for (const name of DEPLOYMENTS) {
        expect(docOf(pricePerformance, 'Deployment', name).spec.template).toEqual(docOf(elasticity, 'Deployment', name).spec.template);
      }
    });
  });

  describe('Graviton to Spot', () => {
    test('moves montecarlo-pi-graviton to Spot through its nodeSelector; its pool already allows Spot', () => {
      expect(podSpec(gravitonSpot, 'montecarlo-pi-graviton').nodeSelector).toEqual({
        'intent': 'graviton', 'karpenter.sh/capacity-type': 'spot', 'eks.amazonaws.com/instance-family': 'c8g',
      });
      const graviton = docOf(chartDocs(app, '01-node-pools'), 'NodePool', 'graviton');
      expect(graviton.spec.template.spec.requirements[0]).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand', 'spot'] });
    });

    test('leaves montecarlo-pi on the on-demand multiarch pool, unlike a literal re-apply of workload.yaml', () => {
      expect(podSpec(gravitonSpot, 'montecarlo-pi').nodeSelector['karpenter.sh/capacity-type']).toBe('on-demand');
    });

    test('differs from 03-price-performance in that one nodeSelector value only, and so holds no TestRun', () => {
      const expected = JSON.parse(JSON.stringify(pricePerformance));
      podSpec(expected, 'montecarlo-pi-graviton').nodeSelector['karpenter.sh/capacity-type'] = 'spot';
      expect(gravitonSpot).toEqual(expected);
    });
  });

  describe('walkthrough order (README.md)', () => {
    const rows = walkthroughRows();
    const docsOfFile = (file: string): any[] => app.charts.find(c => `${c.node.id}.k8s.yaml` === file)?.toJson() ?? [];
    const applied: AppliedChart[] = rows.flatMap(row => row.charts.map(file => ({
      chart: file, docs: docsOfFile(file), rerun: /\bre-run\b/.test(row.sourceStep),
    })));

    test('names in its table only charts the app synthesizes, and every one of them', () => {
      const outdir = path.join(OUTDIR, '..', 'efficient-compute-readme');
      fs.rmSync(outdir, { recursive: true, force: true });
      buildApp(outdir).synth();
      const synthesized = fs.readdirSync(outdir).sort();
      const named = [...new Set(rows.flatMap(r => r.charts))];
      expect(rows.length).toBeGreaterThan(5);
      for (const file of named) expect(synthesized).toContain(file);
      expect([...named].sort()).toEqual(synthesized);
    });

    test('applies in each row exactly the chart that row names, in the order of the charts', () => {
      for (const row of rows) {
        const appliedFiles = [...row.command.matchAll(/kubectl apply -f examples\/dist\/efficient-compute\/([\w-]+\.k8s\.yaml)/g)].map(m => m[1]);
        expect({ row: row.sourceStep, files: appliedFiles }).toEqual({ row: row.sourceStep, files: row.charts });
        expect(row.whatYouSee.trim()).not.toEqual('');
      }
      const firstApplied = [...new Set(applied.map(a => a.chart))];
      expect(firstApplied).toEqual(CHART_IDS.map(id => `${id}.k8s.yaml`));
    });

    test('no TestRun ships in a chart before the chart of the workload it loads', () => {
      expect(testRunsBeforeTheirWorkload(applied)).toEqual([]);
    });

    test('waits in the README until the loaded Deployments are rolled out before the row that starts their test', () => {
      rows.forEach((row, i) => {
        const testRuns = row.charts.flatMap(docsOfFile).filter(d => d.kind === 'TestRun');
        for (const testRun of testRuns) {
          const before = applied.slice(0, applied.findIndex(a => a.chart === row.charts[0])).flatMap(a => a.docs);
          const visible = new Map(before.map(d => [keyOf(d), d] as const));
          const name = targetOf(testRun, visible).deployment.metadata.name;
          const rollout = rows.slice(0, i).reverse()
            .find(r => r.charts.some(file => docsOfFile(file).some(d => d.kind === 'Deployment' && d.metadata.name === name)));
          expect({ testRun: testRun.metadata.name, waits: rollout?.command.includes(`kubectl rollout status deployment/${name} `) })
            .toEqual({ testRun: testRun.metadata.name, waits: true });
        }
      });
    });

    test('no TestRun is in two charts applied one after the other, except in the step that re-runs it', () => {
      expect(testRunsRunAgain(applied)).toEqual([]);
      const holders = new Map<string, string[]>();
      for (const chart of app.charts) {
        for (const doc of chart.toJson().filter((d: any) => d.kind === 'TestRun')) holders.set(doc.metadata.name, [...holders.get(doc.metadata.name) ?? [], chart.node.id]);
      }
      expect(Object.fromEntries(holders)).toEqual({
        'load-test': ['02b-load-test'], 'perf-test-x86': ['03b-perf-tests'], 'perf-test-graviton': ['03b-perf-tests'],
      });
      expect(applied.filter(a => a.rerun).map(a => a.chart)).toEqual(['02b-load-test.k8s.yaml']);
    });

    test('both rules catch the layout that ships each TestRun with its workloads chart', () => {
      const folded: AppliedChart[] = [
        { chart: '01-node-pools', docs: chartDocs(app, '01-node-pools') },
        { chart: '02-elasticity', docs: [...elasticity, ...loadTest] },
        { chart: '03-price-performance', docs: [...pricePerformance, ...perfTests] },
        { chart: '04-graviton-spot', docs: [...gravitonSpot, ...perfTests] },
      ];
      expect(testRunsBeforeTheirWorkload(folded)).toEqual([
        '02-elasticity: TestRun load-test ships with Deployment montecarlo-pi, which it loads',
        '03-price-performance: TestRun perf-test-x86 ships with Deployment montecarlo-pi-x86, which it loads',
        '03-price-performance: TestRun perf-test-graviton ships with Deployment montecarlo-pi-graviton, which it loads',
        '04-graviton-spot: TestRun perf-test-x86 ships with Deployment montecarlo-pi-x86, which it loads',
        '04-graviton-spot: TestRun perf-test-graviton ships with Deployment montecarlo-pi-graviton, which it loads',
      ]);
      expect(testRunsRunAgain(folded)).toEqual([
        '04-graviton-spot: TestRun perf-test-x86 already ran from 03-price-performance; applying it runs it again',
        '04-graviton-spot: TestRun perf-test-graviton already ran from 03-price-performance; applying it runs it again',
      ]);
    });

    test('catches a test applied while the workload it loads is still at 0 replicas', () => {
      const early: AppliedChart[] = [
        { chart: '02-elasticity', docs: elasticity },
        { chart: '03b-perf-tests', docs: perfTests },
      ];
      expect(testRunsBeforeTheirWorkload(early)).toEqual([
        '03b-perf-tests: TestRun perf-test-x86 loads Deployment montecarlo-pi-x86 at 0 replicas',
        '03b-perf-tests: TestRun perf-test-graviton loads Deployment montecarlo-pi-graviton at 0 replicas',
      ]);
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
