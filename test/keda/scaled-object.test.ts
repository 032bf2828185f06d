import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { deployment, docOf, expectMessage, newChart, synthApp, synthFailure, thrownBy } from './support';
import { WorkloadReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import {
  FallbackBehavior, HpaScalingPolicy, HpaSelectPolicy, KedaVersion, MetricTargetType, ScaledObject, ScaledObjectDisruptionBudget,
  ScaledObjectProps, ScalerTrigger, ScalingPause,
} from '../../src/keda';
import { expectValidManifests } from '../support/manifest-validator';

const PROM = { serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: 'sum(rate(http_requests_total[1m]))', threshold: 10 };
const REQUESTS = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(128) } };

/** A ScaledObject `so` on a Deployment `web` in namespace `shop`, with a prometheus trigger unless props say otherwise. */
function build(props: Partial<ScaledObjectProps> = {}) {
  const { app, chart } = newChart('shop');
  const web = deployment(chart, 'web', REQUESTS);
  const so = new ScaledObject(chart, 'so', {
    metadata: { name: 'web' },
    target: WorkloadReference.fromWorkload(web),
    triggers: [ScalerTrigger.prometheus(PROM)],
    ...props,
  });
  return { app, chart, web, so };
}

function specOf(props: Partial<ScaledObjectProps> = {}): any {
  const { app } = build(props);
  const docs = synthApp(app);
  expectValidManifests(docs);
  return docOf(docs, 'ScaledObject').spec;
}

