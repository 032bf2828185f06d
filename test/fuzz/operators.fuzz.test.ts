// Seeded fuzzing of the operator constructs: KEDA, prometheus-operator, Grafana, Istio, k6-operator and the AWS Load
// Balancer Controller (harness: test/support/fuzz.ts). Each run mutates one to three values of valid props; the
// construct must fail with a library error naming its path, or emit valid output.
// Replay one run with FUZZ_SEED=<seed> FUZZ_RUN=<run> npx jest test/fuzz/operators.fuzz.test.ts --coverage=false.
//
// The props are plain data: objects the library makes through factories (triggers, pod identities, references, routes,
// panels) are made in `build` from them, so a mutated value reaches the construct the way a caller would pass it.
// Enum-like values (MetricTargetType.VALUE, GatewayProtocol.HTTPS) stay in the props: the harness swaps and forges them.
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
  AwsPodIdentityOptions, AwsSqsQueueTriggerOptions, AzureWorkloadIdentityOptions, ClusterTriggerAuthentication, CpuTriggerOptions, FallbackBehavior,
  HpaScalingPolicy, HpaSelectPolicy, KedaVersion, MemoryTriggerOptions, MetricTargetType, PodIdentity, PrometheusTriggerOptions, ScaledObject,
  ScaledObjectDisruptionBudget, ScaledObjectProps, ScalerTrigger, ScalingPause, TriggerAuthentication,
} from '../../src/keda';
import {
  MonitorNamespaceSelector, PodMonitor, PrometheusSelector, RelabelRule, RelabelRuleOptions, ScrapeAuthorization, ScrapeCertificate, ScrapeScheme,
  ServiceMonitor,
} from '../../src/prometheus';
import { expectNoFuzzFailures, fuzz } from '../support/fuzz';

const RUNS = 40;
/** The constructs refuse every value the final validation pass would: an error of that pass is a gap. */
const VERDICT = { finalPassIsFailure: true };

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/707257249187/orders';
const ROLE_ARN = 'arn:aws:iam::707257249187:role/keda-orders';

/** A ScaledObject with one trigger of each kind the library types, and every option set. */
interface ScaledObjectFuzzProps {
  readonly so: Omit<ScaledObjectProps, 'target' | 'triggers' | 'pause'>;
  readonly target: WorkloadReferenceProps;
  readonly pausedReplicas: number;
  readonly scaleUpPolicy: { readonly percent: boolean; readonly value: number; readonly period: Duration };
  readonly roleArn: string;
  readonly prometheus: Omit<PrometheusTriggerOptions, 'authentication'>;
  readonly sqs: Omit<AwsSqsQueueTriggerOptions, 'authentication'>;
  readonly cpu: CpuTriggerOptions;
  readonly memory: MemoryTriggerOptions;
}

