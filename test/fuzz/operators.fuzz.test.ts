// Seeded fuzzing of the other operator constructs: prometheus-operator, Istio, k6-operator, the AWS Load Balancer
// Controller and Grafana (harness: test/support/fuzz.ts; KEDA's are in keda.fuzz.test.ts). Each run mutates one to
// three values of valid props; the construct must fail with a library error naming its path, or emit valid output.
// Replay one run with FUZZ_SEED=<seed> FUZZ_RUN=<run> npx jest test/fuzz/operators.fuzz.test.ts --coverage=false.
//
// The props are plain data: objects the library makes through factories (references, routes, panels) are made in
// `build` from them, so a mutated value reaches the construct the way a caller would pass it. Enum-like values
// (GatewayProtocol.HTTPS) stay in the props: the harness swaps and forges them.
import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { TargetGroupBinding, TargetGroupBindingProps, TargetGroupTargetType } from '../../src/alb';
import { ServiceReference, WorkloadReference, WorkloadReferenceProps } from '../../src/common/references';
import { TlsVersion } from '../../src/common/tls';
import { DashboardPanel, GrafanaDashboard, GrafanaDashboardProps, TimeSeriesPanelOptions } from '../../src/grafana';
import {
  DestinationRule, DestinationRuleProps, Gateway, GatewayProps, GatewayProtocol, GatewayTlsMode, HttpMethod, HttpRedirectPort, HttpRedirectScheme,
  HttpRetryOn, HttpRouteMatch, HttpStringMatch, LoadBalancerAlgorithm, RouteDestination, VirtualService,
} from '../../src/istio';
import { K6RunnerOptions, K6Script, TestRun, TestRunNaming, TestRunProps } from '../../src/k6';
import {
  MonitorNamespaceSelector, PodMonitor, PrometheusSelector, RelabelRule, RelabelRuleOptions, ScrapeAuthorization, ScrapeCertificate, ScrapeScheme,
  ServiceMonitor,
} from '../../src/prometheus';
import { expectNoFuzzFailures, fuzz } from '../support/fuzz';

const RUNS = 40;
/** The constructs refuse every value the final validation pass would: an error of that pass is a gap. */
const VERDICT = { finalPassIsFailure: true };

/** Scrape settings a monitor takes, with the Secrets and ConfigMaps by name. */
interface ScrapeFuzzProps {
  readonly path: string;
  readonly interval: Duration;
  readonly scrapeTimeout: Duration;
  readonly honorLabels: boolean;
  readonly scheme: ScrapeScheme;
  readonly tls: {
    readonly caConfigMap: string;
    readonly caKey: string;
    readonly clientSecret: string;
    readonly certKey: string;
    readonly keyKey: string;
    readonly serverName: string;
    readonly minVersion: TlsVersion;
    readonly maxVersion: TlsVersion;
    readonly insecureSkipVerify: boolean;
  };
  readonly token: { readonly secretName: string; readonly key: string };
  readonly replace: RelabelRuleOptions;
  readonly dropMetrics: RelabelRuleOptions;
}

