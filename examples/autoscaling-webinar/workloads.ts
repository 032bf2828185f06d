import { ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { ClusterScoped, PodSecurity, SpotOnDemandSplit } from '../../src';

/** The namespace of the app and of everything that scales it. */
export const MOC_NAMESPACE = 'moc';

/** Pod Security "restricted" in warn and audit mode, not enforce (see the README). */
export const POD_SECURITY_WARN = {
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

/** Props of every chart of this example: its namespace, and the objects' own names without a hash. */
export function namespacedChartProps(namespace?: string): ChartProps {
  return { namespace, disableResourceNameHashes: true };
}

/** A Namespace in a namespaced chart: cluster-scoped, so without the chart's `metadata.namespace`. */
export function clusterNamespace(scope: Construct, name: string, labels: { [key: string]: string }): void {
  const ns = new kplus.Namespace(scope, 'Namespace', { metadata: { name, labels } });
  ClusterScoped.omitNamespace(ns);
}

/** Quarter of a CPU and 128Mi guaranteed, up to half a CPU and 256Mi: the webinar's sizing of moc and the consumer. */
const UPSTREAM_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
};

/** The pod identity of moc, the consumer and the producer, defined in `01-moc-app`. */
function mocUser(scope: Construct, id: string): kplus.IServiceAccount {
  return kplus.ServiceAccount.fromServiceAccountName(scope, id, 'moc-user');
}

/** A Deployment whose pods and selector carry only `app: <name>`, as upstream (no cdk8s selector label). */
function appDeployment(scope: Construct, id: string, name: string, props: kplus.DeploymentProps = {}): kplus.Deployment {
  const deployment = new kplus.Deployment(scope, id, {
    ...props,
    metadata: { name, labels: props.metadata?.labels },
    select: false,
    podMetadata: { labels: { app: name } },
    serviceAccount: mocUser(scope, `${id}ServiceAccount`),
  });
  deployment.select(kplus.LabelSelector.of({ labels: { app: name } }));
  return deployment;
}

/** Options of the moc Deployment. */
export interface MocDeploymentOptions {
  /** The SQS queue the app writes to and reads from. */
  readonly sqsQueueUrl: string;
  /** Spread the pods over the split's capacity-spread domains; upstream leaves the constraint commented out until the Karpenter step. */
  readonly capacitySpread?: SpotOnDemandSplit;
}

/** The reference app: FastAPI on 8000, `/healthcheck`, `/metrics`, `/cpu/{s}`, `/sent-message`, `/receive-message`. */
export function mocDeployment(scope: Construct, options: MocDeploymentOptions): kplus.Deployment {
  const moc = appDeployment(scope, 'Moc', 'moc', { metadata: { labels: { app: 'moc' } } });
  // Every later step scales moc (KEDA or an HPA): without `replicas` in the manifest, re-applying this
  // chart does not reset the autoscaler's count. Until then the Deployment runs 1 pod, as upstream.
  moc.markHasAutoscaler();
  PodSecurity.addRestrictedContainer(moc, {
    name: 'moc',
    image: 'cquinta/moc-app:beta1',
    imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
    envVariables: {
      VERSION: kplus.EnvValue.fromValue('v2'),
      SQS_QUEUE_URL: kplus.EnvValue.fromValue(options.sqsQueueUrl),
      AWS_REGION: kplus.EnvValue.fromValue(regionOf(options.sqsQueueUrl)),
    },
    ports: [{ number: 8000, name: 'http' }],
    resources: UPSTREAM_RESOURCES,
    startup: kplus.Probe.fromHttpGet('/healthcheck', { port: 8000, periodSeconds: Duration.seconds(20), failureThreshold: 10 }),
    readiness: kplus.Probe.fromHttpGet('/healthcheck', { port: 8000, periodSeconds: Duration.seconds(60) }),
  });
  options.capacitySpread?.schedule(moc);
  return moc;
}

/** The ClusterIP Service `moc` on 8000, port name `http` (the ServiceMonitor scrapes it by that name). */
export function mocService(scope: Construct): kplus.Service {
  const service = new kplus.Service(scope, 'MocService', {
    metadata: {
      name: 'moc',
      labels: { app: 'moc' },
      // Upstream says port "metrics", which is not a port number; annotation-based scrapers need the number.
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8000' },
    },
    ports: [{ name: 'http', port: 8000, targetPort: 8000 }],
  });
  // The upstream selector, rather than cdk8s's per-Deployment address label: the 05b variant of moc keeps it.
  service.selectLabel('app', 'moc');
  return service;
}

/** Drains the queue: one `GET /receive-message` every 5 seconds. */
export function consumerDeployment(scope: Construct, capacitySpread: SpotOnDemandSplit): kplus.Deployment {
  const consumer = appDeployment(scope, 'Consumer', 'consumer');
  PodSecurity.addRestrictedContainer(consumer, {
    name: 'curl-container',
    image: 'curlimages/curl:latest',
    command: ['/bin/sh', '-c'],
    args: ['while true; do\n  curl moc.moc.svc.cluster.local:8000/receive-message;\n  sleep 5;\ndone\n'],
    resources: UPSTREAM_RESOURCES,
  });
  capacitySpread.schedule(consumer);
  return consumer;
}

/** Fills the queue: one `POST /sent-message` a second (upstream's in-cluster stand-in for the webinar's laptop loop). */
export function producerDeployment(scope: Construct): kplus.Deployment {
  // One pod, as upstream (which leaves replicas to Kubernetes' default of 1): one message a second.
  const producer = appDeployment(scope, 'Producer', 'producer', { replicas: 1 });
  PodSecurity.addRestrictedContainer(producer, {
    name: 'curl-container',
    image: 'curlimages/curl:latest',
    command: ['/bin/sh', '-c'],
    args: [
      'while true; do\n'
      + '  curl -X \'POST\' \'http://moc.moc.svc.cluster.local:8000/sent-message\' -H \'accept: application/json\''
      + ' -H \'Content-Type: application/json\' -d \'{ "message": "Hello Webinar"}\';\n'
      + '  sleep 1;\n'
      + 'done\n',
    ],
    // Upstream requests 250m/128Mi and sets no limit; the memory limit is the consumer's, so a leak cannot take the node.
    resources: {
      cpu: { request: kplus.Cpu.millis(250) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
  });
  return producer;
}

/** `us-east-1` from `https://sqs.us-east-1.amazonaws.com/...`: the app's region is the queue's. */
function regionOf(queueUrl: string): string {
  const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\//.exec(queueUrl);
  if (!match) throw new Error(`sqsQueueUrl: got ${JSON.stringify(queueUrl)}; must be https://sqs.<region>.amazonaws.com/<account>/<queue>`);
  return match[1];
}
