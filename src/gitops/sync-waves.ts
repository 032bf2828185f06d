import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES } from '../core/rules';

/** The Argo CD annotation that orders a sync. */
const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * Waves by kind, lowest first: what others reference is applied before them. A TestRun must not
 * start before the ConfigMap holding its script, a NodePool before its node class, a ScaledObject
 * before the workload it scales.
 */
const DEFAULT_WAVES: { [kind: string]: number } = {
  Namespace: -3,
  ServiceAccount: -2,
  ConfigMap: -2,
  Secret: -2,
  EC2NodeClass: -2,
  TriggerAuthentication: -2,
  ClusterTriggerAuthentication: -2,
  PriorityClass: -2,
  NodePool: -1,
  ScaledObject: 1,
  ScaledJob: 1,
  HorizontalPodAutoscaler: 1,
  PodDisruptionBudget: 1,
  ServiceMonitor: 1,
  PodMonitor: 1,
  TargetGroupBinding: 1,
  Gateway: 1,
  VirtualService: 1,
  DestinationRule: 1,
  TestRun: 2,
};

/**
 * Options for `SyncWaves.apply`.
 */
export interface SyncWavesOptions {
  /**
   * Waves for kinds, overriding or extending the defaults.
   *
   * @default - the defaults: namespaces, then configuration and node classes, then node pools,
   * then workloads (wave 0), then autoscalers, monitors and routing, then load tests.
   */
  readonly waves?: { [kind: string]: number };

  /**
   * Also order each chart's documents by wave, so `kubectl apply -f` applies them in the same order.
   *
   * @default true
   */
  readonly orderDocuments?: boolean;
}

/**
 * Orders what a GitOps sync or `kubectl apply` creates: Argo CD sync-wave annotations by kind,
 * and the same order for the documents inside each chart. Call it once the charts are complete.
 */
export class SyncWaves {
  /** The annotation Argo CD reads. */
  public static readonly ANNOTATION = SYNC_WAVE_ANNOTATION;

  /**
   * Annotates every ApiObject under `scope` with its sync wave. An object that already carries the
   * annotation keeps it.
   */
  public static apply(scope: IConstruct, options: SyncWavesOptions = {}): void {
    const waves = { ...DEFAULT_WAVES, ...options.waves };
    for (const [kind, wave] of Object.entries(options.waves ?? {})) {
      // written as the annotation's text, which Argo CD reads with strconv.Atoi: "1e+21" would silently be wave 0
      if (!Number.isSafeInteger(wave)) throw invalidInput(scope, GENERAL_RULES['GEN-36'], `waves[${kind}]`, wave, 'a sync wave must be an integer within ±2^53');
    }
    const byChart = new Map<Chart, Array<{ obj: ApiObject; wave: number }>>();
    for (const construct of scope.node.findAll()) {
      if (!(construct instanceof ApiObject)) continue;
      const given = construct.metadata.toJson().annotations?.[SYNC_WAVE_ANNOTATION];
      if (given !== undefined && !/^[+-]?\d{1,18}$/.test(given)) {
        throw invalidInput(construct, GENERAL_RULES['GEN-36'], `metadata.annotations[${JSON.stringify(SYNC_WAVE_ANNOTATION)}]`, given,
          'a sync wave must be an integer; Argo CD reads any other text as wave 0');
      }
      const wave = given !== undefined ? Number(given) : waves[construct.kind] ?? 0;
      if (given === undefined && wave !== 0) construct.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(wave));
      const chart = Chart.of(construct);
      byChart.set(chart, [...(byChart.get(chart) ?? []), { obj: construct, wave }]);
    }
    if (options.orderDocuments ?? true) {
      for (const objects of byChart.values()) orderByWave(objects);
    }
  }
}

/** Each object depends on one object of the wave below it, which cdk8s turns into document order. */
function orderByWave(objects: Array<{ obj: ApiObject; wave: number }>): void {
  const waves = [...new Set(objects.map(o => o.wave))].sort((a, b) => a - b);
  for (let i = 1; i < waves.length; i++) {
    const lower = objects.filter(o => o.wave === waves[i - 1]).map(o => o.obj);
    for (const { obj } of objects.filter(o => o.wave === waves[i])) obj.addDependency(...lower);
  }
}
