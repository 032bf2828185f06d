import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp, Karpenter101Options } from '../../examples/karpenter-101/app';
import { warningsOf } from '../../src/core/warnings';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';
import { chartFiles, readmeSteps } from '../support/readme-steps';

const RETAIL_STORE = '004/retail-store-sample-app-0.8.2/dist/kubernetes/deploy.yaml';
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];
const BACKING_STORES = ['catalog-mysql', 'carts-dynamodb', 'orders-postgresql', 'orders-rabbitmq', 'checkout-redis'];

const README = fs.readFileSync(path.join(__dirname, '../../examples/karpenter-101/README.md'), 'utf-8');

/** Builds and synthesizes the example (running every synth-time validation); returns each chart's documents. */
function synth(options: Karpenter101Options = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'karpenter-101-'));
  const app = buildApp(outdir, options);
  app.synth();
  const charts: { [id: string]: any[] } = Object.fromEntries(app.charts.map(c => [c.node.id, c.toJson()]));
  return { app, outdir, charts };
}

const key = (d: any) => `${d.kind}/${d.metadata.name}`;

describe('karpenter-101 example', () => {
  const { app, outdir, charts } = synth();
  const retail = charts['02-retail-store'];
  const upstreamRetail = referenceDocs(RETAIL_STORE);

  test('emits the node pool chart, then the retail store chart, one file each', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(['01-node-pool', '02-retail-store']);
    expect(fs.readdirSync(outdir).sort()).toEqual(['01-node-pool.k8s.yaml', '02-retail-store.k8s.yaml']);
  });

  test('synthesizes only documents that are valid against their schemas', () => {
    expectValidManifests(Object.values(charts).flat());
  });

  test('records only the expected warning: the unpinned AMI alias the lab also used', () => {
    expect(warningsOf(app)).toEqual([expect.stringContaining('[01-node-pool/default-node-class] uses AMI alias al2023@latest')]);
  });

  describe('node pool and node class', () => {
    const expand = (value: any) => JSON.parse(JSON.stringify(value)
      .replace(/\$\{CLUSTER_NAME\}/g, 'cluster-with-karpenter')
      .replace(/\$\{ALIAS_AL2023_LATEST\}/g, 'latest'));
    const expected = referenceDocs('004/derived/run-all-nodepool.yaml').map(expand);
    const pool = docOf(charts['01-node-pool'], 'NodePool', 'default');
    const nodeClass = docOf(charts['01-node-pool'], 'EC2NodeClass', 'default');

    test('reproduces the run-all NodePool field for field', () => {
      const upstreamSpec = docOf(expected, 'NodePool', 'default').spec;
      // The heredoc writes cpu as a YAML number; quantities are strings in the API.
      expect(pool.spec).toEqual({ ...upstreamSpec, limits: { ...upstreamSpec.limits, cpu: String(upstreamSpec.limits.cpu) } });
    });

    test('reproduces the run-all EC2NodeClass, with secure defaults added', () => {
      expect(nodeClass.spec).toMatchObject(docOf(expected, 'EC2NodeClass', 'default').spec);
      expect(nodeClass.spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
      expect(nodeClass.spec.associatePublicIPAddress).toBe(false);
      expect(nodeClass.spec.blockDeviceMappings.every((b: any) => b.ebs.encrypted)).toBe(true);
    });

    test('takes the cluster name, the AMI release and the discovery tag key as parameters', () => {
      const spec = docOf(synth({ clusterName: 'talk', amiVersion: 'v20241011', discoveryTagKey: 'karpenter.sh/discovery' }).charts['01-node-pool'], 'EC2NodeClass', 'default').spec;
      expect(spec.amiSelectorTerms).toEqual([{ alias: 'al2023@v20241011' }]);
      expect(spec.role).toBe('KarpenterNodeRole-talk');
      expect(spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'talk' } }]);
      expect(spec.securityGroupSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'talk' } }]);
      expect(spec.tags.NodeType).toBe('talk');
      expect(docOf(synth({ clusterName: 'talk' }).charts['01-node-pool'], 'EC2NodeClass', 'default').spec.subnetSelectorTerms)
        .toEqual([{ tags: { 'karpenter.sh/discovery/talk': 'talk' } }]);
    });

    test('orders the node class before the pool', () => {
      expect(charts['01-node-pool'].map(d => d.kind)).toEqual(['EC2NodeClass', 'NodePool']);
    });
  });

  describe('retail store', () => {
    test('has every upstream object except the Secrets, under the same names, in the current namespace', () => {
      const upstreamKeys = upstreamRetail.filter(d => d.kind !== 'Secret').map(key).sort();
      expect(retail.map(key).sort()).toEqual(upstreamKeys);
      expect(retail.filter(d => d.metadata.namespace !== undefined)).toEqual([]);
    });

    test('synthesizes no Secret and no literal credential; workloads read upstream\'s Secrets by name', () => {
      expect(retail.filter(d => d.kind === 'Secret')).toEqual([]);
      const mysql = docOf(retail, 'StatefulSet', 'catalog-mysql').spec.template.spec.containers[0].env;
      expect(mysql.find((e: any) => e.name === 'MYSQL_ROOT_PASSWORD')).toBeUndefined();
      expect(mysql).toContainEqual({ name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'yes' });
      const secretRefs = retail.filter(d => WORKLOAD_KINDS.includes(d.kind)).flatMap(d => d.spec.template.spec.containers.flatMap((c: any) => [
        ...(c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => `${e.valueFrom.secretKeyRef.name}.${e.valueFrom.secretKeyRef.key}`),
        ...(c.envFrom ?? []).filter((e: any) => e.secretRef).map((e: any) => e.secretRef.name),
      ]));
      expect([...new Set(secretRefs)].sort()).toEqual(['catalog-db.password', 'catalog-db.username', 'orders-db.password', 'orders-db.username', 'orders-rabbitmq']);
    });

    test.each(upstreamRetail.filter(d => WORKLOAD_KINDS.includes(d.kind)).map(d => [key(d), d]))('%s keeps upstream\'s selector, labels, images, ports, probes and resources', (_key, expected: any) => {
      const actual = docOf(retail, expected.kind, expected.metadata.name);
      expect(actual.spec.replicas).toBe(expected.spec.replicas);
      expect(actual.spec.selector).toEqual(expected.spec.selector);
      expect(actual.spec.template.metadata.labels).toMatchObject(expected.spec.template.metadata.labels);
      expect(actual.spec.template.metadata.annotations).toEqual(expected.spec.template.metadata.annotations);
      expect(actual.spec.template.spec.serviceAccountName).toBe(expected.spec.template.spec.serviceAccountName);
      if (expected.spec.serviceName) expect(actual.spec.serviceName).toBe(expected.spec.serviceName);
      const [c] = actual.spec.template.spec.containers;
      const [u] = expected.spec.template.spec.containers;
      expect(c).toMatchObject({ name: u.name, image: u.image, imagePullPolicy: u.imagePullPolicy, ports: u.ports });
      if (u.livenessProbe) expect(c.livenessProbe).toMatchObject(u.livenessProbe);
      if (u.resources) expect(c.resources).toEqual(u.resources);
      expect(c.envFrom ?? []).toEqual(expect.arrayContaining(u.envFrom ?? []));
      expect(c.volumeMounts ?? []).toEqual(expect.arrayContaining((u.volumeMounts ?? []).filter((m: any) => m.name !== 'tmp-volume')));
    });

    test.each(upstreamRetail.filter(d => d.kind === 'Service').map(d => [d.metadata.name, d]))('Service %s keeps upstream\'s type, ports and selector', (_name, expected: any) => {
      const actual = docOf(retail, 'Service', expected.metadata.name);
      expect(actual.spec.type).toBe(expected.spec.type);
      expect(actual.spec.selector).toMatchObject(expected.spec.selector);
      const selects = (d: any) => Object.entries(expected.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v);
      const workload = retail.find(d => WORKLOAD_KINDS.includes(d.kind) && selects(d));
      const containerPorts = workload.spec.template.spec.containers[0].ports;
      expect(actual.spec.ports.map((p: any) => ({ name: p.name, port: p.port, protocol: p.protocol })))
        .toEqual(expected.spec.ports.map((p: any) => ({ name: p.name, port: p.port, protocol: p.protocol })));
      // Upstream targets named ports; the numbers here are those ports' numbers.
      for (const [i, port] of expected.spec.ports.entries()) {
        expect(actual.spec.ports[i].targetPort).toBe(containerPorts.find((p: any) => p.name === port.targetPort).containerPort);
      }
    });

    test.each(upstreamRetail.filter(d => d.kind === 'ConfigMap').map(d => [d.metadata.name, d]))('ConfigMap %s carries upstream\'s data', (name, expected: any) => {
      expect(docOf(retail, 'ConfigMap', name as string).data).toEqual(expected.data);
    });

    test('exposes the ui through a LoadBalancer Service, as `kubectl get svc ui` expects', () => {
      expect(docOf(retail, 'Service', 'ui').spec.type).toBe('LoadBalancer');
    });

    test('runs the store\'s services under the restricted profile with upstream\'s user 1000', () => {
      for (const name of ['catalog', 'carts', 'orders', 'checkout', 'ui']) {
        const pod = docOf(retail, 'Deployment', name).spec.template.spec;
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.containers[0].securityContext).toMatchObject({
          runAsNonRoot: true,
          runAsUser: 1000,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
      }
    });

    test('gives the databases, queue and cache requests and a memory limit that upstream lacks', () => {
      for (const name of BACKING_STORES) {
        const resources = retail.find(d => WORKLOAD_KINDS.includes(d.kind) && d.metadata.name === name).spec.template.spec.containers[0].resources;
        expect(resources.requests.cpu).toBeDefined();
        expect(resources.requests.memory).toBe(resources.limits.memory);
      }
    });

    test('exempts only assets and the backing stores from the restricted profile, each with its reason', () => {
      const exempted = app.node.findAll()
        .filter(c => c.node.metadata.some(m => m.type === 'cdk8s-eks-autoscaling/pod-security-exemption'))
        .map(c => c.node.id);
      expect(exempted.sort()).toEqual(['assets', ...BACKING_STORES].sort());
    });

    test('applies ServiceAccounts and ConfigMaps before the workloads that use them', () => {
      const kinds = retail.map(d => d.kind);
      const lastConfig = Math.max(kinds.lastIndexOf('ServiceAccount'), kinds.lastIndexOf('ConfigMap'));
      const firstWorkload = Math.min(...WORKLOAD_KINDS.map(k => kinds.indexOf(k)));
      expect(lastConfig).toBeLessThan(firstWorkload);
    });
  });
  describe('README', () => {
    const rows = readmeSteps(README);

    test('its step table names only charts that the app synthesizes, and every synthesized chart', () => {
      const written = fs.readdirSync(outdir);
      const named = rows.flatMap(r => chartFiles(r.chart));
      for (const file of named) expect(written).toContain(file);
      expect([...new Set(named)].sort()).toEqual([...written].sort());
      for (const row of rows) {
        for (const file of chartFiles(row.command)) expect(chartFiles(row.chart)).toContain(file);
      }
    });

    test('creates every Secret the workloads read before it applies the retail store, then waits for it', () => {
      const storeRow = rows.findIndex(r => r.chart.includes('02-retail-store.k8s.yaml'));
      const before = rows.slice(0, storeRow).map(r => r.command).join(' ');
      for (const secret of ['catalog-db', 'orders-db', 'orders-rabbitmq']) expect(before).toContain(`kubectl create secret generic ${secret}`);
      expect(rows[storeRow].command).toContain('kubectl wait --for=condition=available deployments --all');
    });

    test('states, for every hardened image, who it runs as and where it writes, citing a build file', () => {
      const exempt = new Set(['assets', ...BACKING_STORES]);
      const hardened = retail.filter(d => WORKLOAD_KINDS.includes(d.kind) && !exempt.has(d.metadata.name))
        .map(d => d.spec.template.spec.containers[0].image);
      expect(hardened).toHaveLength(5);
      const section = README.slice(README.indexOf('## Hardened images'), README.indexOf('## Deviations'));
      for (const image of hardened) {
        const tag = image.replace(/^.*retail-store-sample-/, '');
        const row = section.split('\n').find(l => l.startsWith('| ') && l.includes(tag));
        expect(row).toBeDefined();
        expect(row).toMatch(/[\w.-]+\/[\w.-]+@[0-9a-f]{40}:[\w./-]+Dockerfile/);
      }
    });
  });
  test('names no source or step ids in its code: the README maps source steps to charts', () => {
    const dir = path.join(__dirname, '../../examples/karpenter-101');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /\.(ts|js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ids = fs.readFileSync(path.join(dir, file), 'utf-8').match(/\bseed|\b00\d-\d\b|\bA00\d-\d\b|\bstep \d/gi);
      expect({ file, ids }).toEqual({ file, ids: null });
    }
  });
});
