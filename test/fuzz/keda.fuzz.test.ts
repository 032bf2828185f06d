// Seeded fuzzing of the KEDA constructs: ScaledObject, TriggerAuthentication and ClusterTriggerAuthentication
// (harness: test/support/fuzz.ts). Each run mutates one to three values of valid props; the construct must fail with a
// library error naming its path, or emit valid output.
// Replay one run with FUZZ_SEED=<seed> FUZZ_RUN=<run> npx jest test/fuzz/keda.fuzz.test.ts --coverage=false.
//
// The props are plain data: objects the library makes through factories (triggers, pod identities, references) are
// made in `build` from them, so a mutated value reaches the construct the way a caller would pass it. Enum-like values
// (MetricTargetType.VALUE) stay in the props: the harness swaps and forges them.
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { WorkloadReference, WorkloadReferenceProps } from '../../src/common/references';
import {
  AwsPodIdentityOptions, AwsSqsQueueTriggerOptions, AzureWorkloadIdentityOptions, ClusterTriggerAuthentication, CpuTriggerOptions, FallbackBehavior,
  HpaScalingPolicy, HpaSelectPolicy, KedaVersion, MemoryTriggerOptions, MetricTargetType, PodIdentity, PrometheusTriggerOptions, ScaledObject,
  ScaledObjectDisruptionBudget, ScaledObjectProps, ScalerTrigger, ScalingPause, TriggerAuthentication,
} from '../../src/keda';
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


describe('fuzzing the KEDA constructs', () => {
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
});