describe('ScaledObject rendering', () => {
  test('matches the snapshot with every option set', () => {
    const { app } = build({
      minReplicas: 2,
      maxReplicas: 20,
      idleReplicas: 0,
      pollingInterval: Duration.seconds(15),
      cooldownPeriod: Duration.minutes(2),
      initialCooldownPeriod: Duration.minutes(1),
      behavior: {
        scaleUp: {
          stabilizationWindow: Duration.seconds(0),
          policies: [HpaScalingPolicy.percent(100, Duration.seconds(15)), HpaScalingPolicy.pods(4, Duration.seconds(15))],
          selectPolicy: HpaSelectPolicy.MAX,
        },
        scaleDown: { stabilizationWindow: Duration.minutes(5), policies: [HpaScalingPolicy.percent(50, Duration.minutes(1))], tolerance: 0.05 },
      },
      hpaName: 'web-hpa',
      restoreToOriginalReplicaCount: true,
      fallback: { replicas: 4 },
      envSourceContainerName: 'web',
      triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' })],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docs).toMatchSnapshot();
  });

  test('writes only the name of a Deployment target and leaves replicas to KEDA', () => {
    const { app } = build();
    const docs = synthApp(app);
    expect(docOf(docs, 'ScaledObject').spec.scaleTargetRef).toEqual({ name: 'web' });
    expect(docOf(docs, 'Deployment').spec.replicas).toBeUndefined();
  });

  test('writes apiVersion and kind for a StatefulSet target', () => {
    const { app, chart } = newChart('shop');
    const db = new kplus.StatefulSet(chart, 'db', {
      metadata: { name: 'db' },
      service: new kplus.Service(chart, 'db-svc', { ports: [{ port: 5432 }] }),
      containers: [{ image: 'postgres:16.1', portNumber: 5432 }],
    });
    new ScaledObject(chart, 'so', { target: WorkloadReference.fromWorkload(db), triggers: [ScalerTrigger.prometheus(PROM)] });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'ScaledObject').spec.scaleTargetRef).toEqual({ name: 'db', apiVersion: 'apps/v1', kind: 'StatefulSet' });
    expect(docOf(docs, 'StatefulSet').spec.replicas).toBeUndefined();
  });

  test('references a custom scalable resource by kind and API version', () => {
    const { app, chart } = newChart('shop');
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromName({ name: 'web', kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1' }),
      triggers: [ScalerTrigger.prometheus(PROM)],
    });
    const docs = synthApp(app);
    expect(docOf(docs, 'ScaledObject').spec.scaleTargetRef).toEqual({ name: 'web', kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1' });
    expect(docs.map(d => d.kind)).toEqual(['ScaledObject']);
  });

  test('defaults its namespace to the workload\'s', () => {
    const { app, chart } = newChart();
    const web = deployment(chart, 'web', REQUESTS, { metadata: { name: 'web', namespace: 'shop' } });
    new ScaledObject(chart, 'so', { target: WorkloadReference.fromWorkload(web), triggers: [ScalerTrigger.prometheus(PROM)] });
    expect(docOf(synthApp(app), 'ScaledObject').metadata.namespace).toBe('shop');
  });

  test('writes replica counts and timers in whole seconds', () => {
    const spec = specOf({
      minReplicas: 1,
      maxReplicas: 5,
      pollingInterval: Duration.seconds(10),
      cooldownPeriod: Duration.minutes(1),
      initialCooldownPeriod: Duration.minutes(2),
    });
    expect(spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 5, pollingInterval: 10, cooldownPeriod: 60, initialCooldownPeriod: 120 });
  });

  test('leaves KEDA defaults unwritten', () => {
    const spec = specOf();
    expect(Object.keys(spec).sort()).toEqual(['scaleTargetRef', 'triggers']);
  });

  test('writes idleReplicaCount 0 above a minimum of 1', () => {
    expect(specOf({ idleReplicas: 0, minReplicas: 1 })).toMatchObject({ idleReplicaCount: 0, minReplicaCount: 1 });
  });

  test('writes HPA behavior with policies, select policy and tolerance', () => {
    const spec = specOf({
      behavior: {
        scaleUp: { policies: [HpaScalingPolicy.pods(3, Duration.seconds(30))], selectPolicy: HpaSelectPolicy.MIN },
        scaleDown: { selectPolicy: HpaSelectPolicy.DISABLED, tolerance: 0.1 },
      },
    });
    expect(spec.advanced.horizontalPodAutoscalerConfig.behavior).toEqual({
      scaleUp: { policies: [{ type: 'Pods', value: 3, periodSeconds: 30 }], selectPolicy: 'Min' },
      scaleDown: { selectPolicy: 'Disabled', tolerance: '0.1' },
    });
  });

  test('writes hpaName and restoreToOriginalReplicaCount under advanced', () => {
    expect(specOf({ hpaName: 'web-hpa', restoreToOriginalReplicaCount: false }).advanced).toEqual({
      horizontalPodAutoscalerConfig: { name: 'web-hpa' },
      restoreToOriginalReplicaCount: false,
    });
  });

  test('exposes the HPA name KEDA derives', () => {
    expect(build().so.hpaName).toBe('keda-hpa-web');
    expect(build({ hpaName: 'custom' }).so.hpaName).toBe('custom');
  });

  test('writes scalingModifiers with the target as a string', () => {
    const spec = specOf({
      scalingModifiers: { formula: 'rps + queue / 2', target: 10, activationTarget: 1, metricType: MetricTargetType.AVERAGE_VALUE },
      triggers: [
        ScalerTrigger.prometheus({ ...PROM, name: 'rps' }),
        ScalerTrigger.prometheus({ ...PROM, name: 'queue', query: 'sum(queue_depth)' }),
      ],
    });
    expect(spec.advanced.scalingModifiers).toEqual({ formula: 'rps + queue / 2', target: '10', activationTarget: '1', metricType: 'AverageValue' });
  });

  test('pauses at the current replica count or at a fixed one through annotations', () => {
    const at = (pause: ScalingPause) => {
      const { app } = build({ pause });
      return docOf(synthApp(app), 'ScaledObject').metadata.annotations;
    };
    expect(at(ScalingPause.atCurrentReplicas())).toEqual({ 'autoscaling.keda.sh/paused': 'true' });
    expect(at(ScalingPause.atReplicas(0))).toEqual({ 'autoscaling.keda.sh/paused-replicas': '0' });
  });

  test('keeps user annotations next to control annotations', () => {
    const { app } = build({ metadata: { name: 'web', annotations: { team: 'shop' } }, pause: ScalingPause.atCurrentReplicas() });
    expect(docOf(synthApp(app), 'ScaledObject').metadata.annotations).toEqual({ 'team': 'shop', 'autoscaling.keda.sh/paused': 'true' });
  });

  test('writes envSourceContainerName into the target reference', () => {
    expect(specOf({ envSourceContainerName: 'web' }).scaleTargetRef).toEqual({ name: 'web', envSourceContainerName: 'web' });
  });

  test('is one ApiObject, told apart from the other ApiObjects by instanceof', () => {
    const { chart, so, web } = build();
    expect(ApiObject.of(so)).toBe(so);
    expect(so.node.tryFindChild('Resource')).toBeUndefined();
    expect(so instanceof ScaledObject).toBe(true);
    expect(ApiObject.of(web) instanceof ScaledObject).toBe(false);
    expect(so.podDisruptionBudget instanceof ScaledObject).toBe(false);
    expect(chart.node.findAll().filter(c => c instanceof ScaledObject)).toEqual([so]);
  });

  test('renders triggers added after construction', () => {
    const { app, so } = build();
    so.addTrigger(ScalerTrigger.cpu({ utilizationPercent: 70 }));
    expect(so.triggers.map(t => t.type)).toEqual(['prometheus', 'cpu']);
    expect(docOf(synthApp(app), 'ScaledObject').spec.triggers.map((t: any) => t.type)).toEqual(['prometheus', 'cpu']);
  });
});

describe('ScaledObject fallback', () => {
  test('defaults to three failures and currentReplicasIfHigher, and makes failures reach it', () => {
    const spec = specOf({ minReplicas: 2, fallback: { replicas: 6 } });
    expect(spec.fallback).toEqual({ failureThreshold: 3, replicas: 6, behavior: 'currentReplicasIfHigher' });
    expect(spec.triggers[0].metricType).toBe('AverageValue');
    expect(spec.triggers[0].metadata.ignoreNullValues).toBe('false');
  });

  test('keeps an explicit behavior, failure threshold and metric type', () => {
    const spec = specOf({
      fallback: { replicas: 6, failureThreshold: 5, behavior: FallbackBehavior.STATIC },
      triggers: [
        ScalerTrigger.prometheus({ ...PROM, metricType: MetricTargetType.VALUE }),
        ScalerTrigger.prometheus({ ...PROM, ignoreNullValues: false }),
      ],
    });
    expect(spec.fallback).toEqual({ failureThreshold: 5, replicas: 6, behavior: 'static' });
    expect(spec.triggers.map((t: any) => t.metricType)).toEqual(['Value', 'AverageValue']);
  });

  test('leaves behavior out before KEDA 2.17', () => {
    const spec = specOf({ fallback: { replicas: 3 }, kedaVersion: KedaVersion.V2_16 });
    expect(spec.fallback).toEqual({ failureThreshold: 3, replicas: 3 });
  });

  test('accepts the scalingModifiers behavior with a formula on KEDA 2.20', () => {
    const spec = specOf({
      fallback: { replicas: 3, behavior: FallbackBehavior.SCALING_MODIFIERS },
      scalingModifiers: { formula: 'rps ?? 8', target: 2 },
      triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' })],
    });
    expect(spec.fallback.behavior).toBe('scalingModifiers');
  });

  test('warns when the fallback replica count is outside min..max', () => {
    const { chart } = build({ minReplicas: 2, maxReplicas: 10, fallback: { replicas: 20 } });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('fallback.replicas: 20 is outside minReplicas..maxReplicas (2..10)')]);
  });

  test('warns when a Prometheus trigger keeps ignoreNullValues with a fallback', () => {
    const { chart } = build({ fallback: { replicas: 2 }, triggers: [ScalerTrigger.prometheus({ ...PROM, ignoreNullValues: true })] });
    expect(warningsOf(chart).join('\n')).toContain('triggers[0].ignoreNullValues: true turns a lost Prometheus target into 0');
  });

  test('fails with cpu and memory triggers only', () => {
    const { app } = build({ minReplicas: 1, fallback: { replicas: 2 }, triggers: [ScalerTrigger.cpu({ utilizationPercent: 50 })] });
    expectMessage(synthFailure(app), '[test/so]', 'fallback', '["cpu/Utilization"]', 'needs at least one trigger that is not cpu or memory');
  });

  test('fails when every external trigger uses Value', () => {
    const { app } = build({ fallback: { replicas: 2 }, triggers: [ScalerTrigger.prometheus({ ...PROM, metricType: MetricTargetType.VALUE })] });
    expectMessage(synthFailure(app), '[test/so]', 'fallback', '["prometheus/Value"]', 'needs at least one non-cpu/memory trigger with metricType AverageValue');
  });

  test('fails on KEDA 2.16 when any trigger is cpu or Value', () => {
    const { app } = build({
      minReplicas: 1,
      kedaVersion: KedaVersion.V2_16,
      fallback: { replicas: 2 },
      triggers: [ScalerTrigger.prometheus(PROM), ScalerTrigger.cpu({ utilizationPercent: 50 })],
    });
    expectMessage(synthFailure(app), '[test/so]', 'fallback', 'on KEDA 2.16.0 needs every trigger to be AverageValue and none cpu or memory');
  });

  test.each([
    [{ replicas: -1 }, 'fallback.replicas', '-1', 'must be an integer from 0'],
    [{ replicas: 2, failureThreshold: 1.5 }, 'fallback.failureThreshold', '1.5', 'must be an integer from 0'],
  ])('throws on fallback %j', (fallback, field, value, allowed) => {
    expectMessage(thrownBy(() => build({ fallback })), '[test/so]', field, `got ${value}`, allowed);
  });

  test('throws on a behavior before KEDA 2.17', () => {
    const fallback = { replicas: 2, behavior: FallbackBehavior.CURRENT_REPLICAS };
    expectMessage(thrownBy(() => build({ kedaVersion: KedaVersion.of(2, 16), fallback })),
      '[test/so]', 'fallback.behavior', '"currentReplicas"', 'needs KEDA 2.17 or later (target: 2.16.0)');
  });

  test('throws on the scalingModifiers behavior before KEDA 2.20', () => {
    expectMessage(thrownBy(() => build({
      kedaVersion: KedaVersion.V2_19,
      fallback: { replicas: 2, behavior: FallbackBehavior.SCALING_MODIFIERS },
      scalingModifiers: { formula: 'rps', target: 1 },
    })), '[test/so]', 'fallback.behavior', '"scalingModifiers"', 'needs KEDA 2.20 or later');
  });

  test('throws on the scalingModifiers behavior without scalingModifiers', () => {
    expectMessage(thrownBy(() => build({ fallback: { replicas: 2, behavior: FallbackBehavior.SCALING_MODIFIERS } })),
      '[test/so]', 'fallback.behavior', '"scalingModifiers"', 'needs scalingModifiers with a formula (SO-18)');
  });
});