/** A TriggerAuthentication with a pod identity and every kind of reference, by name. */
interface TriggerAuthFuzzProps {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: { [key: string]: string } };
  readonly podIdentity: AwsPodIdentityOptions;
  readonly secret: { readonly parameter: string; readonly name: string; readonly key: string };
  readonly configMap: { readonly parameter: string; readonly name: string; readonly key: string };
  readonly env: { readonly parameter: string; readonly envVarName: string; readonly containerName: string };
  readonly token: { readonly parameter: string; readonly serviceAccountName: string };
  readonly oauth2: {
    readonly clientId: string;
    readonly secretName: string;
    readonly secretKey: string;
    readonly tokenUrl: string;
    readonly scopes: string[];
    readonly tokenUrlParams: { [key: string]: string };
  };
}

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
  test('a ScaledObject with prometheus, aws-sqs-queue, cpu and memory triggers fails with a library error or emits a valid ScaledObject', () => {
    expectNoFuzzFailures(fuzz<ScaledObjectFuzzProps>({
      name: 'ScaledObject',
      seed: 11_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        so: {
          metadata: { name: 'orders', namespace: 'shop', labels: { team: 'shop' }, annotations: { 'example.com/owner': 'shop' } },
          minReplicas: 1,
          maxReplicas: 20,
          pollingInterval: Duration.seconds(15),
          cooldownPeriod: Duration.minutes(5),
          initialCooldownPeriod: Duration.seconds(30),
          hpaName: 'orders-hpa',
          restoreToOriginalReplicaCount: true,
          envSourceContainerName: 'orders',
          fallback: { replicas: 4, failureThreshold: 3, behavior: FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER },
          scalingModifiers: { formula: 'rps + queue / 2', target: 10, activationTarget: 1, metricType: MetricTargetType.AVERAGE_VALUE },
          behavior: {
            scaleUp: { stabilizationWindow: Duration.seconds(0), selectPolicy: HpaSelectPolicy.MAX },
            scaleDown: { stabilizationWindow: Duration.minutes(5), selectPolicy: HpaSelectPolicy.MIN, tolerance: 0.05 },
          },
          kedaVersion: KedaVersion.V2_20,
        },
        target: { name: 'orders', kind: 'Deployment', apiVersion: 'apps/v1' },
        pausedReplicas: 2,
        scaleUpPolicy: { percent: true, value: 100, period: Duration.seconds(15) },
        roleArn: ROLE_ARN,
        prometheus: {
          name: 'rps',
          serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
          query: 'sum(rate(http_requests_total{service="orders"}[2m]))',
          threshold: 50,
          activationThreshold: 1,
          namespace: 'shop',
          customHeaders: { 'X-Scope-OrgID': 'shop' },
          queryParameters: { dedup: 'true' },
          ignoreNullValues: false,
          timeout: Duration.seconds(3),
          metricType: MetricTargetType.AVERAGE_VALUE,
        },
        sqs: {
          name: 'queue',
          queueUrl: QUEUE_URL,
          queueLength: 5,
          activationQueueLength: 1,
          scaleOnInFlight: true,
          scaleOnDelayed: false,
          metricType: MetricTargetType.AVERAGE_VALUE,
        },
        cpu: { name: 'cpu_load', utilizationPercent: 70, containerName: 'orders' },
        memory: { name: 'memory_load', averageValue: Size.mebibytes(512) },
      }),
      build: (chart, p) => {
        const aws = new TriggerAuthentication(chart, 'Aws', {
          metadata: { name: 'orders-aws', namespace: 'shop' }, podIdentity: PodIdentity.aws({ roleArn: p.roleArn }),
        });
        const policy = p.scaleUpPolicy.percent ? HpaScalingPolicy.percent : HpaScalingPolicy.pods;
        new ScaledObject(chart, 'Orders', {
          ...p.so,
          behavior: { ...p.so.behavior, scaleUp: { ...p.so.behavior?.scaleUp, policies: [policy(p.scaleUpPolicy.value, p.scaleUpPolicy.period)] } },
          target: WorkloadReference.fromName(p.target),
          pause: ScalingPause.atReplicas(p.pausedReplicas),
          triggers: [
            ScalerTrigger.prometheus(p.prometheus),
            ScalerTrigger.awsSqsQueue({ ...p.sqs, authentication: aws }),
            ScalerTrigger.cpu(p.cpu),
            ScalerTrigger.memory(p.memory),
          ],
        });
      },
    }));
  });

  test('a ScaledObject on a Deployment of the app, with cpu and memory triggers and a PodDisruptionBudget, fails with a library error or emits valid manifests', () => {
    expectNoFuzzFailures(fuzz<{
      deployment: { name: string; cpu: kplus.Cpu; memory: Size };
      so: Pick<ScaledObjectProps, 'metadata' | 'minReplicas' | 'maxReplicas' | 'envSourceContainerName'>;
      pdbPercent: number;
      cpu: CpuTriggerOptions;
      memory: MemoryTriggerOptions;
    }>({
      name: 'ScaledObject on a Deployment',
      seed: 11_500,
      runs: RUNS,
      verdict: VERDICT,
      // the Deployment is cdk8s-plus's: its own props are not the library's to check
      mutation: { skip: path => path.startsWith('props.deployment') },
      baseProps: () => ({
        deployment: { name: 'web', cpu: kplus.Cpu.millis(250), memory: Size.mebibytes(256) },
        so: { metadata: { name: 'web' }, minReplicas: 2, maxReplicas: 10, envSourceContainerName: 'web' },
        pdbPercent: 25,
        cpu: { name: 'cpu', averageValue: kplus.Cpu.millis(200), containerName: 'web' },
        memory: { name: 'memory', utilizationPercent: 80 },
      }),
      build: (chart, p) => {
        const web = new kplus.Deployment(chart, 'Web', {
          metadata: { name: p.deployment.name },
          containers: [{ name: p.deployment.name, image: 'example/web:1.0', portNumber: 8080, resources: { cpu: { request: p.deployment.cpu }, memory: { request: p.deployment.memory } } }],
        });
        new ScaledObject(chart, 'Scaler', {
          ...p.so,
          target: WorkloadReference.fromWorkload(web),
          podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailablePercent(p.pdbPercent),
          triggers: [ScalerTrigger.cpu(p.cpu), ScalerTrigger.memory(p.memory)],
        });
      },
    }));
  });

  test('a TriggerAuthentication fails with a library error or emits a valid TriggerAuthentication', () => {
    expectNoFuzzFailures(fuzz<TriggerAuthFuzzProps>({
      name: 'TriggerAuthentication',
      seed: 12_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        metadata: { name: 'orders-auth', namespace: 'shop', labels: { team: 'shop' } },
        podIdentity: { roleArn: ROLE_ARN, externalId: 'shop-prod' },
        secret: { parameter: 'bearerToken', name: 'prometheus-token', key: 'token' },
        configMap: { parameter: 'ca', name: 'prometheus-ca', key: 'ca.crt' },
        env: { parameter: 'host', envVarName: 'RABBIT_HOST', containerName: 'orders' },
        token: { parameter: 'serviceAccountToken', serviceAccountName: 'keda-reader' },
        oauth2: {
          clientId: 'keda',
          secretName: 'oauth-client',
          secretKey: 'secret',
          tokenUrl: 'https://login.example.com/oauth2/token',
          scopes: ['metrics.read', 'openid'],
          tokenUrlParams: { audience: 'prometheus' },
        },
      }),
      build: (chart, p) => {
        new TriggerAuthentication(chart, 'Auth', {
          metadata: p.metadata,
          podIdentity: PodIdentity.aws(p.podIdentity),
          secretTargets: [{ parameter: p.secret.parameter, secret: kplus.Secret.fromSecretName(chart, 'Secret', p.secret.name), key: p.secret.key }],
          configMapTargets: [{ parameter: p.configMap.parameter, configMap: kplus.ConfigMap.fromConfigMapName(chart, 'Ca', p.configMap.name), key: p.configMap.key }],
          envTargets: [p.env],
          boundServiceAccountTokens: [{ parameter: p.token.parameter, serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'Sa', p.token.serviceAccountName) }],
          oauth2: {
            clientId: p.oauth2.clientId,
            clientSecret: { secret: kplus.Secret.fromSecretName(chart, 'Client', p.oauth2.secretName), key: p.oauth2.secretKey },
            tokenUrl: p.oauth2.tokenUrl,
            scopes: p.oauth2.scopes,
            tokenUrlParams: p.oauth2.tokenUrlParams,
          },
        });
      },
    }));
  });

  test('a ClusterTriggerAuthentication fails with a library error or emits a valid ClusterTriggerAuthentication', () => {
    expectNoFuzzFailures(fuzz<{
      name: string; labels: { [key: string]: string }; azure: AzureWorkloadIdentityOptions; secret: { parameter: string; name: string; key: string };
    }>({
      name: 'ClusterTriggerAuthentication',
      seed: 13_000,
      runs: RUNS,
      verdict: VERDICT,
      baseProps: () => ({
        name: 'shared-azure',
        labels: { team: 'platform' },
        azure: { identityId: '00000000-0000-0000-0000-000000000001', identityTenantId: '00000000-0000-0000-0000-000000000002', identityAuthorityHost: 'https://login.microsoftonline.com/' },
        secret: { parameter: 'connection', name: 'servicebus', key: 'connection-string' },
      }),
      build: (chart, p) => {
        new ClusterTriggerAuthentication(chart, 'Shared', {
          metadata: { name: p.name, labels: p.labels },
          podIdentity: PodIdentity.azureWorkload(p.azure),
          secretTargets: [{ parameter: p.secret.parameter, secret: kplus.Secret.fromSecretName(chart, 'Secret', p.secret.name), key: p.secret.key }],
        });
      },
    }));
  });

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
