import { App, Chart, Duration, Size, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  AmiSelection, Arch, CapacityType, Ec2NodeClass, NodePool, PodSecurity, PrometheusSelector, Requirement,
  ScaledObject, ScalerTrigger, ServiceMonitor, ServiceReference, SyncWaves, WorkloadReference,
} from '../../src';

/** A web service that KEDA scales on request rate, on nodes Karpenter provisions. */
export class WebChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'web', disableResourceNameHashes: true });

    // Nodes: IMDSv2 with hop limit 1, encrypted volumes and no public IP are the defaults.
    const nodeClass = new Ec2NodeClass(this, 'NodeClass', {
      metadata: { name: 'web' },
      amiSelection: AmiSelection.al2023('v20250715'),
      role: 'KarpenterNodeRole-my-cluster',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
    });
    const pool = new NodePool(this, 'NodePool', {
      metadata: { name: 'web' },
      nodeClass,
      requirements: [Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND), Requirement.instanceCategory('c', 'm')],
      limits: { cpu: kplus.Cpu.units(64), memory: Size.gibibytes(256) },
    });

    // The workload: restricted pod security (nginx-unprivileged writes only to /tmp, an emptyDir), placed on the pool.
    const web = new kplus.Deployment(this, 'Web', { metadata: { name: 'web' } });
    PodSecurity.addRestrictedContainer(web, {
      name: 'web',
      image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine',
      portNumber: 8080,
      resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) } },
    });
    pool.schedule(web, { arch: Arch.ARM64 }); // Graviton: the image is multi-arch, the nodes cost less
    const service = new kplus.Service(this, 'Service', {
      metadata: { name: 'web', labels: { app: 'web' } },
      selector: web,
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    });

    // Scraping and scaling: the monitor takes the Service, the ScaledObject takes the Deployment.
    new ServiceMonitor(this, 'Monitor', {
      metadata: { name: 'web' },
      service: ServiceReference.fromService(service),
      port: 'http',
      interval: Duration.seconds(15),
      prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
    });
    new ScaledObject(this, 'Scaler', {
      metadata: { name: 'web' },
      target: WorkloadReference.fromWorkload(web),
      minReplicas: 2,
      maxReplicas: 20,
      triggers: [ScalerTrigger.prometheus({
        serverAddress: 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090',
        query: 'sum(rate(nginx_http_requests_total{service="web"}[1m]))',
        threshold: 50,
      })],
    });
  }
}

export function buildApp(outdir: string): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  new WebChart(app, 'quickstart');
  PodSecurity.enforceRestricted(app);
  SyncWaves.apply(app);
  return app;
}