describe('ScaledObject PodDisruptionBudget', () => {
  test('creates maxUnavailable 1 with AlwaysAllow for the workload\'s pods by default', () => {
    const { app } = build();
    const docs = synthApp(app);
    expectValidManifests(docs);
    const pdb = docOf(docs, 'PodDisruptionBudget');
    expect(pdb.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: { matchLabels: docOf(docs, 'Deployment').spec.selector.matchLabels },
    });
  });

  test('takes a percentage', () => {
    const { app } = build({ podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailablePercent(25) });
    expect(docOf(synthApp(app), 'PodDisruptionBudget').spec.maxUnavailable).toBe('25%');
  });

  test('is left out with none(), for a single replica, and for references', () => {
    const kinds = (props: Partial<ScaledObjectProps>) => synthApp(build(props).app).map(d => d.kind);
    expect(kinds({ podDisruptionBudget: ScaledObjectDisruptionBudget.none() })).not.toContain('PodDisruptionBudget');
    expect(kinds({ maxReplicas: 1, minReplicas: 1 })).not.toContain('PodDisruptionBudget');
    expect(kinds({ target: WorkloadReference.fromName({ name: 'web' }) })).not.toContain('PodDisruptionBudget');
  });

  test('is rendered once per synth and checks its own document, JSON patches applied', () => {
    const { app, so } = build();
    const pdb = so.node.findChild('PodDisruptionBudget') as ApiObject;
    const render = jest.spyOn(pdb, 'toJson');
    synthApp(app);
    expect(render).toHaveBeenCalledTimes(1);
    pdb.addJsonPatch(JsonPatch.add('/spec/unhealthyPodEvictionPolicy', 'Sometimes'));
    expect(synthFailure(app)).toMatch(/\[test\/so\/PodDisruptionBudget\] spec\.unhealthyPodEvictionPolicy: got "Sometimes"; .*\(GEN-60\)/);
  });

  test('throws on maxUnavailable 0, which blocks every drain', () => {
    expectMessage(thrownBy(() => build({ podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailable(0) })),
      '[test/so]', 'podDisruptionBudget.maxUnavailable', 'got 0', 'must be an integer from 1 to 2147483647');
  });

  test('throws on a percentage above 100', () => {
    expectMessage(thrownBy(() => build({ podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailablePercent(101) })),
      '[test/so]', 'podDisruptionBudget.maxUnavailablePercent', 'got 101', 'must be an integer from 1 to 100');
  });

  test('throws when asked for one on a reference target', () => {
    expectMessage(thrownBy(() => build({ target: WorkloadReference.fromName({ name: 'web' }), podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailable(1) })),
      '[test/so]', 'podDisruptionBudget', '"Deployment/web (apps/v1)"', 'needs a workload construct');
  });
});

