/**
 * The ways the bench writes N "autoscaled services": each is a Deployment, a Service, a
 * ServiceMonitor, a ScaledObject with a Prometheus trigger and its TriggerAuthentication (plus the
 * PodDisruptionBudget the library writes for an autoscaled workload), and one NodePool and its
 * EC2NodeClass per 100 services.
 *
 * - `library`: this package's constructs, on cdk8s-plus workloads (its constructs take them as input).
 * - `baseline`: the same cdk8s-plus workloads, and every document this library writes as a plain cdk8s
 *   ApiObject. library/baseline is what the library's layer costs, like for like.
 * - `all-raw`: the Deployment and Service as ApiObjects too; baseline/all-raw is what cdk8s-plus costs.
 * - `library-no-final-pass`: `library` with the final validation pass (SynthValidation) off.
 *
 * Every variant takes the number of charts (the layout): pool p and its 100 services go to chart
 * `team-<p % charts>`, so ten charts are all in use from N=901 on. All variants synthesize through
 * cdk8s's own App.synth(), which validates and resolves the whole app once, and again before each chart.
 *
 * test/bench.test.ts checks that all of them write the same documents, in both layouts.
 */
import { ApiObject, App, Chart, Duration, Lazy, Names, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import {
  AmiSelection, ConsolidationPolicy, DurationOrNever, Ec2NodeClass, NodePool, PodIdentity, PrometheusSelector, Requirement,
  CapacityType, ScaledObject, ScalerTrigger, ServiceMonitor, ServiceReference, SynthValidation, TriggerAuthentication, WorkloadReference,
} from '../src';

export interface Variant {
  /** Adds `count` autoscaled services to `app`, spread over at most `charts` charts. */
  build(app: App, count: number, charts: number): void;
}

const SERVICES_PER_POOL = 100;
const PROMETHEUS = 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/keda-prometheus';
const DISCOVERY = { 'karpenter.sh/discovery': 'bench' };

const serviceName = (i: number) => `svc-${i}`;
const poolName = (p: number) => `pool-${p}`;
const queryFor = (name: string) => `sum(rate(http_requests_total{service="${name}"}[1m]))`;

// A fixed number of charts per layout, as teams or applications split a platform repo: cdk8s validates
// and resolves the whole app once per chart, so charts growing with N would make synth quadratic.
function chartFor(app: App, p: number, charts: number): Chart {
  const id = `team-${p % charts}`;
  return (app.node.tryFindChild(id) as Chart | undefined) ?? new Chart(app, id, { disableResourceNameHashes: true });
}

/** The Deployment and Service of one service, with cdk8s-plus (shared by the library and baseline variants). */
function plusWorkload(scope: Chart, name: string): { deployment: kplus.Deployment; service: kplus.Service } {
  const deployment = new kplus.Deployment(scope, `${name}-deployment`, {
    metadata: { name, labels: { app: name } },
    podMetadata: { labels: { app: name } },
    select: false,
    containers: [{
      name: 'app',
      image: 'public.ecr.aws/example/app:1.0.0',
      portNumber: 8080,
      securityContext: { user: 10001, group: 10001 },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) } },
    }],
  });
  deployment.select(kplus.LabelSelector.of({ labels: { app: name } }));
  const service = new kplus.Service(scope, `${name}-service`, {
    metadata: { name, labels: { app: name } },
    ports: [{ name: 'http', port: 80, targetPort: 8080 }],
  });
  service.selectLabel('app', name);
  return { deployment, service };
}

const library: Variant = {
  build(app, count, charts) {
    let chart: Chart | undefined;
    let pool: NodePool | undefined;
    for (let i = 0; i < count; i++) {
      if (i % SERVICES_PER_POOL === 0) {
        const p = i / SERVICES_PER_POOL;
        chart = chartFor(app, p, charts);
        const nodeClass = new Ec2NodeClass(chart, `NodeClass-${p}`, {
          metadata: { name: poolName(p) },
          amiSelection: AmiSelection.al2023('v20250715'),
          role: 'KarpenterNodeRole-bench',
          subnetSelectorTerms: [{ tags: DISCOVERY }],
          securityGroupSelectorTerms: [{ tags: DISCOVERY }],
        });
        pool = new NodePool(chart, `NodePool-${p}`, {
          metadata: { name: poolName(p) },
          nodeClass,
          requirements: [Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND), Requirement.instanceCategory('c', 'm', 'r')],
          consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED,
          consolidateAfter: DurationOrNever.after(Duration.minutes(1)),
          limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(1000) },
        });
      }
      const name = serviceName(i);
      const scope = chart!;
      const { deployment, service } = plusWorkload(scope, name);
      pool!.schedule(deployment);
      new ServiceMonitor(scope, `${name}-monitor`, {
        metadata: { name },
        service: ServiceReference.fromService(service),
        port: 'http',
        prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
      });
      const auth = new TriggerAuthentication(scope, `${name}-auth`, {
        metadata: { name },
        podIdentity: PodIdentity.aws({ roleArn: ROLE_ARN }),
      });
      new ScaledObject(scope, `${name}-scaler`, {
        metadata: { name },
        target: WorkloadReference.fromWorkload(deployment),
        minReplicas: 2,
        maxReplicas: 20,
        triggers: [ScalerTrigger.prometheus({ serverAddress: PROMETHEUS, query: queryFor(name), threshold: 10, authentication: auth })],
      });
    }
  },
};

