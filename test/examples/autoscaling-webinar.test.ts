import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildApp } from '../../examples/autoscaling-webinar/app';
import { IN_CLUSTER_MOC_URL, WEBINAR_PARAMETERS } from '../../examples/autoscaling-webinar/parameters';
import { warningsOf } from '../../src/core/warnings';
import { SyncWaves } from '../../src/gitops';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';
import { stepTable } from '../support/readme-steps';

// The webinar's lab (cquinta/infnet-eks-autoscaling-webinar): each chart compared with the upstream manifest the walkthrough applies.
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-examples-test', 'autoscaling-webinar');
const CHARTS = [
  '00-istio-ingress', '01-moc-app', '02-moc-istio', '03a-moc-service-monitor', '03b-grafana-dashboard',
  '04a-keda-trigger-auth', '04b-keda-tps-app-metric', '04c-keda-tps-istio-metric', '04d-k6-spike-test',
  '05a-karpenter-pools', '05b-moc-capacity-spread', '06-hpa-cpu', '07-hpa-custom-metric',
  '08a-consumer', '08b-keda-sqs-queue', '08c-producer', '09-keda-cpu',
];
const AUTOSCALER_KINDS = ['ScaledObject', 'HorizontalPodAutoscaler'];
const README = path.join(__dirname, '..', '..', 'examples', 'autoscaling-webinar', 'README.md');

function chartDocs(app: App, id: string): any[] {
  const chart = app.charts.find(c => c.node.id === id);
  if (!chart) throw new Error(`no chart ${id} in ${app.charts.map(c => c.node.id).join(', ')}`);
  return chart.toJson();
}

function upstream(file: string, kind: string, name: string): any {
  return docOf(referenceDocs(`003/${file}`), kind, name);
}

/** A document without the Argo CD sync-wave annotation (and without annotations left empty). */
function withoutSyncWave(doc: any): any {
  const { [SyncWaves.ANNOTATION]: _wave, ...annotations } = doc.metadata.annotations ?? {};
  const { annotations: _all, ...metadata } = doc.metadata;
  return { ...doc, metadata: Object.keys(annotations).length ? { ...metadata, annotations } : metadata };
}

function waveOf(doc: any): number {
  return Number(doc.metadata.annotations?.[SyncWaves.ANNOTATION] ?? 0);
}

/** Upstream's container as it must reappear, run as a numeric non-root user on a read-only root with a writable /tmp. */
function expectUpstreamContainer(actual: any, expected: any): void {
  expect(actual).toMatchObject(expected);
  // The rest of the restricted profile is enforced at synth (PodSecurity.enforceRestricted).
  expect(actual.securityContext).toMatchObject({ runAsUser: 10001, readOnlyRootFilesystem: true });
  expect(actual.volumeMounts).toEqual([{ mountPath: '/tmp', name: expect.stringMatching(/^tmp-/) }]);
}

/** A ScaledObject as upstream writes it, minus the fields the example drops on purpose. */
function upstreamScaledObject(file: string, name: string, trigger: (metadata: any) => any = m => m): any {
  const { pollingInterval: _polling, cooldownPeriod: _cooldown, ...spec } = upstream(file, 'ScaledObject', name).spec;
  return {
    ...spec,
    triggers: spec.triggers.map((t: any) => ({ ...t, metadata: trigger(t.metadata) })),
  };
}

/** Upstream HPA behavior with the `selectPolicy: Max` cdk8s-plus writes out (Kubernetes' default). */
function withSelectPolicy(behavior: any): any {
  return { scaleUp: { ...behavior.scaleUp, selectPolicy: 'Max' }, scaleDown: { ...behavior.scaleDown, selectPolicy: 'Max' } };
}