describe('ScaledObject bad input', () => {
  test.each<[string, Partial<ScaledObjectProps>, string, string, string]>([
    ['min above max', { minReplicas: 10, maxReplicas: 5 }, 'minReplicas', 'got 10', 'must be less than or equal to maxReplicas (5) (SO-05)'],
    ['min above the default max', { minReplicas: 150 }, 'minReplicas', 'got 150', 'KEDA\'s default maxReplicas (100)'],
    ['a negative min', { minReplicas: -1 }, 'minReplicas', 'got -1', 'must be an integer from 0'],
    ['max 0', { maxReplicas: 0 }, 'maxReplicas', 'got 0', 'must be an integer from 1'],
    ['a fractional max', { maxReplicas: 2.5 }, 'maxReplicas', 'got 2.5', 'must be an integer from 1'],
    ['idle 1', { minReplicas: 2, idleReplicas: 1 }, 'idleReplicas', 'got 1', 'must be 0'],
    ['idle without a minimum', { idleReplicas: 0 }, 'minReplicas', 'got undefined', 'must be at least 1 when idleReplicas is set'],
    ['a zero polling interval', { pollingInterval: Duration.seconds(0) }, 'pollingInterval (seconds)', 'got 0', 'must be an integer from 1'],
    ['a sub-second cooldown', { cooldownPeriod: Duration.millis(1500) }, 'cooldownPeriod', 'got "1 second 500 millis"', 'whole number of seconds'],
    ['a two-hour stabilization window', { behavior: { scaleDown: { stabilizationWindow: Duration.hours(2) } } },
      'behavior.scaleDown.stabilizationWindow (seconds)', 'got 7200', 'must be an integer from 0 to 3600'],
    ['a 31-minute policy period', { behavior: { scaleUp: { policies: [HpaScalingPolicy.pods(1, Duration.minutes(31))] } } },
      'behavior.scaleUp.policies[0].period (seconds)', 'got 1860', 'must be an integer from 1 to 1800'],
    ['a zero-second policy period', { behavior: { scaleUp: { policies: [HpaScalingPolicy.pods(1, Duration.seconds(0))] } } },
      'behavior.scaleUp.policies[0].period (seconds)', 'got 0', 'must be an integer from 1 to 1800'],
    ['a zero policy value', { behavior: { scaleDown: { policies: [HpaScalingPolicy.percent(0, Duration.seconds(15))] } } },
      'behavior.scaleDown.policies[0].value', 'got 0', 'must be an integer from 1'],
    ['an empty policy list', { behavior: { scaleDown: { policies: [] } } }, 'behavior.scaleDown.policies', 'got []', 'must hold at least one policy'],
    ['a negative tolerance', { behavior: { scaleUp: { tolerance: -0.1 } } }, 'behavior.scaleUp.tolerance', 'got -0.1', 'must be a number >= 0'],
    ['transfer without an HPA name', { transferHpaOwnership: true }, 'hpaName', 'got undefined', 'is required with transferHpaOwnership'],
    ['an HPA name that is not a DNS name', { hpaName: 'Web_HPA' }, 'hpaName', 'got "Web_HPA"', 'must be a DNS-1123 subdomain'],
    ['a name over 63 characters', { metadata: { name: 'w'.repeat(64) } }, 'metadata.name', `got "${'w'.repeat(64)}"`, 'must be at most 63 characters'],
    ['a name whose HPA name is over 63 characters', { metadata: { name: 'w'.repeat(55) } }, 'metadata.name', `got "${'w'.repeat(55)}"`, 'must be at most 54 characters, because KEDA names its HPA "keda-hpa-<name>"'],
    ['an empty formula', { scalingModifiers: { formula: ' ', target: 1 } }, 'scalingModifiers.formula', 'got " "', 'must be an expression over trigger names'],
    ['a zero modifier target', { scalingModifiers: { formula: 'a', target: 0 } }, 'scalingModifiers.target', 'got 0', 'must be a number > 0'],
    ['a Utilization modifier', { scalingModifiers: { formula: 'a', target: 1, metricType: MetricTargetType.UTILIZATION } },
      'scalingModifiers.metricType', 'got "Utilization"', 'must be AverageValue or Value'],
    ['negative paused replicas', { pause: ScalingPause.atReplicas(-1) }, 'pause.replicas', 'got -1', 'must be an integer from 0'],
    ['an invalid container name', { envSourceContainerName: 'Web' }, 'envSourceContainerName', 'got "Web"', 'must be a DNS-1123 label'],
    ['KEDA 3', { kedaVersion: KedaVersion.of(3, 0) }, 'kedaVersion.major', 'got 3', 'must be an integer from 2 to 2'],
    ['an empty target name', { target: WorkloadReference.fromName({ name: '' }) }, 'target.name', 'got ""', 'must be a DNS-1123 subdomain'],
    ['a lower-case target kind', { target: WorkloadReference.fromName({ name: 'web', kind: 'deployment' }) }, 'target.kind', 'got "deployment"', 'must be a Kubernetes kind'],
    ['a target API version without version', { target: WorkloadReference.fromName({ name: 'web', apiVersion: 'apps' }) }, 'target.apiVersion', 'got "apps"', 'must be an API version'],
    ['a name with capitals', { metadata: { name: 'Web' } }, 'metadata.name', 'got "Web"', 'must be a DNS-1123 subdomain'],
    ['duplicate trigger names', { triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' }), ScalerTrigger.prometheus({ ...PROM, name: 'rps' })] },
      'triggers[1].name', 'got "rps"', 'entries must be unique'],
    ['maxReplicas beyond int32', { maxReplicas: 2 ** 31 }, 'maxReplicas', 'got 2147483648', 'must be an integer from 1 to 2147483647'],
    ['a NaN min', { minReplicas: NaN }, 'minReplicas', 'got NaN', 'must be an integer from 0'],
    ['a fractional-millisecond polling interval', { pollingInterval: Duration.millis(1.5) }, 'pollingInterval', 'got "1.5 millis"', 'whole number of seconds (GEN-10)'],
    ['a NaN cooldown', { cooldownPeriod: Duration.seconds(NaN) }, 'cooldownPeriod', 'got "NaN ms"', 'whole number of seconds (GEN-10)'],
    ['an infinite initial cooldown', { initialCooldownPeriod: Duration.seconds(Infinity) }, 'initialCooldownPeriod', 'got "Infinity ms"', 'whole number of seconds'],
    ['a polling interval beyond int32 seconds', { pollingInterval: Duration.seconds(2 ** 31) }, 'pollingInterval (seconds)', 'got 2147483648', 'from 1 to 2147483647 (SO-27)'],
    ['paused replicas beyond int32', { pause: ScalingPause.atReplicas(2 ** 31) }, 'pause.replicas', 'got 2147483648', 'from 0 to 2147483647'],
    ['fallback replicas beyond int32', { fallback: { replicas: 2 ** 31 } }, 'fallback.replicas', 'got 2147483648', 'from 0 to 2147483647'],
    ['a fractional KEDA minor version', { kedaVersion: KedaVersion.of(2, 16.5) }, 'kedaVersion.minor', 'got 16.5', 'must be an integer'],
    ['a forged KEDA version', { kedaVersion: { major: 2, minor: 20, patch: 0 } as any }, 'kedaVersion', 'got {"major":2,"minor":20,"patch":0}', 'must be made by KedaVersion: KedaVersion.of(...), KedaVersion.V2_16'],
    ['a forged pause', { pause: { replicas: 1 } as any }, 'pause', 'got {"replicas":1}', 'must be made by ScalingPause: ScalingPause.atCurrentReplicas(...)'],
    ['a forged fallback behavior', { fallback: { replicas: 1, behavior: { value: 'static' } as any } }, 'fallback.behavior', 'got {"value":"static"}', 'must be made by FallbackBehavior'],
    ['a forged disruption budget', { podDisruptionBudget: { pods: 1 } as any }, 'podDisruptionBudget', 'got {"pods":1}', 'must be made by ScaledObjectDisruptionBudget'],
    ['a forged scaling policy', { behavior: { scaleUp: { policies: [{ policyType: 'Pods', value: 1 } as any] } } }, 'behavior.scaleUp.policies[0]',
      'got {"policyType":"Pods","value":1}', 'must be made by HpaScalingPolicy: HpaScalingPolicy.percent(...), HpaScalingPolicy.pods(...)'],
    ['a forged select policy', { behavior: { scaleDown: { selectPolicy: { value: 'Max' } as any } } }, 'behavior.scaleDown.selectPolicy', 'got {"value":"Max"}', 'must be made by HpaSelectPolicy'],
    ['a forged modifier metric type', { scalingModifiers: { formula: 'a', target: 1, metricType: { value: 'Value' } as any } }, 'scalingModifiers.metricType',
      'got {"value":"Value"}', 'must be made by MetricTargetType'],
    ['a forged target', { target: { name: 'web', kind: 'Deployment', apiVersion: 'apps/v1' } as any }, 'target', 'got {"name":"web"', 'must be made by WorkloadReference'],
    ['a target name with a placeholder that is not a token', { target: WorkloadReference.fromName({ name: 'web-${ENV}' }) }, 'target.name', 'got "web-${ENV}"',
      'must be a DNS-1123 subdomain'],
    ['target pod labels that are not labels', { target: WorkloadReference.fromName({ name: 'web', podLabels: { 'a b': 'x' } }) }, 'target.podLabels key', 'got "a b"',
      'must be a qualified name'],
    ['maxUnavailable beyond int32', { podDisruptionBudget: ScaledObjectDisruptionBudget.maxUnavailable(2 ** 31) }, 'podDisruptionBudget.maxUnavailable',
      'got 2147483648', 'from 1 to 2147483647'],
    ['a label key with a space', { metadata: { name: 'web', labels: { 'a b': 'x' } } }, 'metadata.labels key', 'got "a b"', 'must be a qualified name'],
    ['an annotation key with a space', { metadata: { name: 'web', annotations: { 'a b': 'x' } } }, 'metadata.annotations key', 'got "a b"', 'must be a qualified name'],
    ['a namespace with capitals and "_"', { metadata: { name: 'web', namespace: 'Istio_Ingress' } }, 'metadata.namespace', 'got "Istio_Ingress"', 'must be a DNS-1123 label'],
    ['an empty name, as from an unset environment variable', { metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET_NAME ?? '' } }, 'metadata.name', 'got ""',
      'must be a DNS-1123 subdomain'],
    ['a finalizer that is not a qualified name', { metadata: { name: 'web', finalizers: ['a b'] } }, 'metadata.finalizers[0]', 'got "a b"', 'must be a qualified name'],
  ])('throws on %s', (_case, props, field, value, allowed) => {
    expectMessage(thrownBy(() => build(props)), '[test/so]', `${field}: ${value}`, allowed);
  });

  test.each<[string, string, string]>([
    ['an unbalanced parenthesis', '(rps + 1', 'expected ")" to close "(" opened at character 1, found the end of the formula'],
    ['a trailing operator', 'rps +', '"+" at character 5 has no operand after it'],
    ['two operators in a row', 'rps * / 2', '"*" at character 5 has no operand after it'],
    ['a missing operator', 'rps rps', '"rps" at character 5 follows a complete expression; an operator is missing'],
    ['a stray closing bracket', 'rps)', '")" at character 4 closes nothing that was opened'],
    ['an unclosed string', 'rps + "1', 'the string opened with " at character 7 is never closed'],
    ['an unknown function', 'maximum(rps, 2)', '"maximum" at character 1 calls an unknown function'],
    ['a character expr-lang does not know', 'rps & 1', '"&" at character 5 is not part of expr-lang\'s syntax'],
    ['a comparison, which gives a boolean', 'rps > 10', 'gives a boolean (true/false); it must compute a number'],
    ['a string', '"rps"', 'gives a string'],
  ])('throws on a formula with %s (SO-41)', (_case, formula, problem) => {
    expectMessage(thrownBy(() => build({ scalingModifiers: { formula, target: 1 }, triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' })] })),
      '[test/so]', `scalingModifiers.formula: got ${JSON.stringify(formula)}`, 'must be an expr-lang expression KEDA can compile', problem, '(SO-41)');
  });

  test.each([
    'rps + queue / 2', '(rps + queue) / 2', 'max(rps, queue * 2)', 'rps > 10 ? rps : queue', 'rps ?? 0', 'let q = queue / 2; rps + q',
    'if rps > 1 { rps } else { queue }', 'float(rps) ** 2 % 7', 'ceil(rps / 3) + abs(-queue)', 'sum([rps, queue])', 'count([rps, queue], # > 1)',
  ])('accepts the formula %s', formula => {
    const spec = specOf({
      scalingModifiers: { formula, target: 1 },
      triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' }), ScalerTrigger.prometheus({ ...PROM, name: 'queue' })],
    });
    expect(spec.advanced.scalingModifiers.formula).toBe(formula);
  });

  test('fails when a formula reads a map key or a let-bound name only where they are defined', () => {
    const { app } = build({ scalingModifiers: { formula: 'let x = 2; rps * x + y', target: 1 }, triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' })] });
    expectMessage(synthFailure(app), '[test/so]', 'reads y, which is not the name of a non-cpu/memory trigger (named: rps)', '(SO-33)');
  });

  test('throws on a forged trigger passed to addTrigger', () => {
    const { so } = build();
    expectMessage(thrownBy(() => so.addTrigger({ type: 'prometheus' } as any)), '[test/so]', 'triggers[1]: got {"type":"prometheus"}', 'must be made by ScalerTrigger', '(GEN-70)');
  });

  test('fails without triggers', () => {
    const { app } = build({ triggers: [] });
    expectMessage(synthFailure(app), '[test/so]', 'triggers: got []', 'needs at least one trigger (SO-01)');
  });

  test('fails with only cpu/memory triggers and no minimum', () => {
    const { app } = build({ triggers: [ScalerTrigger.memory({ utilizationPercent: 80 })] });
    expectMessage(synthFailure(app), '[test/so]', 'minReplicas: got undefined', 'must be at least 1 when every trigger is cpu or memory', '(SO-12)');
  });

  test('fails when the formula reads a trigger that has no name or is cpu', () => {
    const { app } = build({
      minReplicas: 1,
      scalingModifiers: { formula: 'rps + cpu_load', target: 5 },
      triggers: [ScalerTrigger.prometheus({ ...PROM, name: 'rps' }), ScalerTrigger.cpu({ name: 'cpu_load', utilizationPercent: 50 })],
    });
    expectMessage(synthFailure(app), '[test/so]', 'scalingModifiers.formula: got "rps + cpu_load"', 'reads cpu_load, which is not the name of a non-cpu/memory trigger (named: rps)');
  });

  test('fails when the workload sets a fixed replica count', () => {
    const { app, chart } = newChart('shop');
    const web = deployment(chart, 'web', REQUESTS, { metadata: { name: 'web' }, replicas: 3 });
    new ScaledObject(chart, 'so', { target: WorkloadReference.fromWorkload(web), triggers: [ScalerTrigger.prometheus(PROM)] });
    expectMessage(synthFailure(app), '[test/so]', 'target: got "Deployment/web (apps/v1) with replicas: 3"', 'must not set replicas: KEDA owns the replica count');
  });

  test('throws on a workload construct that has no /scale subresource (SO-40)', () => {
    const { chart } = newChart('shop');
    const agent = new kplus.DaemonSet(chart, 'agent', { metadata: { name: 'agent' }, containers: [{ image: 'example/agent:1.0' }] });
    expectMessage(thrownBy(() => new ScaledObject(chart, 'so', { target: WorkloadReference.fromWorkload(agent), triggers: [ScalerTrigger.prometheus(PROM)] })),
      '[test/so]', 'target: got "DaemonSet/agent (apps/v1)"', 'must be a scalable workload (a Deployment or StatefulSet)', '(SO-40)');
    const job = new kplus.Job(chart, 'job', { metadata: { name: 'job' }, containers: [{ image: 'example/job:1.0' }] });
    expectMessage(thrownBy(() => new ScaledObject(chart, 'so-job', { target: WorkloadReference.fromWorkload(job), triggers: [ScalerTrigger.prometheus(PROM)] })),
      '[test/so-job]', 'target: got "Job/job (batch/v1)"', 'scale Jobs with a KEDA ScaledJob', '(SO-40)');
  });

  test('throws on a namespace that is not a DNS label (GEN)', () => {
    expectMessage(thrownBy(() => build({ metadata: { name: 'web', namespace: 'Shop' } })), '[test/so]', 'metadata.namespace: got "Shop"', 'must be a DNS-1123 label');
  });

  test('fails when placed in another namespace than its workload', () => {
    const { app } = build({ metadata: { name: 'web', namespace: 'other' } });
    expectMessage(synthFailure(app), '[test/so]', 'metadata.namespace: got "other"', 'must be the namespace of the target Deployment/web (apps/v1) (shop)');
  });

  test('fails when envSourceContainerName is not a container of the workload', () => {
    const { app } = build({ envSourceContainerName: 'sidecar' });
    expectMessage(synthFailure(app), '[test/so]', 'envSourceContainerName: got "sidecar"', 'must name a container of Deployment/web (apps/v1): web');
  });
});

describe('ScaledObject warnings', () => {
  test('warns that pollingInterval and cooldownPeriod do nothing above zero replicas (SO-22)', () => {
    const { chart } = build({ minReplicas: 1, pollingInterval: Duration.seconds(10), cooldownPeriod: Duration.seconds(30) });
    expect(warningsOf(chart)).toEqual([
      expect.stringContaining('[test/so] pollingInterval: only matters when minReplicas or idleReplicas is 0'),
      expect.stringContaining('[test/so] cooldownPeriod: only matters when minReplicas or idleReplicas is 0'),
    ]);
  });

  test('does not warn about timers when the workload scales to zero or caches metrics', () => {
    expect(warningsOf(build({ minReplicas: 0, pollingInterval: Duration.seconds(10), cooldownPeriod: Duration.seconds(30) }).chart)).toEqual([]);
    expect(warningsOf(build({
      minReplicas: 1,
      pollingInterval: Duration.seconds(10),
      triggers: [ScalerTrigger.prometheus({ ...PROM, useCachedMetrics: true })],
    }).chart)).toEqual([]);
  });
});
