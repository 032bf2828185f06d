import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { buildApp, ENVSUBST_VARIABLES, WALKTHROUGH_INSTANCE_TYPES, WORKSHOP_INSTANCE_TYPES } from '../../examples/karpenter-workshop/app';
import { warningsOf } from '../../src/core/warnings';
import { SyncWaves } from '../../src/gitops';
import { docOf, referenceDocs } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';
import { chartFiles, readmeSteps } from '../support/readme-steps';

// The EKS Workshop's Karpenter module: the charts compared with the workshop's manifests, in karpenter.sh/v1 terms.
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-eks-autoscaling-examples-test', 'karpenter-workshop');
const MODULE = 'manifests/modules/autoscaling/compute/karpenter';
const V1 = `002/v1-HEAD-bb1b300/${MODULE}`;

const README = fs.readFileSync(path.join(__dirname, '../../examples/karpenter-workshop/README.md'), 'utf-8');

function chartDocs(app: App, id: string): any[] {
  const chart = app.charts.find(c => c.node.id === id);
  if (!chart) throw new Error(`no chart ${id} in ${app.charts.map(c => c.node.id).join(', ')}`);
  return chart.toJson();
}

describe('karpenter-workshop', () => {
  const app = buildApp(OUTDIR);
  const nodePool = chartDocs(app, '01-node-pool');
  const inflate = chartDocs(app, '02-inflate');
  const expiry = chartDocs(app, '03-expire-after-5m');

  test('has one chart per step that applies something, in the walkthrough\'s order', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(['01-node-pool', '02-inflate', '03-expire-after-5m']);
  });

  test('synthesizes with every pod hardened and writes one file per chart', () => {
    fs.rmSync(OUTDIR, { recursive: true, force: true });
    app.synth();
    expect(fs.readdirSync(OUTDIR).sort()).toEqual(['01-node-pool.k8s.yaml', '02-inflate.k8s.yaml', '03-expire-after-5m.k8s.yaml']);
  });

  test('emits only documents that are valid against their schemas', () => {
    expectValidManifests(app.charts.flatMap(c => c.toJson()));
  });

  test('records the expected warnings only: the unpinned AMI alias', () => {
    const aliasWarning = (chart: string) =>
      `[${chart}/node-class] uses AMI alias al2023@latest: every new AMI release drifts and replaces all nodes; pin a version in production and roll it out with a Drifted disruption budget (EC-31)`;
    expect(warningsOf(app)).toEqual([
      aliasWarning('01-node-pool'),
      aliasWarning('03-expire-after-5m'),
    ]);
  });

  describe('NodePool and EC2NodeClass', () => {
    test('NodePool default keeps the workshop\'s label, capacity type, limits and v1 consolidation, with the walkthrough\'s instance types', () => {
      const expected = docOf(referenceDocs(`${V1}/nodepool/nodepool.yaml`), 'NodePool', 'default');
      const actual = docOf(nodePool, 'NodePool', 'default');
      expect(actual.spec.template.metadata).toEqual(expected.spec.template.metadata);
      expect(actual.spec.template.spec.nodeClassRef).toEqual(expected.spec.template.spec.nodeClassRef);
      expect(actual.spec.template.spec.requirements).toEqual([
        expected.spec.template.spec.requirements[0],
        { ...expected.spec.template.spec.requirements[1], values: ['t3.medium', 't3.small', 'm5.large'] },
      ]);
      expect(actual.spec.template.spec.expireAfter).toBe(expected.spec.template.spec.expireAfter);
      expect(actual.spec.limits).toEqual(expected.spec.limits);
      expect(actual.spec.disruption).toEqual(expected.spec.disruption);
    });

    test('maps the walkthrough\'s v1beta1 pool to v1: WhenUnderutilized is renamed, expireAfter moves into the template', () => {
      const v1beta1 = docOf(referenceDocs(`002/${MODULE}/nodepool/nodepool.yaml`), 'NodePool', 'default');
      expect(v1beta1.spec.disruption).toEqual({ consolidationPolicy: 'WhenUnderutilized', expireAfter: '720h' });
      const actual = docOf(nodePool, 'NodePool', 'default').spec;
      expect(actual.disruption.consolidationPolicy).toBe('WhenEmptyOrUnderutilized');
      expect(actual.disruption.expireAfter).toBeUndefined();
      expect(actual.template.spec.expireAfter).toBe('72h');
      expect(actual.template.metadata.labels).toEqual(v1beta1.spec.template.metadata.labels);
      expect(actual.limits).toEqual(v1beta1.spec.limits);
    });

    test('bounds the drain of an expired node with a terminationGracePeriod of 1h', () => {
      expect(docOf(nodePool, 'NodePool', 'default').spec.template.spec.terminationGracePeriod).toBe('1h');
    });

    test('EC2NodeClass default takes the role variable today\'s workshop exports, and keeps the discovery selectors and the workshop tag', () => {
      const pinned = docOf(referenceDocs(`002/${MODULE}/nodepool/nodepool.yaml`), 'EC2NodeClass', 'default');
      const v1 = docOf(referenceDocs(`${V1}/nodepool/nodeclass.yaml`), 'EC2NodeClass', 'default');
      const actual = docOf(nodePool, 'EC2NodeClass', 'default').spec;
      // The mid-2024 environment exported KARP_ROLE; today's exports KARPENTER_ROLE, and the v1 charts only apply there.
      expect(pinned.spec.role).toBe('${KARP_ROLE}');
      expect(actual.role).toBe(v1.spec.role);
      expect(actual.role).toBe('${KARPENTER_ROLE}');
      expect(actual.subnetSelectorTerms).toEqual(pinned.spec.subnetSelectorTerms);
      expect(actual.securityGroupSelectorTerms).toEqual(pinned.spec.securityGroupSelectorTerms);
      expect(actual.tags).toEqual(pinned.spec.tags);
      expect(actual.amiSelectorTerms).toEqual(v1.spec.amiSelectorTerms);
    });

    test('EC2NodeClass default requires IMDSv2 with hop limit 1, encrypts the root volume and gives no public IP', () => {
      const actual = docOf(nodePool, 'EC2NodeClass', 'default').spec;
      expect(actual.metadataOptions).toEqual({ httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' });
      expect(actual.blockDeviceMappings).toEqual([{ deviceName: '/dev/xvda', ebs: { deleteOnTermination: true, encrypted: true, volumeSize: '20Gi', volumeType: 'gp3' } }]);
      expect(actual.associatePublicIPAddress).toBe(false);
    });

    test('applies the node class before the pool that references it', () => {
      expect(nodePool.map(d => d.kind)).toEqual(['EC2NodeClass', 'NodePool']);
      expect(nodePool.map(d => d.metadata.annotations[SyncWaves.ANNOTATION])).toEqual(['-2', '-1']);
    });

    test('takes the instance types as a parameter, the workshop\'s four by default', () => {
      expect(WALKTHROUGH_INSTANCE_TYPES).toEqual(['t3.medium', 't3.small', 'm5.large']);
      const upstreamList = docOf(referenceDocs(`${V1}/nodepool/nodepool.yaml`), 'NodePool', 'default').spec.template.spec.requirements[1].values;
      expect(WORKSHOP_INSTANCE_TYPES).toEqual(upstreamList);
      const workshop = buildApp(OUTDIR, {});
      expect(docOf(chartDocs(workshop, '01-node-pool'), 'NodePool', 'default').spec.template.spec.requirements[1].values).toEqual(upstreamList);
    });

    test('fills in a real node role and cluster name instead of the envsubst variables', () => {
      const resolved = buildApp(OUTDIR, { nodeRole: 'KarpenterNodeRole-eks-workshop', clusterName: 'eks-workshop' });
      const spec = docOf(chartDocs(resolved, '01-node-pool'), 'EC2NodeClass', 'default').spec;
      expect(spec.role).toBe('KarpenterNodeRole-eks-workshop');
      expect(spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'eks-workshop' } }]);
    });

    test('throws on an empty instance type list, naming the pool, the requirement and what is allowed', () => {
      expect(() => buildApp(OUTDIR, { instanceTypes: [] })).toThrow(
        /\[01-node-pool\/node-pool\] requirements\[1\] \(node\.kubernetes\.io\/instance-type In\)\.values: got \[\]; must have at least one value with operator In/);
    });
  });

  describe('inflate', () => {
    test('Deployment inflate in namespace other keeps upstream\'s replicas, selector, nodeSelector, grace period, image and memory request', () => {
      const expected = docOf(referenceDocs(`002/${MODULE}/scale/deployment.yaml`), 'Deployment', 'inflate');
      const actual = docOf(inflate, 'Deployment', 'inflate');
      expect(actual.metadata).toEqual(expected.metadata);
      expect(actual.spec.replicas).toBe(0);
      expect(actual.spec.selector).toEqual(expected.spec.selector);
      expect(actual.spec.template.metadata).toEqual(expected.spec.template.metadata);
      const pod = actual.spec.template.spec;
      const expectedPod = expected.spec.template.spec;
      expect(pod.nodeSelector).toEqual(expectedPod.nodeSelector);
      expect(pod.terminationGracePeriodSeconds).toBe(expectedPod.terminationGracePeriodSeconds);
      expect(pod.containers.map((c: any) => [c.name, c.image])).toEqual(expectedPod.containers.map((c: any) => [c.name, c.image]));
      expect(expectedPod.containers[0].resources.requests.memory).toBe('1Gi');
      expect(pod.containers[0].resources).toEqual({ requests: { cpu: '10m', memory: '1024Mi' }, limits: { memory: '1024Mi' } });
    });

    test('runs the pause container non-root, read-only, with all capabilities dropped', () => {
      const container = docOf(inflate, 'Deployment', 'inflate').spec.template.spec.containers[0];
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
      });
      expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
      expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp-inflate' }]);
      expect(container.imagePullPolicy).toBe('IfNotPresent');
    });

    test('emits namespace other as the workshop labels it, first, and protected from Argo CD pruning and deletion', () => {
      const expected = docOf(referenceDocs('002/manifests/base-application/other/namespace.yaml'), 'Namespace', 'other');
      const actual = docOf(inflate, 'Namespace', 'other');
      expect(actual.metadata.labels).toEqual(expected.metadata.labels);
      expect(actual.metadata.namespace).toBeUndefined();
      expect(actual.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', [SyncWaves.ANNOTATION]: '-3' });
      expect(inflate.map(d => d.kind)).toEqual(['Namespace', 'Deployment']);
    });
  });

  describe('expiration', () => {
    test('differs from 01-node-pool in expireAfter only, set to 5m in the template as v1 wants it', () => {
      const expected = JSON.parse(JSON.stringify(nodePool));
      docOf(expected, 'NodePool', 'default').spec.template.spec.expireAfter = '5m';
      expect(expiry).toEqual(expected);
    });
  });
  describe('README', () => {
    const rows = readmeSteps(README);

    test('its step table names only charts that the app synthesizes, and every synthesized chart', () => {
      const written = app.charts.map(c => `${c.node.id}.k8s.yaml`);
      const named = rows.flatMap(r => chartFiles(r.chart));
      for (const file of named) expect(written).toContain(file);
      expect([...new Set(named)].sort()).toEqual([...written].sort());
      for (const row of rows) {
        for (const file of chartFiles(row.command)) expect(chartFiles(row.chart)).toContain(file);
      }
    });

    test('substitutes exactly the variables the node class carries, and stops before applying an empty role', () => {
      const variables = (docs: any[]) => [...new Set([...JSON.stringify(docs).matchAll(/\$\{(\w+)\}/g)].map(m => m[1]))].sort();
      expect(variables(nodePool)).toEqual([...ENVSUBST_VARIABLES].sort());
      expect(variables(expiry)).toEqual([...ENVSUBST_VARIABLES].sort());
      expect(variables(inflate)).toEqual([]);
      const shellFormat = ENVSUBST_VARIABLES.map(v => `$${v}`).join(' ');
      for (const file of ['01-node-pool.k8s.yaml', '03-expire-after-5m.k8s.yaml']) {
        const applies = rows.filter(r => r.command.includes(`< $D/${file}`));
        expect(applies.length).toBeGreaterThan(0);
        for (const row of applies) expect(row.command).toContain(`envsubst '${shellFormat}' < $D/${file} \\| kubectl apply -f -`);
      }
      expect(rows.find(r => r.chart === '`01-node-pool.k8s.yaml`')!.command).toContain(ENVSUBST_VARIABLES.map(v => `"\${${v}:?}"`).join(' '));
    });

    test('greps the log message Karpenter v1 writes for a disruption, not the v1beta1 one', () => {
      expect(README).not.toMatch(/grep 'consolidation (delete|replace)' \\\|/);
      expect(rows.some(r => r.command.includes("grep 'disrupting node(s)'"))).toBe(true);
    });

    test('says that changing expireAfter first replaces the node as drift, then by expiry', () => {
      const row = rows.find(r => r.chart === '`03-expire-after-5m.k8s.yaml`')!;
      expect(row.sees).toMatch(/drift, not expiry/i);
      expect(row.sees).toContain('Drifted');
      expect(row.sees).toContain('deleting expired nodeclaim');
    });

    test('states who the pause image runs as and where it writes, citing its build file', () => {
      const images = [...new Set(inflate.flatMap(d => (d.spec?.template?.spec?.containers ?? []).map((c: any) => c.image)))];
      expect(images).toEqual(['public.ecr.aws/eks-distro/kubernetes/pause:3.2']);
      const row = README.split('\n').find(l => l.startsWith(`| \`${images[0]}\``));
      expect(row).toMatch(/[\w.-]+\/[\w.-]+@[0-9a-f]{40}:[\w./-]+Dockerfile/);
    });
  });
  test('names no source or step ids in its code: the README maps source steps to charts', () => {
    const dir = path.join(__dirname, '../../examples/karpenter-workshop');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter(f => /\.(ts|js)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const ids = fs.readFileSync(path.join(dir, file), 'utf-8').match(/\bseed|\b00\d-\d\b|\bA00\d-\d\b|\bstep \d/gi);
      expect({ file, ids }).toEqual({ file, ids: null });
    }
  });
});
