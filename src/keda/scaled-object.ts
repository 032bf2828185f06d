import { ApiObject, ApiObjectMetadata, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct, IConstruct } from 'constructs';
import { HpaBehavior } from './behavior';
import { renderBehavior } from './behavior-render';
import { ScaledObjectDisruptionBudget } from './disruption-budget';
import { FallbackBehavior, ScaledObjectFallback } from './fallback';
import { formulaVariables } from './formula';
import { KedaVersion } from './keda-version';
import { PodIdentityOwner } from './pod-identity';
import { ScaleTarget } from './scale-target';
import { ScalingPause } from './scaling-pause';
import { ScalerTrigger } from './trigger';
import { TriggerAuthenticationBase } from './trigger-authentication-base';
import { checkNoCredentials, checkSafeTls } from './trigger-common';
import { MetricTargetType } from './trigger-options';
import * as l1 from '../../imports/keda-scaledobjects-keda.sh';
import { ChartAlternatives } from '../common/chart-alternatives';
import { checkDnsLabel, checkInteger, checkNumber, checkObjectName, checkPattern, checkUnique, INT32_MAX } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { merge } from '../core/merge';
import { KEDA_RULES } from '../core/rules';
import { isUnresolvedToken, namespaceOf } from '../core/service-refs';
import { toWholeSeconds } from '../core/units';
import { addAppCheck, addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** Combines the triggers' metrics into one with a formula (`advanced.scalingModifiers`). */
export interface ScalingModifiers {
  /** expr-lang formula over the names of non-cpu/memory triggers, e.g. `queue / 2 + rps`. */
  readonly formula: string;

  /** Target of the composite metric; must be > 0. */
  readonly target: number;

  /**
   * Composite value above which the workload scales from zero.
   *
   * @default 0
   */
  readonly activationTarget?: number;

  /**
   * AverageValue or Value.
   *
   * @default - KEDA's default, AverageValue
   */
  readonly metricType?: MetricTargetType;
}

/** Props for a ScaledObject. */
export interface ScaledObjectProps {
  /** The workload KEDA scales. */
  readonly target: ScaleTarget;

  /**
   * Name, labels and annotations. The namespace must be the target's.
   *
   * @default - a name derived from the construct path, in the target workload's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * What to scale on. At least one, here or through `addTrigger`.
   *
   * @default - none
   */
  readonly triggers?: ScalerTrigger[];

  /**
   * Fewest replicas; 0 lets KEDA scale to zero (not with cpu/memory triggers only).
   *
   * @default - KEDA's default, 0
   */
  readonly minReplicas?: number;

  /**
   * Most replicas.
   *
   * @default - KEDA's default, 100
   */
  readonly maxReplicas?: number;

  /**
   * Replicas while no trigger is active; only 0 is supported, and minReplicas must then be at least 1.
   *
   * @default - no idle state
   */
  readonly idleReplicas?: number;

  /**
   * How often KEDA polls the triggers (whole seconds, at least 1s). Matters at zero replicas
   * and with cached metrics; the HPA polls on its own above that.
   *
   * @default - KEDA's default, 30 seconds
   */
  readonly pollingInterval?: Duration;

  /**
   * Wait after the last active trigger before scaling to zero (whole seconds).
   *
   * @default - KEDA's default, 5 minutes
   */
  readonly cooldownPeriod?: Duration;

  /**
   * Delay after creation before the cooldown may scale to zero (whole seconds).
   *
   * @default - KEDA's default, 0
   */
  readonly initialCooldownPeriod?: Duration;

  /**
   * The HPA's scale-up and scale-down behavior.
   *
   * @default - Kubernetes' HPA defaults
   */
  readonly behavior?: HpaBehavior;

  /**
   * Name of the HPA KEDA manages.
   *
   * @default - keda-hpa-<ScaledObject name>
   */
  readonly hpaName?: string;

  /**
   * Take over a live HPA named `hpaName` (`scaledobject.keda.sh/transfer-hpa-ownership`), to migrate
   * from a plain HPA to KEDA without a gap. The HPA must not also be defined in this app.
   *
   * @default false
   */
  readonly transferHpaOwnership?: boolean;

  /**
   * Restore the workload's original replica count when the ScaledObject is deleted.
   *
   * @default false
   */
  readonly restoreToOriginalReplicaCount?: boolean;

  /**
   * Replicas to run while external scalers fail. Sets `metricType: AverageValue` on triggers that
   * have none and `ignoreNullValues: "false"` on Prometheus triggers, so failures reach the fallback.
   *
   * @default - no fallback: the HPA keeps the current replicas while metrics are missing
   */
  readonly fallback?: ScaledObjectFallback;

  /**
   * Combine the triggers' metrics with a formula.
   *
   * @default - the HPA takes the highest replica count any trigger asks for
   */
  readonly scalingModifiers?: ScalingModifiers;

  /**
   * Pause autoscaling.
   *
   * @default - not paused
   */
  readonly pause?: ScalingPause;

  /**
   * Container whose environment KEDA reads (`env` authentication, `...FromEnv` parameters).
   *
   * @default - the first container
   */
  readonly envSourceContainerName?: string;

  /**
   * Accept triggers with `unsafeSsl` (no TLS certificate verification).
   *
   * @default false
   */
  readonly allowUnsafeSsl?: boolean;

  /**
   * The KEDA release the manifest targets; its admission rules are checked.
   *
   * @default KedaVersion.V2_20
   */
  readonly kedaVersion?: KedaVersion;

  /**
   * PodDisruptionBudget created for the target, so drains take its pods one at a time.
   *
   * @default - maxUnavailable 1 with unhealthyPodEvictionPolicy AlwaysAllow, when the target is a
   * workload construct and maxReplicas is at least 2; none for references
   */
  readonly podDisruptionBudget?: ScaledObjectDisruptionBudget;
}

const KEDA_DEFAULT_MAX_REPLICAS = 100;
const LABEL_VALUE_MAX = 63;
const TRANSFER_ANNOTATION = 'scaledobject.keda.sh/transfer-hpa-ownership';
const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * Scales a workload on event sources (`keda.sh/v1alpha1` ScaledObject, KEDA 2.20).
 *
 * KEDA's admission webhook fails open, so every rule it applies is checked here at synth:
 * replica bounds, trigger names, fallback requirements, one autoscaler per workload across the
 * app (other ScaledObjects and cdk8s-plus HorizontalPodAutoscalers), cpu/memory requests on the
 * target, and authentication in the ScaledObject's namespace.
 */
export class ScaledObject extends kplus.Resource {
  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  public readonly resourceType = 'scaledobjects';

  /** The workload KEDA scales. */
  public readonly target: ScaleTarget;
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

  private readonly props: ScaledObjectProps;
  private readonly _triggers: ScalerTrigger[] = [];
  private readonly seconds: { polling?: number; cooldown?: number; initialCooldown?: number };
  private readonly renderedBehavior?: l1.ScaledObjectSpecAdvancedHorizontalPodAutoscalerConfigBehavior;

  public constructor(scope: Construct, id: string, props: ScaledObjectProps) {
    super(scope, id);
    this.props = props;
    this.target = props.target;
    this.minReplicas = props.minReplicas;
    this.maxReplicas = props.maxReplicas;
    this.fallback = props.fallback;
    this.kedaVersion = props.kedaVersion ?? KedaVersion.V2_20;
    this.kedaVersion._validate(this, 'kedaVersion');

    this.checkTarget();
    this.checkReplicaBounds();
    this.seconds = {
      polling: this.toSeconds('pollingInterval', props.pollingInterval, 1),
      cooldown: this.toSeconds('cooldownPeriod', props.cooldownPeriod, 0),
      initialCooldown: this.toSeconds('initialCooldownPeriod', props.initialCooldownPeriod, 0),
    };
    this.renderedBehavior = props.behavior && renderBehavior(this, 'behavior', props.behavior);
    this.checkFallbackProps();
    this.checkScalingModifierProps();
    checkDnsLabel(this, 'envSourceContainerName', props.envSourceContainerName);

    this.apiObject = new l1.ScaledObject(this, 'Resource', {
      metadata: merge(props.metadata, {
        namespace: props.metadata?.namespace ?? props.target.namespace,
        annotations: merge(props.metadata?.annotations, this.controlAnnotations()),
      }),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.checkNames();
    this.warnIrrelevantTimers();

    props.target.workload?.markHasAutoscaler();
    for (const trigger of props.triggers ?? []) this.addTrigger(trigger);
    this.podDisruptionBudget = this.createDisruptionBudget();

    addSynthValidation(this, () => this.validateScaledObject());
    addAppCheck(this, ONE_AUTOSCALER_PER_WORKLOAD, oneAutoscalerPerWorkload);
  }

  /** The triggers, in order. */
  public get triggers(): ScalerTrigger[] {
    return [...this._triggers];
  }

  /** The HPA KEDA creates for this ScaledObject. */
  public get hpaName(): string {
    return this.props.hpaName ?? `keda-hpa-${this.name}`;
  }

  /** Adds a trigger; its values are checked now. */
  public addTrigger(trigger: ScalerTrigger): void {
    const field = `triggers[${this._triggers.length}]`;
    trigger._validate(this, field);
    const names = this._triggers.map(t => t.name).filter((n): n is string => n !== undefined);
    if (trigger.name !== undefined) checkUnique(this, KEDA_RULES['SO-14'], `${field}.name`, [...names, trigger.name]);
    const metadata = trigger._metadata({ fallback: false });
    checkNoCredentials(this, field, metadata);
    checkSafeTls(this, field, metadata, this.props.allowUnsafeSsl ?? false);
    if (this.fallback && trigger.type === 'prometheus' && metadata.ignoreNullValues === 'true') {
      addWarning(this, KEDA_RULES['PR-08'], `${field}.ignoreNullValues: true turns a lost Prometheus target into 0 instead of an error, so the fallback never fires and the workload scales in; leave it unset`);
    }
    this._triggers.push(trigger);
  }

  private renderSpec(): l1.ScaledObjectSpec {
    const p = this.props;
    const context = { fallback: this.fallback !== undefined };
    const hpaConfig = p.hpaName !== undefined || this.renderedBehavior !== undefined
      ? { name: p.hpaName, behavior: this.renderedBehavior }
      : undefined;
    const modifiers = p.scalingModifiers && {
      formula: p.scalingModifiers.formula,
      target: String(p.scalingModifiers.target),
      activationTarget: p.scalingModifiers.activationTarget === undefined ? undefined : String(p.scalingModifiers.activationTarget),
      metricType: p.scalingModifiers.metricType?.value as l1.ScaledObjectSpecAdvancedScalingModifiersMetricType | undefined,
    };
    const advanced = hpaConfig || modifiers || p.restoreToOriginalReplicaCount !== undefined
      ? { horizontalPodAutoscalerConfig: hpaConfig, scalingModifiers: modifiers, restoreToOriginalReplicaCount: p.restoreToOriginalReplicaCount }
      : undefined;
    return {
      scaleTargetRef: {
        name: this.target.name,
        apiVersion: this.target._isDefaultKind ? undefined : this.target.apiVersion,
        kind: this.target._isDefaultKind ? undefined : this.target.kind,
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
        behavior: this.fallbackBehavior()?.value as l1.ScaledObjectSpecFallbackBehavior | undefined,
      },
      triggers: this._triggers.map(t => t._render(context)),
    };
  }

  private get effectiveMin(): number {
    return this.props.minReplicas ?? 0;
  }

  private get effectiveMax(): number {
    return this.props.maxReplicas ?? KEDA_DEFAULT_MAX_REPLICAS;
  }

  /** SO-04: a reference must name a workload KEDA can resolve. */
  private checkTarget(): void {
    const t = this.target;
    if (!isUnresolvedToken(t.name)) checkObjectName(this, 'target.name', t.name);
    checkPattern(this, KEDA_RULES['SO-25'], 'target.kind', t.kind, /^[A-Z][A-Za-z0-9]*$/, 'must be a Kubernetes kind such as "Deployment" or "StatefulSet"');
    checkPattern(this, KEDA_RULES['SO-25'], 'target.apiVersion', t.apiVersion, /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v\d+((alpha|beta)\d+)?$/, 'must be an API version such as "apps/v1"');
  }

  /** SO-05, SO-06 and the CRD's minimums. */
  private checkReplicaBounds(): void {
    const { minReplicas, maxReplicas, idleReplicas } = this.props;
    checkInteger(this, KEDA_RULES['SO-26'], 'minReplicas', minReplicas, 0, INT32_MAX);
    checkInteger(this, KEDA_RULES['SO-26'], 'maxReplicas', maxReplicas, 1, INT32_MAX);
    if (this.effectiveMin > this.effectiveMax) {
      const max = maxReplicas === undefined ? `KEDA's default maxReplicas (${KEDA_DEFAULT_MAX_REPLICAS})` : `maxReplicas (${maxReplicas})`;
      throw invalidInput(this, KEDA_RULES['SO-05'], 'minReplicas', this.effectiveMin, `must be less than or equal to ${max}`);
    }
    if (idleReplicas !== undefined) {
      if (idleReplicas !== 0) throw invalidInput(this, KEDA_RULES['SO-06'], 'idleReplicas', idleReplicas, 'must be 0: it is the only value the HPA supports; for a floor above zero set minReplicas instead');
      if (this.effectiveMin < 1) throw invalidInput(this, KEDA_RULES['SO-06'], 'minReplicas', minReplicas, 'must be at least 1 when idleReplicas is set: idleReplicas must be less than minReplicas');
    }
  }

  private toSeconds(field: string, duration: Duration | undefined, min: number): number | undefined {
    if (duration === undefined) return undefined;
    const seconds = toWholeSeconds(this, field, duration);
    checkInteger(this, KEDA_RULES['SO-27'], `${field} (seconds)`, seconds, min, INT32_MAX);
    return seconds;
  }

  /** SO-17, SO-18 and the KEDA-version gates of `fallback.behavior`. */
  private checkFallbackProps(): void {
    const f = this.fallback;
    if (!f) return;
    checkInteger(this, KEDA_RULES['SO-17'], 'fallback.replicas', f.replicas, 0, INT32_MAX);
    checkInteger(this, KEDA_RULES['SO-17'], 'fallback.failureThreshold', f.failureThreshold, 0, INT32_MAX);
    if (f.behavior !== undefined && !this.kedaVersion._atLeast(17)) {
      throw invalidInput(this, KEDA_RULES['SO-28'], 'fallback.behavior', f.behavior.value, `needs KEDA 2.17 or later (target: ${this.kedaVersion}); older releases reject or silently drop the field`);
    }
    if (f.behavior === FallbackBehavior.SCALING_MODIFIERS) {
      if (!this.kedaVersion._atLeast(20)) {
        throw invalidInput(this, KEDA_RULES['SO-28'], 'fallback.behavior', f.behavior.value, `needs KEDA 2.20 or later (target: ${this.kedaVersion})`);
      }
      if (!this.props.scalingModifiers) {
        throw invalidInput(this, KEDA_RULES['SO-18'], 'fallback.behavior', f.behavior.value, 'needs scalingModifiers with a formula');
      }
    }
    if (f.replicas < this.effectiveMin || f.replicas > this.effectiveMax) {
      addWarning(this, KEDA_RULES['SO-29'], `fallback.replicas: ${f.replicas} is outside minReplicas..maxReplicas (${this.effectiveMin}..${this.effectiveMax}); the HPA clamps it`);
    }
  }

  private fallbackBehavior(): FallbackBehavior | undefined {
    if (!this.kedaVersion._atLeast(17)) return undefined;
    return this.fallback?.behavior ?? FallbackBehavior.CURRENT_REPLICAS_IF_HIGHER;
  }

  private checkScalingModifierProps(): void {
    const m = this.props.scalingModifiers;
    if (!m) return;
    if (m.formula.trim() === '') throw invalidInput(this, KEDA_RULES['SO-30'], 'scalingModifiers.formula', m.formula, 'must be an expression over trigger names');
    checkNumber(this, KEDA_RULES['SO-31'], 'scalingModifiers.target', m.target, { min: 0, exclusiveMin: true });
    checkNumber(this, KEDA_RULES['SO-31'], 'scalingModifiers.activationTarget', m.activationTarget, { min: 0 });
    if (m.metricType === MetricTargetType.UTILIZATION) {
      throw invalidInput(this, KEDA_RULES['SO-32'], 'scalingModifiers.metricType', m.metricType.value, 'must be AverageValue or Value: the composite metric is external');
    }
  }

  private controlAnnotations(): { [key: string]: string } {
    const p = this.props;
    if (p.transferHpaOwnership && p.hpaName === undefined) {
      throw invalidInput(this, KEDA_RULES['SO-10'], 'hpaName', undefined, 'is required with transferHpaOwnership: KEDA only takes over the HPA named there');
    }
    return {
      ...p.pause?._annotations(this, 'pause'),
      ...(p.transferHpaOwnership ? { [TRANSFER_ANNOTATION]: 'true' } : {}),
    };
  }

  /** SO-13: the name is a label value, and the HPA name derived from it must be one too. */
  private checkNames(): void {
    const name = this.name;
    checkObjectName(this, 'metadata.name', name);
    if (name.length > LABEL_VALUE_MAX) {
      throw invalidInput(this, KEDA_RULES['SO-13'], 'metadata.name', name, `must be at most ${LABEL_VALUE_MAX} characters: KEDA writes it into the scaledobject.keda.sh/name label`);
    }
    if (this.props.hpaName !== undefined) {
      checkObjectName(this, 'hpaName', this.props.hpaName);
      if (this.props.hpaName.length > LABEL_VALUE_MAX) throw invalidInput(this, KEDA_RULES['SO-13'], 'hpaName', this.props.hpaName, `must be at most ${LABEL_VALUE_MAX} characters`);
    } else if (this.hpaName.length > LABEL_VALUE_MAX) {
      throw invalidInput(this, KEDA_RULES['SO-13'], 'metadata.name', name, `must be at most ${LABEL_VALUE_MAX - 'keda-hpa-'.length} characters, because KEDA names its HPA "keda-hpa-<name>"; or set hpaName`);
    }
  }

  /** SO-22: KEDA warns about timers that only act at zero replicas. */
  private warnIrrelevantTimers(): void {
    const p = this.props;
    const scalesToZero = this.effectiveMin === 0 || p.idleReplicas === 0;
    const cached = (p.triggers ?? []).some(t => t._cachesMetrics);
    if (p.pollingInterval !== undefined && !scalesToZero && !cached) {
      addWarning(this, KEDA_RULES['SO-22'], 'pollingInterval: only matters when minReplicas or idleReplicas is 0, or a trigger uses useCachedMetrics; above zero the HPA polls on its own');
    }
    if (p.cooldownPeriod !== undefined && !scalesToZero) {
      addWarning(this, KEDA_RULES['SO-22'], 'cooldownPeriod: only matters when minReplicas or idleReplicas is 0; scale-in above zero follows behavior.scaleDown');
    }
  }

  private createDisruptionBudget(): ApiObject | undefined {
    const requested = this.props.podDisruptionBudget;
    const policy = requested ?? ScaledObjectDisruptionBudget.maxUnavailable(1);
    const workload = this.target.workload;
    if (!policy.enabled) return undefined;
    if (!(workload instanceof kplus.Workload)) {
      if (requested === undefined) return undefined;
      throw invalidInput(this, KEDA_RULES['SO-34'], 'podDisruptionBudget', this.target._describe(), 'needs a workload construct (ScaleTarget.fromWorkload) to select its pods; use ScaledObjectDisruptionBudget.none() for references');
    }
    if (requested === undefined && this.effectiveMax < 2) return undefined;
    const maxUnavailable = policy._maxUnavailable(this, 'podDisruptionBudget');
    return new kplus.k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
      metadata: { name: workload.name, namespace: namespaceOf(workload) },
      spec: Lazy.any({
        produce: () => ({
          maxUnavailable: typeof maxUnavailable === 'number' ? kplus.k8s.IntOrString.fromNumber(maxUnavailable) : kplus.k8s.IntOrString.fromString(maxUnavailable),
          selector: { matchLabels: workload.matchLabels },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        }),
      }),
    });
  }

  private validateScaledObject(): string[] {
    if (this._triggers.length === 0) {
      return [invalidInputMessage(this, KEDA_RULES['SO-01'], 'triggers', [], 'needs at least one trigger')];
    }
    return [
      ...this.validateResourceOnly(),
      ...this.validateFallbackTriggers(),
      ...this.validateFormula(),
      ...this.validateTargetWorkload(),
      ...this.validateAuthentications(),
    ];
  }

  /** SO-12 */
  private validateResourceOnly(): string[] {
    if (!this._triggers.every(t => t.isResourceMetric) || this.effectiveMin > 0) return [];
    return [invalidInputMessage(this, KEDA_RULES['SO-12'], 'minReplicas', this.props.minReplicas, 'must be at least 1 when every trigger is cpu or memory: those cannot scale from zero')];
  }

  /** SO-16, for the targeted KEDA release. */
  private validateFallbackTriggers(): string[] {
    if (!this.fallback) return [];
    const external = this._triggers.filter(t => !t.isResourceMetric);
    const described = this._triggers.map(t => `${t.type}${t.metricType ? `/${t.metricType.value}` : ''}`);
    if (external.length === 0) {
      return [invalidInputMessage(this, KEDA_RULES['SO-16'], 'fallback', described, 'needs at least one trigger that is not cpu or memory: KEDA has no fallback for resource metrics')];
    }
    if (!this.kedaVersion._atLeast(17)) {
      const bad = this._triggers.filter(t => t.isResourceMetric || t.metricType === MetricTargetType.VALUE);
      return bad.length === 0 ? [] : [invalidInputMessage(this, KEDA_RULES['SO-16'], 'fallback', described,
        `on KEDA ${this.kedaVersion} needs every trigger to be AverageValue and none cpu or memory`)];
    }
    return external.every(t => t.metricType === MetricTargetType.VALUE)
      ? [invalidInputMessage(this, KEDA_RULES['SO-16'], 'fallback', described, 'needs at least one non-cpu/memory trigger with metricType AverageValue')]
      : [];
  }

  /** The formula may only read named non-cpu/memory triggers. */
  private validateFormula(): string[] {
    const m = this.props.scalingModifiers;
    if (!m) return [];
    const names = this._triggers.filter(t => !t.isResourceMetric && t.name !== undefined).map(t => t.name!);
    const unknown = formulaVariables(m.formula).filter(v => !names.includes(v));
    return unknown.length === 0 ? [] : [invalidInputMessage(this, KEDA_RULES['SO-33'], 'scalingModifiers.formula', m.formula,
      `reads ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not names' : 'is not the name'} of a non-cpu/memory trigger (named: ${names.join(', ') || 'none'})`)];
  }

  /** The target workload construct: namespace, no fixed replicas, requests for cpu/memory triggers. */
  private validateTargetWorkload(): string[] {
    const workload = this.target.workload;
    if (!workload) return [];
    const errors: string[] = [];
    const described = this.target._describe();
    if (this.target.namespace !== namespaceOf(this)) {
      errors.push(invalidInputMessage(this, KEDA_RULES['SO-36'], 'metadata.namespace', namespaceOf(this) ?? '<unset>',
        `must be the namespace of the target ${described} (${this.target.namespace ?? '<unset>'}): KEDA scales workloads in its own namespace`));
    }
    const scaling = workload.toScalingTarget();
    if (scaling.replicas !== undefined) {
      errors.push(invalidInputMessage(this, KEDA_RULES['SO-23'], 'target', `${described} with replicas: ${scaling.replicas}`,
        'must not set replicas: KEDA owns the replica count, and a fixed one fights it on every apply; remove replicas from the workload'));
    }
    const containerNames = scaling.containers.map(c => c.name);
    const env = this.props.envSourceContainerName;
    if (env !== undefined && !containerNames.includes(env)) {
      errors.push(invalidInputMessage(this, KEDA_RULES['SO-37'], 'envSourceContainerName', env, `must name a container of ${described}: ${containerNames.join(', ')}`));
    }
    this._triggers.forEach((t, i) => {
      if (t.isResourceMetric) errors.push(...this.validateRequests(t, i, scaling.containers));
    });
    return errors;
  }

  /** KEDA's webhook check (skipped on dry-run upstream): cpu/memory triggers need requests. */
  private validateRequests(trigger: ScalerTrigger, index: number, containers: kplus.Container[]): string[] {
    const resource = trigger.type as 'cpu' | 'memory';
    const field = `triggers[${index}]`;
    const containerName = trigger._metadata({ fallback: false }).containerName;
    const candidates = containerName === undefined ? containers : containers.filter(c => c.name === containerName);
    if (containerName !== undefined && candidates.length === 0) {
      return [invalidInputMessage(this, KEDA_RULES['KT-09'], `${field}.containerName`, containerName, `must name a container of ${this.target._describe()}: ${containers.map(c => c.name).join(', ')}`)];
    }
    return candidates
      .filter(c => !(c.resources?.[resource]?.request || c.resources?.[resource]?.limit))
      .map(c => invalidInputMessage(this, KEDA_RULES['SO-11'], field, `${resource} trigger on container "${c.name}" without a ${resource} request`,
        `every container the trigger measures needs a ${resource} request (or limit) for the HPA to compute utilization; set resources.${resource} or name one container with containerName`));
  }

  /** TA-08, TA-09: the authentication is reachable from this namespace and fits the workload's identity. */
  private validateAuthentications(): string[] {
    const errors: string[] = [];
    this._triggers.forEach((t, i) => {
      const auth = t.authentication;
      if (!(auth instanceof TriggerAuthenticationBase)) return;
      const field = `triggers[${i}].authentication`;
      if (auth.kind === 'TriggerAuthentication' && auth.namespace !== namespaceOf(this)) {
        errors.push(invalidInputMessage(this, KEDA_RULES['TA-09'], field, `TriggerAuthentication/${auth.name} in namespace ${auth.namespace ?? '<unset>'}`,
          `must be in the ScaledObject's namespace (${namespaceOf(this) ?? '<unset>'}), or be a ClusterTriggerAuthentication; KEDA looks it up there`));
      }
      if (auth.podIdentity?.identityOwner === PodIdentityOwner.WORKLOAD) errors.push(...this.validateWorkloadIdentity(field, auth));
    });
    return errors;
  }

  private validateWorkloadIdentity(field: string, auth: TriggerAuthenticationBase): string[] {
    const workload = this.target.workload;
    if (!(workload instanceof kplus.AbstractPod)) return [];
    const sa = workload.serviceAccount;
    if (sa === undefined) {
      addWarning(this, KEDA_RULES['TA-11'], `${field}: identityOwner workload makes KEDA use the target's ServiceAccount, but ${this.target._describe()} runs as the namespace's default one; it needs IRSA (${IRSA_ANNOTATION})`);
      return [];
    }
    if (!(sa instanceof kplus.ServiceAccount) || sa.metadata.toJson().annotations?.[IRSA_ANNOTATION] !== undefined) return [];
    return [invalidInputMessage(this, KEDA_RULES['TA-08'], field, `${auth.kind}/${auth.name} with identityOwner workload`,
      `needs IRSA on the target's ServiceAccount ${sa.name} (annotation ${IRSA_ANNOTATION}); EKS Pod Identity does not work with identityOwner workload — use roleArn instead`)];
  }


  /** @internal the workload this scales, as `<namespace>|<apiVersion>|<kind>|<name>` */
  public _targetKey(): string {
    return `${namespaceOf(this) ?? ''}|${this.target.apiVersion}|${this.target.kind}|${this.target.name}`;
  }
}

/** Every autoscaler of an app, by what it scales and by the HPA name it owns. */
interface AutoscalerIndex {
  readonly positions: Map<ScaledObject, number>;
  readonly scaledObjectsByTarget: Map<string, ScaledObject[]>;
  readonly scaledObjectsByHpaName: Map<string, ScaledObject[]>;
  readonly hpasByTarget: Map<string, kplus.HorizontalPodAutoscaler[]>;
  readonly hpasByName: Map<string, kplus.HorizontalPodAutoscaler[]>;
}

function hpaTargetKey(hpa: kplus.HorizontalPodAutoscaler): string {
  const t = hpa.target.toScalingTarget();
  return `${namespaceOf(hpa) ?? ''}|${t.apiVersion}|${t.kind}|${t.name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

function buildAutoscalerIndex(root: IConstruct): AutoscalerIndex {
  const index: AutoscalerIndex = {
    positions: new Map(), scaledObjectsByTarget: new Map(), scaledObjectsByHpaName: new Map(), hpasByTarget: new Map(), hpasByName: new Map(),
  };
  for (const construct of root.node.findAll()) {
    if (construct instanceof ScaledObject) {
      index.positions.set(construct, index.positions.size);
      push(index.scaledObjectsByTarget, construct._targetKey(), construct);
      push(index.scaledObjectsByHpaName, `${namespaceOf(construct) ?? ''}|${construct.hpaName}`, construct);
    } else if (construct instanceof kplus.HorizontalPodAutoscaler) {
      push(index.hpasByTarget, hpaTargetKey(construct), construct);
      push(index.hpasByName, `${namespaceOf(construct) ?? ''}|${construct.name}`, construct);
    }
  }
  return index;
}

const ONE_AUTOSCALER_PER_WORKLOAD = 'keda.one-autoscaler-per-workload';

/** One index of the app's autoscalers per validation pass, shared by every ScaledObject's conflict check. */
function oneAutoscalerPerWorkload(root: IConstruct): string[] {
  const index = buildAutoscalerIndex(root);
  return [...index.positions.keys()].flatMap(scaledObject => autoscalerConflicts(scaledObject, index));
}

/** SO-08, SO-09, SO-10: a ScaledObject's conflicts with the other autoscalers of the app. */
function autoscalerConflicts(scaledObject: ScaledObject, index: AutoscalerIndex): string[] {
  const errors: string[] = [];
  const key = scaledObject._targetKey();
  const namespace = namespaceOf(scaledObject);
  const position = index.positions.get(scaledObject) ?? Infinity;
  // Objects in charts declared alternatives of this one are never applied with it.
  const appliedTogether = (other: IConstruct) => !ChartAlternatives.areAlternatives(scaledObject, other);
  const scaledEarlier = (other: ScaledObject) => (index.positions.get(other) ?? Infinity) < position && appliedTogether(other);
  for (const other of (index.scaledObjectsByTarget.get(key) ?? []).filter(scaledEarlier)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-08'], 'target', scaledObject.target._describe(),
      `is already scaled by ScaledObject ${other.node.path} ("${other.name}"); a workload takes one autoscaler, so merge the triggers into one ScaledObject`).message);
  }
  for (const other of (index.scaledObjectsByHpaName.get(`${namespace ?? ''}|${scaledObject.hpaName}`) ?? []).filter(scaledEarlier)) {
    if (other._targetKey() === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is already managed by ScaledObject ${other.node.path} ("${other.name}"); choose another hpaName`).message);
  }
  for (const hpa of (index.hpasByTarget.get(key) ?? []).filter(appliedTogether)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-10'], 'target', scaledObject.target._describe(),
      `is already scaled by HorizontalPodAutoscaler ${hpa.node.path} ("${hpa.name}"); remove one of them. To hand a live HPA over to KEDA, drop it from the app and set transferHpaOwnership: true with hpaName: "${hpa.name}"`).message);
  }
  for (const hpa of (index.hpasByName.get(`${namespace ?? ''}|${scaledObject.hpaName}`) ?? []).filter(appliedTogether)) {
    if (hpaTargetKey(hpa) === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is the name of HorizontalPodAutoscaler ${hpa.node.path}; KEDA would take it over; choose another hpaName`).message);
  }
  return errors;
}
