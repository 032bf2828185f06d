import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp, CustomMetricsOptions, NODES_BY_INSTANCE_TYPE_QUERY, REQUEST_RATE_QUERY } from '../../examples/custom-metrics/app';
import { ChartAlternatives } from '../../src';
import { warningsOf } from '../../src/core/warnings';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';
import { chartFiles, readmeSteps } from '../support/readme-steps';

const HPA_EXAMPLE = 'Container-Root/eks/deployment/horizontal-pod-autoscaler/hpa-example';
const UPSTREAM_QUERY = 'rate(traefik_service_requests_total{service="hpa-example-php-apache-80@kubernetes",code="200"}[2m])';
const CHARTS = [
  '01-node-pools', '02-dashboard', '03-php-apache', '04-ingress', '05-scaled-object',
  '06-load-generator', '07-load-test-k6', '08-gpu-php-apache', '09-gpu-device-plugin',
];

/** Builds and synthesizes the example (running every synth-time validation); returns each chart's documents. */
function synth(options: CustomMetricsOptions = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'custom-metrics-'));
  const app = buildApp(outdir, options);
  app.synth();
  const charts: { [id: string]: any[] } = Object.fromEntries(app.charts.map(c => [c.node.id, c.toJson()]));
  return { app, outdir, charts };
}

function upstream(file: string, kind: string, name: string): any {
  return docOf(referenceDocs(`001/${file}`), kind, name);
}

function container(workload: any): any {
  return workload.spec.template.spec.containers[0];
}