function scrapeProps(): ScrapeFuzzProps {
  return {
    path: '/metrics',
    interval: Duration.seconds(15),
    scrapeTimeout: Duration.seconds(10),
    honorLabels: true,
    scheme: ScrapeScheme.HTTPS,
    tls: {
      caConfigMap: 'api-ca',
      caKey: 'ca.crt',
      clientSecret: 'api-client',
      certKey: 'tls.crt',
      keyKey: 'tls.key',
      serverName: 'api.shop.svc',
      minVersion: TlsVersion.TLS1_2,
      maxVersion: TlsVersion.TLS1_3,
      insecureSkipVerify: false,
    },
    token: { secretName: 'api-scrape', key: 'token' },
    replace: { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', regex: '(.*)', replacement: '$1' },
    dropMetrics: { sourceLabels: ['__name__'], regex: 'go_gc_.*' },
  };
}

/** The endpoint options of `scrapeProps`, with the references made in `chart`. */
function scrapeEndpoint(chart: Chart, p: ScrapeFuzzProps) {
  const client = kplus.Secret.fromSecretName(chart, 'Client', p.tls.clientSecret);
  return {
    path: p.path,
    interval: p.interval,
    scrapeTimeout: p.scrapeTimeout,
    honorLabels: p.honorLabels,
    scheme: p.scheme,
    tls: {
      ca: ScrapeCertificate.fromConfigMap({ configMap: kplus.ConfigMap.fromConfigMapName(chart, 'Ca', p.tls.caConfigMap), key: p.tls.caKey }),
      clientCertificate: ScrapeCertificate.fromSecret({ secret: client, key: p.tls.certKey }),
      clientKey: { secret: client, key: p.tls.keyKey },
      serverName: p.tls.serverName,
      minVersion: p.tls.minVersion,
      maxVersion: p.tls.maxVersion,
      insecureSkipVerify: p.tls.insecureSkipVerify,
    },
    authorization: ScrapeAuthorization.bearerToken({ secret: kplus.Secret.fromSecretName(chart, 'Token', p.token.secretName), key: p.token.key }),
    relabelings: [RelabelRule.replace(p.replace)],
    metricRelabelings: [RelabelRule.drop(p.dropMetrics)],
  };
}

/** A VirtualService with a matched, weighted, retried and rewritten route and a redirect, as plain data. */
interface VirtualServiceFuzzProps {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly hosts: string[];
  readonly gateway: { readonly name: string; readonly namespace: string };
  readonly includeMesh: boolean;
  readonly route: {
    readonly name: string;
    readonly prefix: string;
    readonly header: { readonly name: string; readonly regex: string };
    readonly method: HttpMethod;
    readonly stable: {
      readonly service: string; readonly namespace: string; readonly port: number; readonly weight: number; readonly subset: string;
    };
    readonly canary: { readonly host: string; readonly port: number; readonly weight: number };
    readonly timeout: Duration;
    readonly retries: { readonly attempts: number; readonly perTryTimeout: Duration; readonly retryOn: HttpRetryOn; readonly statusCode: number };
    readonly rewrite: { readonly uri: string; readonly authority: string };
    readonly requestHeaders: { [name: string]: string };
    readonly removeResponseHeaders: string[];
    readonly fault: { readonly delay: Duration; readonly delayPercent: number; readonly abortStatus: number; readonly abortPercent: number };
  };
  readonly redirect: {
    readonly exact: string; readonly uri: string; readonly scheme: HttpRedirectScheme; readonly port: number; readonly code: number;
  };
}

interface TestRunFuzzProps {
  readonly run: Omit<TestRunProps, 'script' | 'naming' | 'runner'>;
  readonly script: { readonly configMap: string; readonly file: string };
  readonly naming: { readonly hashed: boolean; readonly runId: string };
  readonly runner: K6RunnerOptions;
}

interface TargetGroupBindingFuzzProps {
  readonly binding: Omit<TargetGroupBindingProps, 'service'>;
  readonly service: { readonly name: string; readonly namespace: string };
  readonly ingress: { readonly securityGroup: string; readonly cidr: string; readonly port: number; readonly udp: boolean };
}

interface DashboardFuzzProps {
  readonly dashboard: Omit<GrafanaDashboardProps, 'panels'>;
  readonly row: string;
  readonly panel: TimeSeriesPanelOptions;
}

describe('fuzzing the operator constructs', () => {
  test('a ServiceMonitor fails with a library error or emits a valid ServiceMonitor', () => {
    expectNoFuzzFailures(fuzz<{
      metadata: { name: string; namespace: string; labels: { [key: string]: string } };
      service: { name: string; namespace: string; labels: { [key: string]: string } };
      port: string;
      release: string;
      namespaces: string[];
      jobLabel: string;
      scrapeClass: string;
      scrape: ScrapeFuzzProps;
    }>({
      name: 'ServiceMonitor',
      seed: 14_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        metadata: { name: 'api', namespace: 'monitoring', labels: { team: 'shop' } },
        service: { name: 'api', namespace: 'shop', labels: { app: 'api' } },
        port: 'https',
        release: 'prometheus',
        namespaces: ['shop'],
        jobLabel: 'app.kubernetes.io/name',
        scrapeClass: 'default',
        scrape: scrapeProps(),
      }),
      build: (chart, p) => {
        new ServiceMonitor(chart, 'Monitor', {
          metadata: p.metadata,
          service: ServiceReference.fromServiceName(p.service.name, { namespace: p.service.namespace, labels: p.service.labels }),
          port: p.port,
          prometheusSelector: PrometheusSelector.helmRelease(p.release),
          namespaceSelector: MonitorNamespaceSelector.of(...p.namespaces),
          jobLabel: p.jobLabel,
          scrapeClass: p.scrapeClass,
          ...scrapeEndpoint(chart, p.scrape),
        });
      },
    }));
  });

  test('a PodMonitor fails with a library error or emits a valid PodMonitor', () => {
    expectNoFuzzFailures(fuzz<{
      metadata: { name: string; namespace: string };
      workload: WorkloadReferenceProps;
      port: string;
      selectorLabels: { [key: string]: string };
      jobLabel: string;
      interval: Duration;
      shard: RelabelRuleOptions;
      keepLabels: string;
    }>({
      name: 'PodMonitor',
      seed: 15_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        metadata: { name: 'workers', namespace: 'shop' },
        workload: { name: 'workers', podLabels: { app: 'workers', tier: 'batch' } },
        port: 'metrics',
        selectorLabels: { prometheus: 'main' },
        jobLabel: 'app',
        interval: Duration.seconds(30),
        shard: { sourceLabels: ['__address__'], targetLabel: '__tmp_hash', modulus: 4 },
        keepLabels: 'job|instance|pod|namespace|__.*',
      }),
      build: (chart, p) => {
        new PodMonitor(chart, 'Monitor', {
          metadata: p.metadata,
          workload: WorkloadReference.fromName(p.workload),
          port: p.port,
          prometheusSelector: PrometheusSelector.withLabels(p.selectorLabels),
          jobLabel: p.jobLabel,
          interval: p.interval,
          relabelings: [RelabelRule.hashMod(p.shard), RelabelRule.labelKeep(p.keepLabels)],
        });
      },
    }));
  });

  test('a Gateway fails with a library error or emits a valid Gateway', () => {
    expectNoFuzzFailures(fuzz<GatewayProps>({
      name: 'Gateway',
      seed: 16_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        metadata: { name: 'web', namespace: 'istio-ingress', labels: { team: 'edge' } },
        selector: { istio: 'ingressgateway' },
        servers: [
          { hosts: ['web.example.com'], port: 80, protocol: GatewayProtocol.HTTP, httpsRedirect: true },
          {
            hosts: ['shop/web.example.com', '*.api.example.com'],
            port: 443,
            protocol: GatewayProtocol.HTTPS,
            portName: 'https-web',
            name: 'web-https',
            tls: { mode: GatewayTlsMode.SIMPLE, credentialName: 'web-cert', minProtocolVersion: TlsVersion.TLS1_2, maxProtocolVersion: TlsVersion.TLS1_3 },
          },
          { hosts: ['./mtls.example.com'], port: 8443, protocol: GatewayProtocol.HTTPS, tls: { mode: GatewayTlsMode.MUTUAL, credentialName: 'mtls-cert', subjectAltNames: ['client.example.com'] } },
        ],
      }),
      build: (chart, props) => { new Gateway(chart, 'Gateway', props); },
    }));
  });

  test('a VirtualService fails with a library error or emits a valid VirtualService', () => {
    expectNoFuzzFailures(fuzz<VirtualServiceFuzzProps>({
      name: 'VirtualService',
      seed: 17_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        metadata: { name: 'web', namespace: 'shop' },
        hosts: ['web.example.com', 'web'],
        gateway: { name: 'web', namespace: 'istio-ingress' },
        includeMesh: true,
        route: {
          name: 'api',
          prefix: '/api',
          header: { name: 'x-canary', regex: 'true|yes' },
          method: HttpMethod.GET,
          stable: { service: 'web', namespace: 'shop', port: 8080, weight: 90, subset: 'v1' },
          canary: { host: 'web-canary.shop.svc.cluster.local', port: 8080, weight: 10 },
          timeout: Duration.seconds(10),
          retries: { attempts: 2, perTryTimeout: Duration.seconds(3), retryOn: HttpRetryOn.GATEWAY_ERROR, statusCode: 503 },
          rewrite: { uri: '/', authority: 'web.shop.svc.cluster.local' },
          requestHeaders: { 'x-request-source': 'mesh', 'x-forwarded-host': '%REQ(:authority)%' },
          removeResponseHeaders: ['server'],
          fault: { delay: Duration.millis(500), delayPercent: 0.5, abortStatus: 503, abortPercent: 0.1 },
        },
        redirect: { exact: '/old', uri: '/new', scheme: HttpRedirectScheme.HTTPS, port: 443, code: 308 },
      }),
      build: (chart, p) => {
        const r = p.route;
        new VirtualService(chart, 'Routes', {
          metadata: p.metadata,
          hosts: p.hosts,
          gateways: [Gateway.fromGatewayName(chart, 'Gateway', p.gateway.name, p.gateway.namespace)],
          includeMesh: p.includeMesh,
          httpRoutes: [
            {
              name: r.name,
              matches: [HttpRouteMatch.allOf({
                uri: HttpStringMatch.prefix(r.prefix), headers: { [r.header.name]: HttpStringMatch.regex(r.header.regex) }, method: r.method,
              })],
              destinations: [
                RouteDestination.toService(ServiceReference.fromServiceName(r.stable.service, { namespace: r.stable.namespace }),
                  { port: r.stable.port, weight: r.stable.weight, subset: r.stable.subset }),
                RouteDestination.toHost(r.canary.host, { port: r.canary.port, weight: r.canary.weight }),
              ],
              timeout: r.timeout,
              retries: {
                attempts: r.retries.attempts,
                perTryTimeout: r.retries.perTryTimeout,
                retryOn: [r.retries.retryOn, HttpRetryOn.statusCode(r.retries.statusCode)],
              },
              rewrite: r.rewrite,
              headers: { request: { set: r.requestHeaders }, response: { remove: r.removeResponseHeaders } },
              fault: {
                delay: { fixedDelay: r.fault.delay, percentage: r.fault.delayPercent },
                abort: { httpStatus: r.fault.abortStatus, percentage: r.fault.abortPercent },
              },
            },
            {
              matches: [HttpRouteMatch.exact(p.redirect.exact)],
              redirect: { uri: p.redirect.uri, scheme: p.redirect.scheme, port: HttpRedirectPort.of(p.redirect.port), redirectCode: p.redirect.code },
            },
          ],
        });
      },
    }));
  });

  test('a DestinationRule fails with a library error or emits a valid DestinationRule', () => {
    expectNoFuzzFailures(fuzz<{ rule: Omit<DestinationRuleProps, 'service'>; service: { name: string; namespace: string }; subset: { name: string; labels: { [key: string]: string } } }>({
      name: 'DestinationRule',
      seed: 18_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        rule: {
          metadata: { name: 'web', namespace: 'shop' },
          connectionPool: {
            maxConnections: 100,
            connectTimeout: Duration.seconds(2),
            http1MaxPendingRequests: 50,
            http2MaxRequests: 200,
            maxRequestsPerConnection: 10,
            maxRetries: 3,
            idleTimeout: Duration.minutes(5),
          },
          outlierDetection: {
            consecutive5xxErrors: 5,
            consecutiveGatewayErrors: 3,
            interval: Duration.seconds(10),
            baseEjectionTime: Duration.seconds(30),
            maxEjectionPercent: 50,
            minHealthPercent: 10,
          },
          loadBalancer: LoadBalancerAlgorithm.LEAST_REQUEST,
        },
        service: { name: 'web', namespace: 'shop' },
        subset: { name: 'v1', labels: { version: 'v1' } },
      }),
      build: (chart, p) => {
        const rule = new DestinationRule(chart, 'Policy', { ...p.rule, service: ServiceReference.fromServiceName(p.service.name, { namespace: p.service.namespace }) });
        rule.addSubset(p.subset.name, p.subset.labels);
      },
    }));
  });

  test('a TestRun fails with a library error or emits a valid TestRun', () => {
    expectNoFuzzFailures(fuzz<TestRunFuzzProps>({
      name: 'TestRun',
      seed: 19_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        run: {
          metadata: { name: 'checkout-load', namespace: 'load', labels: { team: 'shop' } },
          parallelism: 4,
          args: ['--tag', 'run=ci'],
          separate: true,
          quiet: true,
          cleanup: true,
        },
        script: { configMap: 'k6-scripts', file: 'checkout.js' },
        naming: { hashed: true, runId: 'ci-42' },
        runner: {
          image: 'grafana/k6:2.3.0',
          resources: {
            cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) },
            memory: { request: Size.mebibytes(512), limit: Size.gibibytes(2) },
            ephemeralStorage: { request: Size.gibibytes(1) },
          },
          nodeSelector: { 'karpenter.sh/nodepool': 'load-test' },
          tolerations: [{ key: 'dedicated', value: 'load-test', effect: kplus.TaintEffect.NO_SCHEDULE }],
          labels: { purpose: 'load-test' },
          annotations: { 'example.com/run': 'ci' },
          env: { TARGET_URL: 'http://checkout.shop.svc:8080' },
          serviceAccountName: 'k6-runner',
          doNotDisrupt: true,
          runAsUser: 12345,
        },
      }),
      build: (chart, p) => {
        new TestRun(chart, 'Load', {
          ...p.run,
          script: K6Script.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'Scripts', p.script.configMap), p.script.file),
          naming: p.naming.hashed ? TestRunNaming.contentHash(p.naming.runId) : TestRunNaming.stableName(),
          runner: p.runner,
        });
      },
    }));
  });

  test('a TargetGroupBinding fails with a library error or emits a valid TargetGroupBinding', () => {
    expectNoFuzzFailures(fuzz<TargetGroupBindingFuzzProps>({
      name: 'TargetGroupBinding',
      seed: 20_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        binding: {
          metadata: { name: 'istio-ingress', namespace: 'istio-system', labels: { team: 'edge' } },
          port: 80,
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/webinar/73e2d6bc24d8a067',
          targetType: TargetGroupTargetType.INSTANCE,
          nodeSelector: { 'karpenter.sh/nodepool': 'edge' },
          vpcId: 'vpc-0123456789abcdef0',
        },
        service: { name: 'istio-ingressgateway', namespace: 'istio-system' },
        ingress: { securityGroup: 'sg-0123456789abcdef0', cidr: '10.0.0.0/16', port: 30080, udp: false },
      }),
      build: (chart, p) => {
        const binding = new TargetGroupBinding(chart, 'Binding', {
          ...p.binding,
          service: ServiceReference.fromServiceName(p.service.name, { namespace: p.service.namespace }),
        });
        binding.allowFromSecurityGroup(p.ingress.securityGroup, { port: p.ingress.port, udp: p.ingress.udp });
        binding.allowFromCidr(p.ingress.cidr, { port: p.ingress.port });
      },
    }));
  });

  test('a GrafanaDashboard fails with a library error or emits a valid dashboard ConfigMap', () => {
    expectNoFuzzFailures(fuzz<DashboardFuzzProps>({
      name: 'GrafanaDashboard',
      seed: 21_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        dashboard: {
          metadata: { name: 'autoscaling', namespace: 'monitoring', labels: { team: 'platform' }, annotations: { 'example.com/folder': 'Scaling' } },
          title: 'Autoscaling',
          uid: 'autoscaling',
          refresh: Duration.seconds(30),
          timeRange: Duration.hours(1),
          tags: ['keda', 'karpenter'],
          sidecarLabel: 'grafana_dashboard',
          sidecarLabelValue: '1',
        },
        row: 'Pods',
        panel: {
          title: 'Replicas',
          queries: [{ expr: 'sum(kube_deployment_status_replicas{deployment="orders"})', legend: 'replicas' }],
          unit: 'short',
          stacked: true,
          width: 12,
          height: 8,
        },
      }),
      build: (chart, p) => {
        new GrafanaDashboard(chart, 'Dashboard', { ...p.dashboard, panels: [DashboardPanel.row(p.row), DashboardPanel.timeSeries(p.panel)] });
      },
    }));
  });
});