function rawNodeClassAndPool(chart: Chart, p: number): void {
  const name = poolName(p);
  new ApiObject(chart, `NodeClass-${p}`, {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name },
    spec: {
      amiSelectorTerms: [{ alias: 'al2023@v20250715' }],
      associatePublicIPAddress: false,
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { deleteOnTermination: true, encrypted: true, volumeSize: '20Gi', volumeType: 'gp3' } }],
      metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
      role: 'KarpenterNodeRole-bench',
      securityGroupSelectorTerms: [{ tags: DISCOVERY }],
      subnetSelectorTerms: [{ tags: DISCOVERY }],
    },
  });
  new ApiObject(chart, `NodePool-${p}`, {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      disruption: { consolidateAfter: '1m', consolidationPolicy: 'WhenEmptyOrUnderutilized' },
      limits: { cpu: '1000', memory: '1000Gi' },
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name },
          requirements: [
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
          ],
        },
      },
    },
  });
}

function rawService(chart: Chart, i: number): void {
  const name = serviceName(i);
  const labels = { app: name };
  // cdk8s-plus labels every pod template with its construct address; the all-raw variant writes the same label.
  const deployment: ApiObject = new ApiObject(chart, `${name}-deployment`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      minReadySeconds: 0,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...labels, 'cdk8s.io/metadata.addr': Lazy.any({ produce: () => Names.toLabelValue(deployment) }) } },
        spec: {
          automountServiceAccountToken: false,
          containers: [{
            image: 'public.ecr.aws/example/app:1.0.0',
            imagePullPolicy: 'Always',
            name: 'app',
            ports: [{ containerPort: 8080 }],
            resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              privileged: false,
              readOnlyRootFilesystem: true,
              runAsGroup: 10001,
              runAsNonRoot: true,
              runAsUser: 10001,
            },
            startupProbe: { failureThreshold: 3, tcpSocket: { port: 8080 } },
          }],
          dnsPolicy: 'ClusterFirst',
          hostNetwork: false,
          restartPolicy: 'Always',
          securityContext: { fsGroupChangePolicy: 'Always', runAsNonRoot: true },
          setHostnameAsFQDN: false,
          shareProcessNamespace: false,
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  });
  new ApiObject(chart, `${name}-service`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { externalIPs: [], ports: [{ name: 'http', port: 80, targetPort: 8080 }], selector: labels, type: 'ClusterIP' },
  });
  rawAutoscaling(chart, name);
}

/** The ServiceMonitor, TriggerAuthentication, ScaledObject and PodDisruptionBudget of one service, as raw ApiObjects. */
function rawAutoscaling(chart: Chart, name: string): void {
  const labels = { app: name };
  new ApiObject(chart, `${name}-monitor`, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name, labels: { release: 'prometheus' } },
    spec: { endpoints: [{ port: 'http' }], selector: { matchLabels: labels } },
  });
  new ApiObject(chart, `${name}-auth`, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name },
    spec: { podIdentity: { provider: 'aws', roleArn: ROLE_ARN } },
  });
  new ApiObject(chart, `${name}-scaler`, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name },
    spec: {
      maxReplicaCount: 20,
      minReplicaCount: 2,
      scaleTargetRef: { name },
      triggers: [{
        authenticationRef: { name },
        metadata: { query: queryFor(name), serverAddress: PROMETHEUS, threshold: '10' },
        type: 'prometheus',
      }],
    },
  });
  new ApiObject(chart, `${name}-pdb`, {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
}

/** Builds the raw node classes and pools, and each service with `addService`, in the same chart layout as `library`. */
function buildWithRawPools(app: App, count: number, charts: number, addService: (chart: Chart, i: number) => void): void {
  let chart: Chart | undefined;
  for (let i = 0; i < count; i++) {
    if (i % SERVICES_PER_POOL === 0) {
      chart = chartFor(app, i / SERVICES_PER_POOL, charts);
      rawNodeClassAndPool(chart, i / SERVICES_PER_POOL);
    }
    addService(chart!, i);
  }
}

const allRaw: Variant = {
  build: (app, count, charts) => buildWithRawPools(app, count, charts, rawService),
};

/** cdk8s-plus for the Deployment and Service, as in `library`; ApiObjects for everything the library writes. */
const baseline: Variant = {
  build: (app, count, charts) => buildWithRawPools(app, count, charts, (chart, i) => {
    plusWorkload(chart, serviceName(i)).deployment.markHasAutoscaler();
    rawAutoscaling(chart, serviceName(i));
  }),
};

/** The library with its final validation pass off: what the pass costs is library / library-no-final-pass. */
const libraryWithoutFinalPass: Variant = {
  build(app, count, charts) {
    library.build(app, count, charts);
    SynthValidation.disable(app, 'the bench measures the final validation pass apart');
  },
};

export const VARIANTS: Record<string, Variant> = {
  'library': library,
  'library-no-final-pass': libraryWithoutFinalPass,
  'baseline': baseline,
  'all-raw': allRaw,
};