describe('custom-metrics example', () => {
  const { app, outdir, charts } = synth();
  const all = Object.values(charts).flat();

  test('emits one chart per step, in the order the walkthrough applies them, one file each', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(CHARTS);
    expect(fs.readdirSync(outdir).sort()).toEqual(CHARTS.map(id => `${id}.k8s.yaml`));
  });

  test('declares the GPU service and the k6 load test as alternatives to the charts they replace', () => {
    const byId = (id: string) => app.charts.find(c => c.node.id === id)!;
    expect(ChartAlternatives.areAlternatives(byId('03-php-apache'), byId('08-gpu-php-apache'))).toBe(true);
    expect(ChartAlternatives.areAlternatives(byId('06-load-generator'), byId('07-load-test-k6'))).toBe(true);
    expect(ChartAlternatives.areAlternatives(byId('03-php-apache'), byId('05-scaled-object'))).toBe(false);
  });

  test('synthesizes only documents that are valid against their schemas', () => {
    expectValidManifests(all);
  });

  test('records only the expected warning: the unpinned AMI alias the walkthrough also used', () => {
    expect(warningsOf(app)).toEqual([expect.stringContaining('[01-node-pools/default-node-class] uses AMI alias al2023@latest')]);
  });

  describe('node pool and node class', () => {
    const v1beta1Pool = upstream('derived/karpenter-v1beta1-nodepool-ec2nodeclass.yaml', 'NodePool', 'default');
    const v1beta1Class = upstream('derived/karpenter-v1beta1-nodepool-ec2nodeclass.yaml', 'EC2NodeClass', 'default');
    const pool = docOf(charts['01-node-pools'], 'NodePool', 'default');
    const nodeClass = docOf(charts['01-node-pools'], 'EC2NodeClass', 'default');

    test('keeps upstream\'s labels, annotations and requirements, with the cluster name filled in', () => {
      expect(pool.spec.template.metadata).toEqual({
        labels: { 'cluster-name': 'do-eks-yaml-karpenter' },
        annotations: v1beta1Pool.spec.template.metadata.annotations,
      });
      expect(pool.spec.template.spec.requirements).toEqual(v1beta1Pool.spec.template.spec.requirements);
    });

    test('maps the v1beta1 disruption settings to karpenter.sh/v1', () => {
      expect(v1beta1Pool.spec.disruption).toEqual({ consolidationPolicy: 'WhenUnderutilized', expireAfter: '720h' });
      expect(pool.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '0s' });
      expect(pool.spec.template.spec.expireAfter).toBe('720h');
      expect(pool.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
    });

    test('adds a termination grace period and limits that upstream lacks', () => {
      expect(pool.spec.template.spec.terminationGracePeriod).toBe('24h');
      expect(pool.spec.limits).toEqual({ cpu: '1000', memory: '1000Gi' });
    });

    test('keeps upstream\'s node class fields, with encrypted volumes and IMDSv2, on Amazon Linux 2023 instead of AL2', () => {
      const expand = (value: any) => JSON.parse(JSON.stringify(value).replace(/\$\{CLUSTER_NAME\}/g, 'do-eks-yaml-karpenter'));
      const { amiFamily, ...kept } = expand(v1beta1Class.spec);
      expect(amiFamily).toBe('AL2');
      expect(nodeClass.spec).toMatchObject(kept);
      expect(nodeClass.spec.amiSelectorTerms).toEqual([{ alias: 'al2023@latest' }]);
      expect(nodeClass.spec.blockDeviceMappings[0].ebs.encrypted).toBe(true);
      expect(nodeClass.spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    });

    test('orders the node class before the pool, for kubectl and Argo CD', () => {
      expect(charts['01-node-pools'].map(d => d.kind)).toEqual(['EC2NodeClass', 'NodePool']);
      expect(nodeClass.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-2');
      expect(pool.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    });

    test('takes the cluster name and AMI release as parameters', () => {
      const other = synth({ clusterName: 'lab', amiVersion: 'v20241024' }).charts['01-node-pools'];
      const otherClass = docOf(other, 'EC2NodeClass', 'default').spec;
      expect(otherClass.role).toBe('KarpenterNodeRole-lab');
      expect(otherClass.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'lab' } }]);
      expect(otherClass.securityGroupSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'lab' } }]);
      expect(otherClass.amiSelectorTerms).toEqual([{ alias: 'al2023@v20241024' }]);
      expect(docOf(other, 'NodePool', 'default').spec.template.metadata.labels).toEqual({ 'cluster-name': 'lab' });
    });
  });

  describe('php-apache', () => {
    const expected = referenceDocs(`001/${HPA_EXAMPLE}/php-apache.yaml-template`);
    const upstreamDeployment = docOf(expected, 'Deployment', 'php-apache');
    const upstreamService = docOf(expected, 'Service', 'php-apache');
    const deployment = docOf(charts['03-php-apache'], 'Deployment', 'php-apache');
    const service = docOf(charts['03-php-apache'], 'Service', 'php-apache');

    test('creates the hpa-example namespace, cluster-scoped, enforcing the baseline profile', () => {
      const namespace = docOf(charts['03-php-apache'], 'Namespace', 'hpa-example');
      expect(namespace.metadata.namespace).toBeUndefined();
      expect(namespace.metadata.labels).toEqual({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      });
    });

    test('keeps upstream\'s name, namespace, selector, container, port and cpu, and leaves replicas to KEDA', () => {
      expect(deployment.metadata).toMatchObject(upstreamDeployment.metadata);
      expect(deployment.spec.selector).toEqual(upstreamDeployment.spec.selector);
      expect(deployment.spec.template.metadata.labels).toMatchObject(upstreamDeployment.spec.template.metadata.labels);
      expect(deployment.spec.replicas).toBeUndefined();
      const c = container(deployment);
      const u = container(upstreamDeployment);
      expect(c).toMatchObject({ name: u.name, ports: u.ports, image: 'registry.k8s.io/hpa-example:latest' });
      expect(c.resources).toEqual({ requests: { ...u.resources.requests, memory: '128Mi' }, limits: { ...u.resources.limits, memory: '128Mi' } });
    });

    test('runs Apache as root by a stated exception, otherwise locked down and pinned to amd64', () => {
      expect(container(deployment).securityContext).toEqual({
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: false,
        capabilities: { drop: ['NET_RAW'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
      expect(deployment.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
        .toEqual([{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }]);
    });

    test('serves the app under /php-apache/ like upstream\'s image, by including the image\'s own index.php', () => {
      const aliases = docOf(charts['03-php-apache'], 'ConfigMap', 'php-apache-path-aliases');
      expect(aliases.data).toEqual({ 'index.php': '<?php require \'/var/www/html/index.php\';\n' });
      expect(container(deployment).volumeMounts).toEqual(expect.arrayContaining([
        { name: 'path-aliases', mountPath: '/var/www/html/php-apache', readOnly: true },
        { name: 'path-aliases', mountPath: '/var/www/html/hpa-example', readOnly: true },
      ]));
    });

    test('takes the walkthrough\'s own image as a parameter', () => {
      const image = '111111111111.dkr.ecr.us-west-2.amazonaws.com/php-apache:latest';
      const gpuAndCpu = synth({ phpApacheImage: image }).charts;
      expect(container(docOf(gpuAndCpu['03-php-apache'], 'Deployment', 'php-apache')).image).toBe(image);
      expect(container(docOf(gpuAndCpu['08-gpu-php-apache'], 'Deployment', 'php-apache')).image).toBe(image);
    });

    test('exposes port web 80 with upstream\'s labels and selector, which Traefik names hpa-example-php-apache-80', () => {
      expect(service.metadata).toMatchObject(upstreamService.metadata);
      expect(service.spec).toMatchObject({ ...upstreamService.spec, type: 'ClusterIP' });
      expect(service.spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 80 }]);
    });
  });

  test('routes /php-apache through Traefik exactly as upstream\'s Ingress', () => {
    const expected = upstream(`${HPA_EXAMPLE}/ingress.yaml`, 'Ingress', 'php-apache-ingress');
    const ingress = docOf(charts['04-ingress'], 'Ingress', 'php-apache-ingress');
    expect(ingress.metadata).toMatchObject(expected.metadata);
    expect(ingress.spec).toEqual(expected.spec);
  });

  describe('ScaledObject', () => {
    const expected = upstream(`${HPA_EXAMPLE}/keda-scaled-object.yaml`, 'ScaledObject', 'keda-prometheus-hpa');
    const scaledObject = docOf(charts['05-scaled-object'], 'ScaledObject', 'keda-prometheus-hpa');
    const trigger = scaledObject.spec.triggers[0];

    test('keeps upstream\'s name, namespace, target, minimum, server and threshold', () => {
      expect(scaledObject.metadata).toMatchObject(expected.metadata);
      expect(scaledObject.spec).toMatchObject({ scaleTargetRef: expected.spec.scaleTargetRef, minReplicaCount: expected.spec.minReplicaCount });
      expect(trigger.type).toBe('prometheus');
      expect(trigger.metadata.serverAddress).toBe(expected.spec.triggers[0].metadata.serverAddress);
      expect(trigger.metadata.threshold).toBe(expected.spec.triggers[0].metadata.threshold);
    });

    test('wraps upstream\'s query in sum() so several Traefik series do not break KEDA', () => {
      expect(expected.spec.triggers[0].metadata.query).toBe(UPSTREAM_QUERY);
      expect(trigger.metadata.query).toBe(`sum(${UPSTREAM_QUERY})`);
      expect(REQUEST_RATE_QUERY).toBe(trigger.metadata.query);
    });

    test('drops the deprecated metricName and turns the no-op cooldownPeriod into a 30 s scale-down window', () => {
      expect(trigger.metadata.metricName).toBeUndefined();
      expect(scaledObject.spec.cooldownPeriod).toBeUndefined();
      expect(scaledObject.spec.advanced.horizontalPodAutoscalerConfig.behavior).toEqual({ scaleDown: { stabilizationWindowSeconds: 30 } });
    });

    test('keeps a PodDisruptionBudget next to it so node consolidation drains php-apache one pod at a time', () => {
      expect(docOf(charts['05-scaled-object'], 'PodDisruptionBudget', 'php-apache').spec)
        .toEqual({ maxUnavailable: 1, selector: { matchLabels: { run: 'php-apache' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    });
  });

  describe('load', () => {
    const expected = upstream(`${HPA_EXAMPLE}/load-generator.yaml`, 'Deployment', 'load-generator');
    const generator = docOf(charts['06-load-generator'], 'Deployment', 'load-generator');

    test('keeps upstream\'s busybox loop, labels and single replica, so `./scale.sh load-generator 40` scales it', () => {
      expect(generator.metadata).toMatchObject(expected.metadata);
      expect(generator.spec.replicas).toBe(1);
      expect(generator.spec.selector).toEqual(expected.spec.selector);
      expect(container(generator)).toMatchObject({ name: 'load-generator', args: container(expected).args, imagePullPolicy: 'Always' });
    });

    test('pins busybox and runs it hardened with requests and a memory limit', () => {
      expect(container(expected).image).toBe('busybox');
      const c = container(generator);
      expect(c.image).toBe('busybox:1.36');
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.resources).toEqual({ requests: { cpu: '50m', memory: '16Mi' }, limits: { memory: '32Mi' } });
    });

    test('offers the same load as a k6 TestRun whose stages replay 1, 40 and 1 generators', () => {
      const run = docOf(charts['07-load-test-k6'], 'TestRun', 'load-generator-k6');
      const script = docOf(charts['07-load-test-k6'], 'ConfigMap', 'load-generator-k6-script').data['load-generator.js'];
      expect(run.metadata.namespace).toBe('hpa-example');
      expect(run.spec.script).toEqual({ configMap: { name: 'load-generator-k6-script', file: 'load-generator.js' } });
      expect(run.spec.runner.env).toEqual([
        { name: 'TARGET_URL', value: 'http://traefik.traefik.svc.cluster.local:80/php-apache/' },
        { name: 'TARGET_HOST', value: 'php-apache.hpa-example.com' },
      ]);
      expect(script).toContain("{ duration: '30s', target: 40 }");
      expect(script).toContain("{ duration: '30s', target: 1 }");
      expect(script).toContain('sleep(0.01)');
      expect(script).toContain('headers: { Host: TARGET_HOST }');
    });

    test('applies the script ConfigMap before the TestRun that reads it', () => {
      expect(charts['07-load-test-k6'].map(d => d.kind)).toEqual(['ConfigMap', 'TestRun']);
    });
  });

  describe('GPU variant', () => {
    const gpuDeployment = docOf(charts['08-gpu-php-apache'], 'Deployment', 'php-apache');
    const plugin = docOf(charts['09-gpu-device-plugin'], 'DaemonSet', 'nvidia-device-plugin-daemonset');
    const expectedPlugin = upstream('nvidia-k8s-device-plugin-v0.14.3/nvidia-device-plugin.yml', 'DaemonSet', 'nvidia-device-plugin-daemonset');

    test('replaces chart 03 with the same objects, php-apache requesting one GPU as in the walkthrough', () => {
      expect(charts['08-gpu-php-apache'].map(d => `${d.kind}/${d.metadata.name}`)).toEqual(charts['03-php-apache'].map(d => `${d.kind}/${d.metadata.name}`));
      expect(container(gpuDeployment).resources).toEqual({
        requests: { 'cpu': '200m', 'memory': '128Mi', 'nvidia.com/gpu': '1' },
        limits: { 'cpu': '500m', 'memory': '128Mi', 'nvidia.com/gpu': '1' },
      });
    });

    test('places GPU pods on a dedicated, tainted GPU pool capped in GPUs', () => {
      const pod = gpuDeployment.spec.template.spec;
      expect(pod.nodeSelector).toEqual({ 'cluster-name': 'do-eks-yaml-karpenter', 'accelerator': 'nvidia', 'kubernetes.io/arch': 'amd64' });
      expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists' }]);
      const pool = docOf(charts['09-gpu-device-plugin'], 'NodePool', 'gpu').spec;
      expect(pool.template.metadata.labels).toEqual({ 'cluster-name': 'do-eks-yaml-karpenter', 'accelerator': 'nvidia' });
      expect(pool.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
      expect(pool.template.spec.nodeClassRef.name).toBe('default');
      expect(pool.template.spec.requirements).toEqual(expect.arrayContaining([
        { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['g', 'p'] },
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
      ]));
      expect(pool.limits).toEqual({ 'nvidia.com/gpu': '16' });
      expect(docOf(synth({ maxGpus: 4 }).charts['09-gpu-device-plugin'], 'NodePool', 'gpu').spec.limits).toEqual({ 'nvidia.com/gpu': '4' });
    });

    test('deploys upstream\'s device plugin DaemonSet in kube-system, on NVIDIA nodes only', () => {
      expect(plugin.metadata.namespace).toBe(expectedPlugin.metadata.namespace);
      expect(plugin.spec.selector).toEqual(expectedPlugin.spec.selector);
      const pod = plugin.spec.template.spec;
      const expectedPod = expectedPlugin.spec.template.spec;
      expect(pod.priorityClassName).toBe(expectedPod.priorityClassName);
      expect(pod.tolerations).toEqual(expectedPod.tolerations);
      expect(pod.volumes).toEqual([{ name: 'device-plugin', hostPath: { path: '/var/lib/kubelet/device-plugins', type: '' } }]);
      expect(container(plugin)).toMatchObject({
        name: expectedPod.containers[0].name,
        image: expectedPod.containers[0].image,
        env: expectedPod.containers[0].env,
        volumeMounts: expectedPod.containers[0].volumeMounts,
        securityContext: expectedPod.containers[0].securityContext,
      });
    });
  });

  describe('dashboard', () => {
    const configMap = docOf(charts['02-dashboard'], 'ConfigMap', 'hpa-example-autoscaling-dashboard');
    const dashboard = JSON.parse(configMap.data['hpa-example.json']);

    test('ships the walkthrough\'s dashboard as a sidecar ConfigMap with the fixed queries', () => {
      expect(configMap.metadata).toMatchObject({ namespace: 'grafana', labels: { grafana_dashboard: '1' } });
      expect(dashboard).toMatchObject({ uid: 'hpa-example', title: 'Horizontal Pod Autoscaling Example', refresh: '10s', time: { from: 'now-15m', to: 'now' } });
      const panels = dashboard.panels.map((p: any) => [p.title, p.targets?.[0].expr]);
      expect(panels).toEqual([
        ['Cluster Auto Scaling', undefined],
        ['Nodes by Instance Type', 'count(kubelet_node_name) by (node_kubernetes_io_instance_type)'],
        ['Pod Auto Scaling', undefined],
        ['Requests per second', `sum(${UPSTREAM_QUERY})`],
        ['Number of Pods', 'count(kube_pod_info{namespace="hpa-example"})'],
      ]);
      expect(NODES_BY_INSTANCE_TYPE_QUERY).toBe(panels[1][1]);
    });

    test('every legend reads only labels its query returns, so the instance types show in "Nodes by Instance Type"', () => {
      const targets = dashboard.panels.flatMap((p: any) => p.targets ?? []);
      for (const target of targets) {
        const legendLabels = [...(target.legendFormat ?? '').matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map(m => m[1]);
        if (legendLabels.length === 0) continue;
        // An aggregation keeps only its `by (...)` labels; this dashboard's labelled queries all aggregate.
        const by = /\bby\s*\(([^)]*)\)/.exec(target.expr);
        expect(by).not.toBeNull();
        const kept = by![1].split(',').map((l: string) => l.trim());
        expect(kept).toEqual(expect.arrayContaining(legendLabels));
      }
      const nodes = dashboard.panels.find((p: any) => p.title === 'Nodes by Instance Type').targets[0];
      expect(nodes.legendFormat).toBe('{{node_kubernetes_io_instance_type}}');
    });
  });

  test('hardens every pod except php-apache and the device plugin, each exempted with its reason', () => {
    const exemptions = app.node.findAll()
      .flatMap(c => c.node.metadata.filter(m => m.type === 'cdk8s-eks-autoscaling/pod-security-exemption').map(m => `${c.node.path}: ${m.data}`));
    expect(exemptions).toEqual([
      expect.stringMatching(/^03-php-apache\/php-apache: .*runs as root to bind port 80/),
      expect.stringMatching(/^08-gpu-php-apache\/php-apache: .*runs as root to bind port 80/),
      expect.stringMatching(/^09-gpu-device-plugin\/gpu\/DevicePlugin: .*root-owned hostPath/),
    ]);
  });

  test('applies the namespace first and autoscalers after their workloads', () => {
    const waves = (chart: string) => charts[chart].map(d => `${d.kind}:${d.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0'}`);
    expect(waves('03-php-apache')).toEqual(['Namespace:-3', 'ConfigMap:-2', 'Deployment:0', 'Service:0']);
    expect(waves('05-scaled-object')).toEqual(['ScaledObject:1', 'PodDisruptionBudget:1']);
  });
  describe('README step table', () => {
    const rows = readmeSteps(fs.readFileSync(path.join(__dirname, '../../examples/custom-metrics/README.md'), 'utf8'));
    const written = fs.readdirSync(outdir);

    test('names only charts that the app synthesizes, and every synthesized chart', () => {
      const named = rows.flatMap(r => chartFiles(r.chart));
      for (const file of named) expect(written).toContain(file);
      expect([...new Set(named)].sort()).toEqual([...written].sort());
    });

    test('applies, in each row, only the chart that row names', () => {
      for (const row of rows) {
        for (const file of chartFiles(row.command).filter(f => row.command.includes(`apply -f $D/${f}`))) {
          expect(chartFiles(row.chart)).toContain(file);
        }
        if (row.chart !== '—') expect(row.sees).not.toBe('');
      }
    });

    test('waits for php-apache to roll out before anything loads it', () => {
      const rollout = rows.findIndex(r => r.chart.includes('03-php-apache.k8s.yaml'));
      expect(rows[rollout].command).toContain('kubectl -n hpa-example rollout status deployment/php-apache');
      const firstLoad = rows.findIndex(r => /0[67]-load/.test(r.chart));
      expect(rollout).toBeLessThan(firstLoad);
    });
  });

  test('states, for every image a pod runs, who it runs as and where it writes, from its upstream build file', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../examples/custom-metrics/README.md'), 'utf-8');
    const section = readme.slice(readme.indexOf('## Hardened images'), readme.indexOf('\n## ', readme.indexOf('## Hardened images') + 1));
    const images = new Set(all.flatMap(d => [
      ...(d.spec?.template?.spec?.containers ?? []).map((c: any) => c.image),
      ...(d.kind === 'TestRun' ? [d.spec.runner.image] : []),
    ]));
    expect([...images].sort()).toEqual(['busybox:1.36', 'grafana/k6:2.3.0', 'nvcr.io/nvidia/k8s-device-plugin:v0.14.3', 'registry.k8s.io/hpa-example:latest']);
    for (const image of images) {
      const row = section.split('\n').find(l => l.startsWith(`| \`${image}\``));
      expect(row).toBeDefined();
      // The build file is cited as repo@commit:path.
      expect(row).toMatch(/[\w.-]+\/[\w.-]+@[0-9a-f]{40}:[\w./-]+/);
    }
  });

  describe('load tests run once, after what they load', () => {
    const chartIds = app.charts.map(c => c.node.id);
    const chartsWith = (kind: string, name: string) => chartIds.filter(id => charts[id].some(d => d.kind === kind && d.metadata.name === name));

    test('no TestRun ships in a chart before, or in the same chart as, the workload it loads', () => {
      const target = chartIds.indexOf(chartsWith('Deployment', 'php-apache')[0]);
      for (const id of chartIds.filter(c => charts[c].some(d => d.kind === 'TestRun'))) {
        expect(chartIds.indexOf(id)).toBeGreaterThan(target);
        expect(charts[id].some(d => d.kind === 'Deployment' && d.metadata.name === 'php-apache')).toBe(false);
      }
    });

    test('no TestRun appears in two charts, so no later step re-runs a finished test', () => {
      const runs = Object.values(charts).flat().filter(d => d.kind === 'TestRun').map(d => `${d.metadata.namespace}/${d.metadata.name}`);
      expect(runs).toEqual(['hpa-example/load-generator-k6']);
    });
  });
  test('names no source or step ids in its code: the README maps source steps to charts', () => {
    const dir = path.join(__dirname, '../../examples/custom-metrics');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /\.(ts|js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ids = fs.readFileSync(path.join(dir, file), 'utf-8').match(/\bseed|\b00\d-\d\b|\bA00\d-\d\b|\bstep \d/gi);
      expect({ file, ids }).toEqual({ file, ids: null });
    }
  });
});