describe('autoscaling-webinar', () => {
  const app = buildApp(OUTDIR);
  const all = app.charts.flatMap(c => c.toJson());

  test('has one chart per walkthrough step and variant, in the order the README applies them', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(CHARTS);
  });

  test('synthesizes every chart to its own file, with every pod hardened and every document valid', () => {
    fs.rmSync(OUTDIR, { recursive: true, force: true });
    app.synth();
    expect(fs.readdirSync(OUTDIR).sort()).toEqual(CHARTS.map(id => `${id}.k8s.yaml`));
    expectValidManifests(all);
  });

  test('warns about the non-existent instance families c6 and c7 and the unpinned Bottlerocket alias, and nothing else', () => {
    const warnings = warningsOf(app);
    expect(warnings).toHaveLength(4);
    expect(warnings.filter(w => w.includes('"c6", "c7" are not a known EC2 instance family'))).toHaveLength(2);
    expect(warnings.filter(w => w.includes('uses AMI alias bottlerocket@latest'))).toHaveLength(2);
  });

  describe('reference application (01-moc-app)', () => {
    const docs = chartDocs(app, '01-moc-app');
    const file = 'assets/moc-app.yaml';

    test('creates the namespace moc with Istio injection and restricted pod security in warn and audit mode', () => {
      expect(withoutSyncWave(docOf(docs, 'Namespace', 'moc')).metadata).toEqual({
        name: 'moc',
        labels: {
          ...upstream(file, 'Namespace', 'moc').metadata.labels,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      });
    });

    test('creates the ServiceAccount moc-user without a mounted API token', () => {
      const sa = docOf(docs, 'ServiceAccount', 'moc-user');
      expect(sa.metadata.namespace).toBe('moc');
      expect(sa.automountServiceAccountToken).toBe(false);
    });

    test('runs moc as upstream: labels, selector, service account, image, env, port, resources and probes', () => {
      const expected = upstream(file, 'Deployment', 'moc');
      const actual = docOf(docs, 'Deployment', 'moc');
      expect(actual.metadata).toMatchObject(expected.metadata);
      expect(actual.spec.selector).toEqual(expected.spec.selector);
      expect(actual.spec.template.metadata.labels).toMatchObject(expected.spec.template.metadata.labels);
      expect(actual.spec.template.spec.serviceAccountName).toBe('moc-user');
      const { ports: [port], ...container } = expected.spec.template.spec.containers[0];
      expectUpstreamContainer(actual.spec.template.spec.containers[0], { ...container, ports: [{ ...port, name: 'http' }] });
    });

    test('leaves replicas to the autoscalers and the capacity-spread constraint to chart 05b', () => {
      const spec = docOf(docs, 'Deployment', 'moc').spec;
      expect(spec.replicas).toBeUndefined();
      expect(spec.template.spec.topologySpreadConstraints).toBeUndefined();
    });

    test('gives moc the default 30 s to drain instead of upstream\'s 0 s', () => {
      expect(upstream(file, 'Deployment', 'moc').spec.template.spec.terminationGracePeriodSeconds).toBe(0);
      expect(docOf(docs, 'Deployment', 'moc').spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    });

    test('exposes moc on ClusterIP port http 8000, selected by app=moc, with a numeric prometheus.io/port', () => {
      const expected = upstream(file, 'Service', 'moc');
      const actual = docOf(docs, 'Service', 'moc');
      expect(actual.metadata.labels).toEqual(expected.metadata.labels);
      expect(actual.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8000' });
      expect(actual.spec).toMatchObject(expected.spec);
      expect(actual.spec.selector).toEqual({ app: 'moc' });
    });

    test('orders the namespace, then the service account, before the Deployment', () => {
      expect(docs.map(d => d.kind)).toEqual(['Namespace', 'ServiceAccount', 'Deployment', 'Service']);
      expect(docs.map(waveOf)).toEqual([-3, -2, 0, 0]);
    });
  });

  describe('internet exposure', () => {
    const platform = chartDocs(app, '00-istio-ingress');
    const istio = chartDocs(app, '02-moc-istio');
    const terraform = 'derived/terraform-embedded-manifests.yaml';

    test('binds the istio-ingressgateway Service to the ALB target group, whose ARN is a parameter', () => {
      const expected = upstream(terraform, 'TargetGroupBinding', 'istio-ingress');
      expect(withoutSyncWave(docOf(platform, 'TargetGroupBinding', 'istio-ingress'))).toEqual({
        ...expected,
        spec: { ...expected.spec, targetGroupARN: '${TARGET_GROUP_ARN}' },
      });
    });

    test('answers the mock-istio host with a direct 200 "OK"', () => {
      for (const kind of ['Gateway', 'VirtualService']) {
        expect(docOf(platform, kind, 'mock-istio').spec).toEqual(upstream(terraform, kind, 'mock-istio').spec);
      }
    });

    test('routes moc.cquinta.com through the Gateway moc to the Service with upstream\'s retries, bounded by a 2 s timeout', () => {
      const file = 'assets/moc-app-istio.yaml';
      expect(docOf(istio, 'Gateway', 'moc').spec).toEqual(upstream(file, 'Gateway', 'moc').spec);
      const expected = upstream(file, 'VirtualService', 'moc').spec;
      expect(docOf(istio, 'VirtualService', 'moc').spec).toEqual({
        ...expected,
        gateways: ['moc/moc'],
        http: [{ ...expected.http[0], timeout: '2s' }],
      });
    });

    test('limits connections and ejects failing pods as upstream\'s DestinationRule does', () => {
      const expected = upstream('assets/moc-app-istio.yaml', 'DestinationRule', 'moc').spec;
      const outlier = expected.trafficPolicy.outlierDetection;
      expect(docOf(istio, 'DestinationRule', 'moc').spec).toEqual({
        ...expected,
        trafficPolicy: { ...expected.trafficPolicy, outlierDetection: { ...outlier, baseEjectionTime: '1m' } },
      });
      expect(outlier.baseEjectionTime).toBe('60s');
    });
  });

  describe('metrics', () => {
    test('scrapes the moc Service port http every 10 s through the ServiceMonitor moc-sm', () => {
      const expected = upstream('assets/moc-app-servicemonitor.yaml', 'ServiceMonitor', 'moc-sm');
      expect(withoutSyncWave(docOf(chartDocs(app, '03a-moc-service-monitor'), 'ServiceMonitor', 'moc-sm'))).toEqual(expected);
    });

    test('ships the webinar dashboard to Grafana\'s sidecar in the prometheus namespace, with its four panels', () => {
      const configMap = docOf(chartDocs(app, '03b-grafana-dashboard'), 'ConfigMap', 'webinar-dashboard');
      expect(configMap.metadata).toMatchObject({ namespace: 'prometheus', labels: { grafana_dashboard: '1' } });
      const dashboard = JSON.parse(Object.values(configMap.data)[0] as string);
      expect(dashboard).toMatchObject({ title: 'webinar', uid: 'bf7c6825-3d69-4865-ac87-73a61a3bf590', refresh: '10s', time: { from: 'now-5m' } });
      expect(dashboard.panels.map((p: any) => [p.title, p.targets[0].expr])).toEqual([
        ['CPU_usage', 'sum(node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate{namespace="moc",container="moc"})'],
        ['#NÓS', 'count by (label_node_kubernetes_io_instance_type) (kube_node_labels)'],
        ['#PODS', 'sum by (phase) (kube_pod_status_phase{namespace="moc"})'],
        ['requests_per_second', 'sum(rate(http_requests_total[1m]))'],
      ]);
    });
  });

  describe('KEDA on request rate', () => {
    const tps = 'assets/keda_scaledobject_tps.yaml';

    test('creates the TriggerAuthentication keda-trigger-auth-aws-credentials once, in its own chart', () => {
      const expected = upstream(tps, 'TriggerAuthentication', 'keda-trigger-auth-aws-credentials');
      expect(withoutSyncWave(docOf(chartDocs(app, '04a-keda-trigger-auth'), 'TriggerAuthentication'))).toEqual(expected);
      expect(all.filter(d => d.kind === 'TriggerAuthentication')).toHaveLength(1);
    });

    test.each([
      ['04b-keda-tps-app-metric', tps],
      ['04c-keda-tps-istio-metric', 'assets/old/keda_scale_tps.yaml'],
    ])('%s is upstream\'s moc-high-tps without the deprecated metricName and the timers unused above zero', (id, file) => {
      const actual = docOf(chartDocs(app, id), 'ScaledObject', 'moc-high-tps');
      expect(actual.metadata.namespace).toBe('moc');
      expect(actual.spec).toEqual(upstreamScaledObject(file, 'moc-high-tps', ({ metricName: _name, query, ...rest }) => ({ ...rest, query: query.trim() })));
    });

    test('protects moc with a PodDisruptionBudget while KEDA scales it', () => {
      expect(docOf(chartDocs(app, '04b-keda-tps-app-metric'), 'PodDisruptionBudget', 'moc').spec).toEqual({
        maxUnavailable: 1, selector: { matchLabels: { app: 'moc' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow',
      });
    });

    test('runs the spike test as a TestRun outside the mesh, against the public host by default', () => {
      const docs = chartDocs(app, '04d-k6-spike-test');
      expect(docs.map(d => d.kind)).toEqual(['Namespace', 'ConfigMap', 'TestRun']);
      expect(docs.map(waveOf)).toEqual([-3, -2, 2]);
      expect(docOf(docs, 'Namespace', 'k6').metadata.labels['istio-injection']).toBeUndefined();
      const testRun = docOf(docs, 'TestRun', 'moc-spike-test');
      expect(testRun.spec.script).toEqual({ configMap: { name: 'moc-spike-test-script', file: 'load.js' } });
      expect(testRun.spec.runner.env).toEqual([{ name: 'TARGET_URL', value: 'http://moc.cquinta.com' }]);
      expect(testRun.spec.runner.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '512Mi' } });
    });

    test('ramps to 150 users in four minutes, checking status 200 and 500 ms, one request a second', () => {
      const script: string = docOf(chartDocs(app, '04d-k6-spike-test'), 'ConfigMap').data['load.js'];
      const stages = [...script.matchAll(/\{ duration: '(\w+)', target: (\d+) \}/g)].map(m => [m[1], Number(m[2])]);
      expect(stages).toEqual([['10s', 20], ['20s', 50], ['30s', 80], ['180s', 150]]);
      expect(script).toContain('http.get(target)');
      expect(script).toContain('\'Status 200\': (r) => r.status === 200');
      expect(script).toContain('r.timings.duration < 500');
      expect(script).toContain('sleep(1)');
    });

    test('targets the in-cluster Service when given its URL', () => {
      const inCluster = buildApp(OUTDIR, { ...WEBINAR_PARAMETERS, loadTestUrl: IN_CLUSTER_MOC_URL });
      const testRun = docOf(chartDocs(inCluster, '04d-k6-spike-test'), 'TestRun', 'moc-spike-test');
      expect(testRun.spec.runner.env).toEqual([{ name: 'TARGET_URL', value: 'http://moc.moc.svc.cluster.local:8000' }]);
    });
  });

  describe('Karpenter spot and on-demand split', () => {
    const docs = chartDocs(app, '05a-karpenter-pools');
    const rendered = referenceDocs('003/derived/karpenter-spotpool-ondemandpool.rendered.yaml');
    const byKey = (a: any, b: any) => a.key.localeCompare(b.key);

    test.each(['spotpool', 'ondemandpool'])('NodePool %s has upstream\'s labels, requirements, node class, disruption and limits', name => {
      const expected = docOf(rendered, 'NodePool', name).spec;
      const actual = docOf(docs, 'NodePool', name).spec;
      expect(actual.template.metadata).toEqual(expected.template.metadata);
      expect([...actual.template.spec.requirements].sort(byKey)).toEqual([...expected.template.spec.requirements].sort(byKey));
      expect(actual.template.spec.nodeClassRef).toEqual(expected.template.spec.nodeClassRef);
      expect(actual.disruption).toEqual(expected.disruption);
      expect(actual.limits).toEqual(expected.limits);
    });

    test.each(['spotpool', 'ondemandpool'])('EC2NodeClass %s is v1-clean: Bottlerocket alias, reservations under spec.kubelet', name => {
      const expected = docOf(rendered, 'EC2NodeClass', name).spec;
      const actual = docOf(docs, 'EC2NodeClass', name).spec;
      expect(actual).toMatchObject({
        amiFamily: 'Bottlerocket',
        amiSelectorTerms: [{ alias: 'bottlerocket@latest' }],
        instanceProfile: 'webinar-infnet',
        kubelet: { systemReserved: expected.systemReserved, kubeReserved: expected.kubeReserved },
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'webinar-infnet' } }],
        securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': 'webinar-infnet' } }],
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      });
      expect(actual.systemReserved).toBeUndefined();
      expect(actual.kubeReserved).toBeUndefined();
    });

    test('applies the node classes before the pools', () => {
      expect(docs.map(d => d.kind)).toEqual(['EC2NodeClass', 'EC2NodeClass', 'NodePool', 'NodePool']);
      expect(docs.map(waveOf)).toEqual([-2, -2, -1, -1]);
    });

    test('takes subnet and security group ids, the instance profile and a pinned Bottlerocket release as parameters', () => {
      const custom = buildApp(OUTDIR, {
        ...WEBINAR_PARAMETERS,
        nodeSubnets: [{ id: 'subnet-0a1b2c3d4e5f60718' }, { id: 'subnet-0a1b2c3d4e5f60719' }],
        nodeSecurityGroups: [{ id: 'sg-0a1b2c3d4e5f60718' }],
        nodeInstanceProfile: 'my-nodes',
        bottlerocketVersion: 'v1.30.0',
      });
      const spec = docOf(chartDocs(custom, '05a-karpenter-pools'), 'EC2NodeClass', 'spotpool').spec;
      expect(spec).toMatchObject({
        amiSelectorTerms: [{ alias: 'bottlerocket@v1.30.0' }],
        instanceProfile: 'my-nodes',
        subnetSelectorTerms: [{ id: 'subnet-0a1b2c3d4e5f60718' }, { id: 'subnet-0a1b2c3d4e5f60719' }],
        securityGroupSelectorTerms: [{ id: 'sg-0a1b2c3d4e5f60718' }],
      });
      expect(warningsOf(custom).filter(w => w.includes('bottlerocket@'))).toEqual([]);
      expectValidManifests(custom.charts.flatMap(c => c.toJson()));
    });

    test('05b replaces moc with the same Deployment plus upstream\'s capacity-spread constraint', () => {
      const before = docOf(chartDocs(app, '01-moc-app'), 'Deployment', 'moc');
      const after = docOf(chartDocs(app, '05b-moc-capacity-spread'), 'Deployment', 'moc');
      expect(chartDocs(app, '05b-moc-capacity-spread').map(d => d.kind)).toEqual(['Deployment']);
      expect(after.spec.template.spec.topologySpreadConstraints).toEqual([{
        maxSkew: 1, topologyKey: 'capacity-spread', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'moc' } },
      }]);
      const { topologySpreadConstraints: _tsc, ...rest } = after.spec.template.spec;
      expect(rest.containers).toEqual(before.spec.template.spec.containers);
      expect(after.spec.selector).toEqual(before.spec.selector);
    });
  });

  describe('native HPAs', () => {
    test.each([
      ['06-hpa-cpu', 'assets/moc-hpa-cpu.yaml', 'moc-hpa'],
      ['07-hpa-custom-metric', 'assets/moc-hpa-customized-metric.yaml', 'moc-hpa-requests'],
    ])('%s is upstream\'s %s', (id, file, name) => {
      const expected = upstream(file, 'HorizontalPodAutoscaler', name);
      const actual = withoutSyncWave(docOf(chartDocs(app, id), 'HorizontalPodAutoscaler', name));
      // cdk8s-plus writes the quantity "10" as the number 10, the same quantity to the API server.
      const metrics = expected.spec.metrics.map((m: any) => m.type === 'Pods'
        ? { ...m, pods: { ...m.pods, target: { ...m.pods.target, averageValue: Number(m.pods.target.averageValue) } } }
        : m);
      expect(actual).toEqual({ ...expected, spec: { ...expected.spec, metrics, behavior: withSelectPolicy(expected.spec.behavior) } });
    });
  });

  describe('KEDA on SQS depth', () => {
    test('runs the consumer as upstream, with the capacity-spread constraint', () => {
      const expected = upstream('assets/moc-consumer.yaml', 'Deployment', 'consumer');
      const actual = docOf(chartDocs(app, '08a-consumer'), 'Deployment', 'consumer');
      expect(actual.spec.selector).toEqual(expected.spec.selector);
      expect(actual.spec.template.spec.serviceAccountName).toBe('moc-user');
      expect(actual.spec.template.spec.topologySpreadConstraints).toEqual(expected.spec.template.spec.topologySpreadConstraints);
      expectUpstreamContainer(actual.spec.template.spec.containers[0], expected.spec.template.spec.containers[0]);
    });

    test('scales the consumer on the queue as upstream\'s moc-high-queue, without the identityOwner KEDA ignores', () => {
      const actual = docOf(chartDocs(app, '08b-keda-sqs-queue'), 'ScaledObject', 'moc-high-queue');
      expect(actual.spec).toEqual(upstreamScaledObject('assets/keda_scaledobject_consumer.yaml', 'moc-high-queue',
        ({ identityOwner: _owner, ...rest }) => rest));
      expect(actual.spec.triggers[0].authenticationRef).toEqual({ name: 'keda-trigger-auth-aws-credentials' });
    });

    test('fills the queue with one producer pod, hardened and with a memory limit upstream lacks', () => {
      const expected = upstream('assets/moc-producer.yaml', 'Deployment', 'producer');
      const actual = docOf(chartDocs(app, '08c-producer'), 'Deployment', 'producer');
      // Upstream leaves replicas to Kubernetes' default of 1; cdk8s-plus would write 2.
      expect(expected.spec.replicas).toBeUndefined();
      expect(actual.spec.replicas).toBe(1);
      const { resources, ...container } = expected.spec.template.spec.containers[0];
      expectUpstreamContainer(actual.spec.template.spec.containers[0], container);
      expect(actual.spec.template.spec.containers[0].resources).toEqual({ requests: resources.requests, limits: { memory: '256Mi' } });
    });

    test('09-keda-cpu is upstream\'s cpu-scaledobject without the timers unused above zero', () => {
      const actual = docOf(chartDocs(app, '09-keda-cpu'), 'ScaledObject', 'cpu-scaledobject');
      expect(actual.spec).toEqual(upstreamScaledObject('assets/keda_scaledobject_cpu.yaml', 'cpu-scaledobject'));
    });
  });

  test('puts each autoscaler of moc in a chart of its own, so one can be deleted before the next is applied', () => {
    const mocAutoscalers = app.charts
      .map(c => ({ id: c.node.id, names: c.toJson().filter((d: any) => AUTOSCALER_KINDS.includes(d.kind) && scaledName(d) === 'moc').map((d: any) => d.metadata.name) }))
      .filter(c => c.names.length > 0);
    expect(mocAutoscalers).toEqual([
      { id: '04b-keda-tps-app-metric', names: ['moc-high-tps'] },
      { id: '04c-keda-tps-istio-metric', names: ['moc-high-tps'] },
      { id: '06-hpa-cpu', names: ['moc-hpa'] },
      { id: '07-hpa-custom-metric', names: ['moc-hpa-requests'] },
      { id: '09-keda-cpu', names: ['cpu-scaledobject'] },
    ]);
  });

  test('applies workloads before the autoscalers and monitors that reference them', () => {
    for (const doc of all) {
      if (['Deployment', 'Service'].includes(doc.kind)) expect(waveOf(doc)).toBe(0);
      if ([...AUTOSCALER_KINDS, 'ServiceMonitor', 'VirtualService', 'DestinationRule'].includes(doc.kind)) expect(waveOf(doc)).toBe(1);
    }
  });

  describe('README step table', () => {
    const { header, rows } = stepTable(fs.readFileSync(README, 'utf8'));
    const chartColumn = header.findIndex(h => h.startsWith('Chart'));
    const named = rows.flatMap(row => [...row[chartColumn].matchAll(/`([\w.-]+\.k8s\.yaml)`/g)].map(m => m[1]));

    test('has the columns source step, command, chart and what the user sees', () => {
      expect(header).toEqual(['Source step', 'Command', 'Chart (file in `examples/dist/autoscaling-webinar/`)', 'What you see']);
      expect(rows.length).toBeGreaterThanOrEqual(CHARTS.length);
      for (const row of rows) expect(row).toHaveLength(header.length);
    });

    test('names only charts that synthesize, and every chart that does', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoscaling-webinar-readme-'));
      buildApp(outdir).synth();
      const synthesized = fs.readdirSync(outdir);
      for (const file of named) expect(synthesized).toContain(file);
      expect([...new Set(named)].sort()).toEqual([...synthesized].sort());
    });

    test('applies each chart in the row that names it', () => {
      for (const row of rows) {
        for (const [, file] of row[chartColumn].matchAll(/`([\w.-]+\.k8s\.yaml)`/g)) expect(row[1]).toContain(`$D/${file}`);
      }
    });
  });

  test('ships the spike test in a chart of its own, applied after the app it loads, and in no other chart', () => {
    const withTestRun = app.charts.filter(c => c.toJson().some((d: any) => d.kind === 'TestRun')).map(c => c.node.id);
    expect(withTestRun).toEqual(['04d-k6-spike-test']);
    expect(chartDocs(app, '04d-k6-spike-test').filter(d => ['Deployment', 'Service'].includes(d.kind))).toEqual([]);
    expect(CHARTS.indexOf('01-moc-app')).toBeLessThan(CHARTS.indexOf('04d-k6-spike-test'));
  });

  test('derives the app\'s region from the queue URL, and throws on a URL without one', () => {
    const custom = buildApp(OUTDIR, { ...WEBINAR_PARAMETERS, sqsQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders' });
    const env = docOf(chartDocs(custom, '01-moc-app'), 'Deployment', 'moc').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'AWS_REGION', value: 'eu-west-1' });
    expect(() => buildApp(OUTDIR, { ...WEBINAR_PARAMETERS, sqsQueueUrl: 'https://example.com/teste' }))
      .toThrow('sqsQueueUrl: got "https://example.com/teste"; must be https://sqs.<region>.amazonaws.com/<account>/<queue>');
  });
});

/** The workload an autoscaler scales. */
function scaledName(doc: any): string {
  return doc.spec.scaleTargetRef.name;
}
