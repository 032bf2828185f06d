import { ApiObject, App, Chart, Duration, JsonPatch, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import {
  AmiSelection, CapacityType, DurationOrNever, Ec2NodeClass, NodePool, PodSecurity, Requirement, SyncWaves,
} from '../../src';

/** The instance types of the workshop's NodePool. */
export const WORKSHOP_INSTANCE_TYPES = ['c5.large', 'm5.large', 'r5.large', 'm5.xlarge'];

/** The seed author's edit of the list, "for my own AWS account constraints" (A002-2). */
export const SEED_INSTANCE_TYPES = ['t3.medium', 't3.small', 'm5.large'];

/** Options of the karpenter-workshop example. */
export interface KarpenterWorkshopOptions {
  /**
   * Instance types the NodePool may launch (on-demand).
   *
   * @default WORKSHOP_INSTANCE_TYPES
   */
  readonly instanceTypes?: string[];

  /**
   * IAM role (name) of the Karpenter nodes.
   *
   * @default '${KARP_ROLE}', filled in by the workshop's `envsubst`
   */
  readonly nodeRole?: string;

  /**
   * Value of the `karpenter.sh/discovery` tag on the cluster's subnets and security group.
   *
   * @default '${EKS_CLUSTER_NAME}', filled in by the workshop's `envsubst`
   */
  readonly clusterName?: string;
}

/** The workshop creates namespace `other` with its base application; `inflate` runs there. */
const NAMESPACE = 'other';
const WORKSHOP_TAGS = { 'app.kubernetes.io/created-by': 'eks-workshop' };

/**
 * Seed 002 (eks-workshop-v2 Karpenter module, in karpenter.sh/v1 terms): the NodePool and
 * EC2NodeClass, the `inflate` Deployment the seed scales, and the 5-minute expiry variant of the
 * pool. Consolidation (002-3) needs no chart: it is `kubectl scale` on `inflate`.
 */
export function buildApp(outdir: string, options: KarpenterWorkshopOptions = { instanceTypes: SEED_INSTANCE_TYPES }): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const pool = addNodePool(app, '01-node-pool', options, Duration.hours(72));
  addInflate(app, pool);
  // 002-4: replaces 01-node-pool. Changing expireAfter drifts the existing nodes, which are replaced too.
  addNodePool(app, '03-expire-after-5m', options, Duration.minutes(5));

  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}

/** 002-1: EC2NodeClass and NodePool `default` (cluster-scoped, so the chart has no namespace). */
function addNodePool(app: App, id: string, options: KarpenterWorkshopOptions, expireAfter: Duration): NodePool {
  const chart = new Chart(app, id, { disableResourceNameHashes: true });
  const discovery = { 'karpenter.sh/discovery': options.clusterName ?? '${EKS_CLUSTER_NAME}' };
  const nodeClass = new Ec2NodeClass(chart, 'node-class', {
    metadata: { name: 'default' },
    // v1 requires amiSelectorTerms; the workshop's v1 revision uses this alias (the seed's v1beta1 one: amiFamily AL2).
    amiSelection: AmiSelection.al2023(),
    role: options.nodeRole ?? '${KARP_ROLE}',
    subnetSelectorTerms: [{ tags: discovery }],
    securityGroupSelectorTerms: [{ tags: discovery }],
    tags: WORKSHOP_TAGS,
  });
  return new NodePool(chart, 'node-pool', {
    metadata: { name: 'default' },
    nodeClass,
    labels: { type: 'karpenter' },
    requirements: [
      Requirement.capacityType(CapacityType.ON_DEMAND),
      Requirement.instanceType(...options.instanceTypes ?? WORKSHOP_INSTANCE_TYPES),
    ],
    expireAfter: DurationOrNever.after(expireAfter),
    // Not upstream: bounds the drain of an expired node. inflate stops at once, so it never waits this long.
    terminationGracePeriod: Duration.hours(1),
    limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
    // v1beta1's WhenUnderutilized, renamed; 1m is the workshop's v1 value.
    consolidateAfter: DurationOrNever.after(Duration.minutes(1)),
  });
}

/** 002-2: the `inflate` Deployment, 0 replicas of the pause container with 1Gi each, on the pool's `type: karpenter` nodes. */
function addInflate(app: App, pool: NodePool): void {
  // No chart namespace: it would be written into the cluster-scoped Namespace too.
  const chart = new Chart(app, '02-inflate', { disableResourceNameHashes: true });
  // Outside the workshop the namespace must be created; inside it, applying this is a no-op. Argo CD must
  // never delete it: the workshop's other applications live there too.
  new kplus.Namespace(chart, 'other', {
    metadata: {
      name: NAMESPACE,
      labels: WORKSHOP_TAGS,
      annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' },
    },
  });

  const labels = { app: 'inflate' };
  const inflate = new kplus.Deployment(chart, 'inflate', {
    metadata: { name: 'inflate', namespace: NAMESPACE },
    replicas: 0,
    select: false,
    podMetadata: { labels },
    terminationGracePeriod: Duration.seconds(0),
  });
  inflate.select(kplus.LabelSelector.of({ labels }));
  // Keeps the pod template exactly upstream's: only `app: inflate`.
  ApiObject.of(inflate).addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
  PodSecurity.addRestrictedContainer(inflate, {
    name: 'inflate',
    image: 'public.ecr.aws/eks-distro/kubernetes/pause:3.2',
    // Kubernetes' default for a tagged image, which upstream relies on; cdk8s-plus would write Always.
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    resources: {
      // Upstream requests memory only. 10m per pod adds a CPU request without changing which instance fits.
      cpu: { request: kplus.Cpu.millis(10) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
    },
  });
  pool.schedule(inflate);
}
