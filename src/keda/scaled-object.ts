import { ApiObject, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ONE_AUTOSCALER_PER_WORKLOAD, oneAutoscalerPerWorkload } from './autoscaler-checks';
import { renderBehavior } from './behavior-render';
import { ScaledObjectDisruptionBudget } from './disruption-budget';
import { createDisruptionBudget } from './disruption-budget-render';
import { FallbackBehavior, ScaledObjectFallback } from './fallback';
import { KedaVersion } from './keda-version';
import {
  checkFallback, checkNames, checkReplicaBounds, checkScalingModifiers, checkTarget,
  replicaRange, scalableOf, validateScaledObject, warnIrrelevantTimers,
} from './scaled-object-checks';
import { ScaledObjectProps } from './scaled-object-props';
import { HpaBehaviorJson, ScaledObjectSpecJson } from './scaled-object-render';
import { ScalingPause } from './scaling-pause';
import { ScalerTrigger } from './trigger';
import { checkNoCredentials, checkSafeTls } from './trigger-common';
import { CustomResource } from '../common/custom-resource';
import { WorkloadReference } from '../common/references';
import { checkDnsLabel, checkFactoryValue, checkInteger, checkUnique, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { merge } from '../core/merge';
import { checkProps } from '../core/prop-checks';
import { KEDA_RULES } from '../core/rules';
import { toWholeSeconds } from '../core/units';
import { addAppCheck, addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

const TRANSFER_ANNOTATION = 'scaledobject.keda.sh/transfer-hpa-ownership';

/**
 * Scales a workload on event sources (`keda.sh/v1alpha1` ScaledObject, KEDA 2.20).
 *
 * KEDA's admission webhook fails open, so every rule it applies is checked here at synth:
 * replica bounds, trigger names, fallback requirements, one autoscaler per workload across the
 * app (other ScaledObjects and cdk8s-plus HorizontalPodAutoscalers), cpu/memory requests on the
 * target, and authentication in the ScaledObject's namespace.
 */
export class ScaledObject extends CustomResource {

  /** The workload KEDA scales. */
  public readonly target: WorkloadReference;
  /** Fewest replicas, as written (KEDA's default 0 when undefined). */
  public readonly minReplicas?: number;
  /** Most replicas, as written (KEDA's default 100 when undefined). */
  public readonly maxReplicas?: number;
  /** The fallback, if any. */
  public readonly fallback?: ScaledObjectFallback;
  /** The KEDA release whose rules apply. */
  public readonly kedaVersion: KedaVersion;
  /** The PodDisruptionBudget created for the target, if any. */
  public readonly podDisruptionBudget?: ApiObject;

  private readonly options: ScaledObjectProps;
  private readonly _triggers: ScalerTrigger[] = [];
  private readonly seconds: { polling?: number; cooldown?: number; initialCooldown?: number };
  private readonly renderedBehavior?: HpaBehaviorJson;

  public constructor(scope: Construct, id: string, props: ScaledObjectProps) {
    checkProps(scope, id, 'ScaledObjectProps', props);
    super(scope, id, { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', resourceType: 'scaledobjects' }, {
      metadata: merge(props.metadata, {
        namespace: props.metadata?.namespace ?? props.target.namespace,
        annotations: merge(props.metadata?.annotations, controlAnnotations(props)),
      }),
    });
    checkScaledObjectFactories(this, props);
    this.options = props;
    this.target = props.target;
    this.minReplicas = props.minReplicas;
    this.maxReplicas = props.maxReplicas;
    this.fallback = props.fallback;
    this.kedaVersion = props.kedaVersion ?? KedaVersion.V2_20;
    this.kedaVersion._validate(this, 'kedaVersion');

    checkTarget(this, props.target);
    checkReplicaBounds(this, props);
    this.seconds = {
      polling: this.toSeconds('pollingInterval', props.pollingInterval, 1),
      cooldown: this.toSeconds('cooldownPeriod', props.cooldownPeriod, 0),
      initialCooldown: this.toSeconds('initialCooldownPeriod', props.initialCooldownPeriod, 0),
    };
    this.renderedBehavior = props.behavior && renderBehavior(this, 'behavior', props.behavior);
    checkFallback(this, props);
    checkScalingModifiers(this, props);
    checkDnsLabel(this, 'envSourceContainerName', props.envSourceContainerName);
    this.checkControlAnnotations();
    checkNames(this, props);
    warnIrrelevantTimers(this, props);

    scalableOf(props.target)?.markHasAutoscaler();
    for (const trigger of props.triggers ?? []) this.addTrigger(trigger);
    this.podDisruptionBudget = createDisruptionBudget(this, props.target, props.podDisruptionBudget, replicaRange(props).max);

    addSynthValidation(this, () => validateScaledObject(this, props));
    addAppCheck(this, ONE_AUTOSCALER_PER_WORKLOAD, (_root, constructs) => oneAutoscalerPerWorkload(constructs, isScaledObject));
  }

  /** The triggers, in order. */
  public get triggers(): ScalerTrigger[] {
    return [...this._triggers];
  }

  /** The HPA KEDA creates for this ScaledObject. */
  public get hpaName(): string {
    return this.options.hpaName ?? `keda-hpa-${this.name}`;
  }

  /** Adds a trigger; its values are checked now. */
  public addTrigger(trigger: ScalerTrigger): void {
    const field = `triggers[${this._triggers.length}]`;
    checkFactoryValue(this, field, trigger, ScalerTrigger);
    trigger._validate(this, field);
    const names = this._triggers.map(t => t.name).filter((n): n is string => n !== undefined);
    if (trigger.name !== undefined) checkUnique(this, KEDA_RULES['SO-14'], `${field}.name`, [...names, trigger.name]);
    const metadata = trigger._metadata({ fallback: false });
    checkNoCredentials(this, field, metadata);
    checkSafeTls(this, field, metadata, this.options.allowUnsafeSsl ?? false);
    if (this.fallback && trigger.type === 'prometheus' && metadata.ignoreNullValues === 'true') {
      addWarning(this, KEDA_RULES['PR-08'], `${field}.ignoreNullValues: true turns a lost Prometheus target into 0 instead of an error, so the fallback never fires and the workload scales in; leave it unset`);
    }
    this._triggers.push(trigger);
  }

  /** @internal the workload this scales, as `<namespace>|<apiVersion>|<kind>|<name>` */
  public _targetKey(): string {
    return `${this.metadata.namespace ?? ''}|${this.target.apiVersion}|${this.target.kind}|${this.target.name}`;
  }

  protected renderSpec(): unknown {
    const p = this.options;
    const context = { fallback: this.fallback !== undefined };
    const hpaConfig = p.hpaName !== undefined || this.renderedBehavior !== undefined
      ? { name: p.hpaName, behavior: this.renderedBehavior }
      : undefined;
    const modifiers = p.scalingModifiers && {
      formula: p.scalingModifiers.formula,
      target: String(p.scalingModifiers.target),
      activationTarget: p.scalingModifiers.activationTarget === undefined ? undefined : String(p.scalingModifiers.activationTarget),
      metricType: p.scalingModifiers.metricType?.value,
    };
    const advanced = hpaConfig || modifiers || p.restoreToOriginalReplicaCount !== undefined
      ? { horizontalPodAutoscalerConfig: hpaConfig, scalingModifiers: modifiers, restoreToOriginalReplicaCount: p.restoreToOriginalReplicaCount }
      : undefined;
    const spec: ScaledObjectSpecJson = {
      scaleTargetRef: {
        name: this.target.name,
        // KEDA's default is apps/v1 Deployment: then only the name is written
        apiVersion: this.target.isDeployment ? undefined : this.target.apiVersion,
        kind: this.target.isDeployment ? undefined : this.target.kind,
        envSourceContainerName: p.envSourceContainerName,
      },
      pollingInterval: this.seconds.polling,
      cooldownPeriod: this.seconds.cooldown,
      initialCooldownPeriod: this.seconds.initialCooldown,
      idleReplicaCount: p.idleReplicas,
      minReplicaCount: p.minReplicas,
      maxReplicaCount: p.maxReplicas,
      advanced,
      fallback: this.fallback && {
        failureThreshold: this.fallback.failureThreshold ?? 3,
        replicas: this.fallback.replicas,
        behavior: this.fallbackBehavior()?.value,
      },
      triggers: this._triggers.map(t => t._render(context)),
    };
    return spec;
  }

  private toSeconds(field: string, duration: Duration | undefined, min: number): number | undefined {
    if (duration === undefined) return undefined;
    const seconds = toWholeSeconds(this, field, duration);
    checkInteger(this, KEDA_RULES['SO-27'], `${field} (seconds)`, seconds, min, INT32_MAX);
    return seconds;
  }

  /** SO-10 (an ownership transfer names the HPA) and SO-39 (paused replicas), for the annotations KEDA reads. */
  private checkControlAnnotations(): void {
    const p = this.options;
    if (p.transferHpaOwnership && p.hpaName === undefined) {
      throw invalidInput(this, KEDA_RULES['SO-10'], 'hpaName', undefined, 'is required with transferHpaOwnership: KEDA only takes over the HPA named there');
    }
    p.pause?._validate(this, 'pause');
  }

  private fallbackBehavior(): FallbackBehavior | undefined {
    if (!this.kedaVersion._atLeast(17)) return undefined;
    return this.fallback?.behavior ?? FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER;
  }
}

/** The annotations KEDA reads for pausing and HPA ownership transfer (checked by ScaledObject.checkControlAnnotations). */
function controlAnnotations(props: ScaledObjectProps): { [key: string]: string } {
  return {
    // a forged pause is refused right after (checkScaledObjectFactories)
    ...(props.pause instanceof ScalingPause ? props.pause._annotations() : {}),
    ...(props.transferHpaOwnership ? { [TRANSFER_ANNOTATION]: 'true' } : {}),
  };
}

/** GEN-70: the values of the library's enum-like classes among the props were made by those classes. */
function checkScaledObjectFactories(so: IConstruct, props: ScaledObjectProps): void {
  checkFactoryValue(so, 'target', props.target, WorkloadReference);
  checkFactoryValue(so, 'kedaVersion', props.kedaVersion, KedaVersion);
  checkFactoryValue(so, 'fallback.behavior', props.fallback?.behavior, FallbackBehavior);
  checkFactoryValue(so, 'pause', props.pause, ScalingPause);
  checkFactoryValue(so, 'podDisruptionBudget', props.podDisruptionBudget, ScaledObjectDisruptionBudget);
}

function isScaledObject(construct: IConstruct): construct is ScaledObject {
  return construct instanceof ScaledObject;
}
