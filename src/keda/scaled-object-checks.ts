import { ApiObjectMetadataDefinition } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { FallbackBehavior, ScaledObjectFallback } from './fallback';
import { KedaVersion } from './keda-version';
import { PodIdentityOwner } from './pod-identity';
import { ScaledObjectProps } from './scaled-object-props';
import { ScalerTrigger } from './trigger';
import { TriggerAuthenticationBase } from './trigger-authentication-base';
import { MetricTargetType } from './trigger-options';
import { checkWorkloadReference } from '../common/reference-checks';
import { WorkloadReference } from '../common/references';
import { checkFactoryValue, checkInteger, checkNumber, checkObjectName, INT32_MAX } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { KEDA_RULES, ruleById } from '../core/rules';
import { addWarning } from '../core/warnings';
import { uncompilableFormulaProblem, unknownFormulaVariablesProblem } from '../validation/operator-rules/keda-formula';

// The rules KEDA's admission webhook and controller apply to a ScaledObject, checked at construction
// (props) and at synth (triggers, the target workload construct, authentications).

/**
 * What the checks read of a ScaledObject. The class is not imported here (it imports this file); ScaledObject
 * has this shape. @internal
 */
export interface ScaledObjectView extends IConstruct {
  readonly name: string;
  readonly metadata: ApiObjectMetadataDefinition;
  readonly target: WorkloadReference;
  readonly kedaVersion: KedaVersion;
  /** @default - none: no fallback */
  readonly fallback?: ScaledObjectFallback;
  readonly triggers: ScalerTrigger[];
  readonly hpaName: string;
  /** The workload it scales, as `<namespace>|<apiVersion>|<kind>|<name>`. */
  _targetKey(): string;
}

const KEDA_DEFAULT_MAX_REPLICAS = 100;
const LABEL_VALUE_MAX = 63;
const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** minReplicas and maxReplicas as KEDA applies them (defaults 0 and 100). @internal */
export function replicaRange(props: ScaledObjectProps): { readonly min: number; readonly max: number } {
  return { min: props.minReplicas ?? 0, max: props.maxReplicas ?? KEDA_DEFAULT_MAX_REPLICAS };
}

/** The target's workload construct as a scale target: a Deployment or StatefulSet. @internal */
export function scalableOf(target: WorkloadReference): kplus.IScalable | undefined {
  const workload: object | undefined = target.workload;
  if (workload === undefined || !('toScalingTarget' in workload) || !('markHasAutoscaler' in workload)) return undefined;
  return typeof workload.toScalingTarget === 'function' && typeof workload.markHasAutoscaler === 'function' ? workload as kplus.IScalable : undefined;
}

/** SO-25, SO-40: a reference names a workload KEDA can resolve; a workload construct serves /scale. @internal */
export function checkTarget(so: ScaledObjectView, target: WorkloadReference): void {
  checkWorkloadReference(so, 'target', target, KEDA_RULES['SO-25']);
  if (target.workload !== undefined && scalableOf(target) === undefined) {
    const job = target.kind === 'Job' ? '; scale Jobs with a KEDA ScaledJob' : '';
    throw invalidInput(so, KEDA_RULES['SO-40'], 'target', target.describe(),
      `must be a scalable workload (a Deployment or StatefulSet): KEDA scales through the /scale subresource, which a ${target.kind} does not serve${job}`);
  }
}

/** SO-05, SO-06 and the CRD's minimums. @internal */
export function checkReplicaBounds(so: ScaledObjectView, props: ScaledObjectProps): void {
  const { minReplicas, maxReplicas, idleReplicas } = props;
  const range = replicaRange(props);
  checkInteger(so, KEDA_RULES['SO-26'], 'minReplicas', minReplicas, 0, INT32_MAX);
  checkInteger(so, KEDA_RULES['SO-26'], 'maxReplicas', maxReplicas, 1, INT32_MAX);
  if (range.min > range.max) {
    const max = maxReplicas === undefined ? `KEDA's default maxReplicas (${KEDA_DEFAULT_MAX_REPLICAS})` : `maxReplicas (${maxReplicas})`;
    throw invalidInput(so, KEDA_RULES['SO-05'], 'minReplicas', range.min, `must be less than or equal to ${max}`);
  }
  if (idleReplicas !== undefined) {
    if (idleReplicas !== 0) throw invalidInput(so, KEDA_RULES['SO-06'], 'idleReplicas', idleReplicas, 'must be 0: it is the only value the HPA supports; for a floor above zero set minReplicas instead');
    if (range.min < 1) throw invalidInput(so, KEDA_RULES['SO-06'], 'minReplicas', minReplicas, 'must be at least 1 when idleReplicas is set: idleReplicas must be less than minReplicas');
  }
}

/** SO-17, SO-18, SO-29 and the KEDA-version gates of `fallback.behavior` (SO-28). @internal */
export function checkFallback(so: ScaledObjectView, props: ScaledObjectProps): void {
  const f = props.fallback;
  if (!f) return;
  const version = so.kedaVersion;
  checkInteger(so, KEDA_RULES['SO-17'], 'fallback.replicas', f.replicas, 0, INT32_MAX);
  checkInteger(so, KEDA_RULES['SO-17'], 'fallback.failureThreshold', f.failureThreshold, 0, INT32_MAX);
  if (f.behavior !== undefined && !version._atLeast(17)) {
    throw invalidInput(so, KEDA_RULES['SO-28'], 'fallback.behavior', f.behavior.value, `needs KEDA 2.17 or later (target: ${version}); older releases reject or silently drop the field`);
  }
  if (f.behavior === FallbackBehavior.SCALING_MODIFIERS) {
    if (!version._atLeast(20)) {
      throw invalidInput(so, KEDA_RULES['SO-28'], 'fallback.behavior', f.behavior.value, `needs KEDA 2.20 or later (target: ${version})`);
    }
    if (!props.scalingModifiers) {
      throw invalidInput(so, KEDA_RULES['SO-18'], 'fallback.behavior', f.behavior.value, 'needs scalingModifiers with a formula');
    }
  }
  const { min, max } = replicaRange(props);
  if (f.replicas < min || f.replicas > max) {
    addWarning(so, KEDA_RULES['SO-29'], `fallback.replicas: ${f.replicas} is outside minReplicas..maxReplicas (${min}..${max}); the HPA clamps it`);
  }
}

/** SO-30, SO-31, SO-32. @internal */
export function checkScalingModifiers(so: ScaledObjectView, props: ScaledObjectProps): void {
  const m = props.scalingModifiers;
  if (!m) return;
  const uncompilable = uncompilableFormulaProblem(m.formula);
  if (uncompilable) throw invalidInput(so, ruleById(uncompilable.ruleId), 'scalingModifiers.formula', m.formula, uncompilable.problem);
  checkFactoryValue(so, 'scalingModifiers.metricType', m.metricType, MetricTargetType);
  checkNumber(so, KEDA_RULES['SO-31'], 'scalingModifiers.target', m.target, { min: 0, exclusiveMin: true });
  checkNumber(so, KEDA_RULES['SO-31'], 'scalingModifiers.activationTarget', m.activationTarget, { min: 0 });
  if (m.metricType === MetricTargetType.UTILIZATION) {
    throw invalidInput(so, KEDA_RULES['SO-32'], 'scalingModifiers.metricType', m.metricType.value, 'must be AverageValue or Value: the composite metric is external');
  }
}

/** SO-13: the name is a label value, and the HPA name derived from it must be one too. @internal */
export function checkNames(so: ScaledObjectView, props: ScaledObjectProps): void {
  const name = so.name;
  if (name.length > LABEL_VALUE_MAX) {
    throw invalidInput(so, KEDA_RULES['SO-13'], 'metadata.name', name, `must be at most ${LABEL_VALUE_MAX} characters: KEDA writes it into the scaledobject.keda.sh/name label`);
  }
  if (props.hpaName !== undefined) {
    checkObjectName(so, 'hpaName', props.hpaName);
    if (props.hpaName.length > LABEL_VALUE_MAX) throw invalidInput(so, KEDA_RULES['SO-13'], 'hpaName', props.hpaName, `must be at most ${LABEL_VALUE_MAX} characters`);
  } else if (so.hpaName.length > LABEL_VALUE_MAX) {
    throw invalidInput(so, KEDA_RULES['SO-13'], 'metadata.name', name, `must be at most ${LABEL_VALUE_MAX - 'keda-hpa-'.length} characters, because KEDA names its HPA "keda-hpa-<name>"; or set hpaName`);
  }
}

/** SO-22: KEDA warns about timers that only act at zero replicas. @internal */
export function warnIrrelevantTimers(so: ScaledObjectView, props: ScaledObjectProps): void {
  const scalesToZero = replicaRange(props).min === 0 || props.idleReplicas === 0;
  const cached = (props.triggers ?? []).some(t => t._cachesMetrics);
  if (props.pollingInterval !== undefined && !scalesToZero && !cached) {
    addWarning(so, KEDA_RULES['SO-22'], 'pollingInterval: only matters when minReplicas or idleReplicas is 0, or a trigger uses useCachedMetrics; above zero the HPA polls on its own');
  }
  if (props.cooldownPeriod !== undefined && !scalesToZero) {
    addWarning(so, KEDA_RULES['SO-22'], 'cooldownPeriod: only matters when minReplicas or idleReplicas is 0; scale-in above zero follows behavior.scaleDown');
  }
}

/** The checks that need every trigger: run at synth. @internal */
export function validateScaledObject(so: ScaledObjectView, props: ScaledObjectProps): string[] {
  const triggers = so.triggers;
  if (triggers.length === 0) {
    return [invalidInputMessage(so, KEDA_RULES['SO-01'], 'triggers', [], 'needs at least one trigger')];
  }
  return [
    ...validateResourceOnly(so, props, triggers),
    ...validateFallbackTriggers(so, triggers),
    ...validateFormula(so, props, triggers),
    ...validateTargetWorkload(so, props, triggers),
    ...validateAuthentications(so, triggers),
  ];
}

/** SO-12 */
function validateResourceOnly(so: ScaledObjectView, props: ScaledObjectProps, triggers: ScalerTrigger[]): string[] {
  if (!triggers.every(t => t.isResourceMetric) || replicaRange(props).min > 0) return [];
  return [invalidInputMessage(so, KEDA_RULES['SO-12'], 'minReplicas', props.minReplicas, 'must be at least 1 when every trigger is cpu or memory: those cannot scale from zero')];
}

/** SO-16, for the targeted KEDA release. */
function validateFallbackTriggers(so: ScaledObjectView, triggers: ScalerTrigger[]): string[] {
  if (!so.fallback) return [];
  const external = triggers.filter(t => !t.isResourceMetric);
  const described = triggers.map(t => `${t.type}${t.metricType ? `/${t.metricType.value}` : ''}`);
  if (external.length === 0) {
    return [invalidInputMessage(so, KEDA_RULES['SO-16'], 'fallback', described, 'needs at least one trigger that is not cpu or memory: KEDA has no fallback for resource metrics')];
  }
  if (!so.kedaVersion._atLeast(17)) {
    const bad = triggers.filter(t => t.isResourceMetric || t.metricType === MetricTargetType.VALUE);
    return bad.length === 0 ? [] : [invalidInputMessage(so, KEDA_RULES['SO-16'], 'fallback', described,
      `on KEDA ${so.kedaVersion} needs every trigger to be AverageValue and none cpu or memory`)];
  }
  return external.every(t => t.metricType === MetricTargetType.VALUE)
    ? [invalidInputMessage(so, KEDA_RULES['SO-16'], 'fallback', described, 'needs at least one non-cpu/memory trigger with metricType AverageValue')]
    : [];
}

/** SO-33: the formula may only read named non-cpu/memory triggers. */
function validateFormula(so: ScaledObjectView, props: ScaledObjectProps, triggers: ScalerTrigger[]): string[] {
  const m = props.scalingModifiers;
  if (!m) return [];
  const names = triggers.filter(t => !t.isResourceMetric && t.name !== undefined).map(t => t.name!);
  const problem = unknownFormulaVariablesProblem(m.formula, names);
  return problem ? [invalidInputMessage(so, KEDA_RULES['SO-33'], 'scalingModifiers.formula', m.formula, problem)] : [];
}

/** The target workload construct: namespace, no fixed replicas, requests for cpu/memory triggers. */
function validateTargetWorkload(so: ScaledObjectView, props: ScaledObjectProps, triggers: ScalerTrigger[]): string[] {
  const target = so.target;
  const scalable = scalableOf(target);
  if (!scalable) return [];
  const errors: string[] = [];
  const described = target.describe();
  const namespace = so.metadata.namespace;
  if (target.namespace !== namespace) {
    errors.push(invalidInputMessage(so, KEDA_RULES['SO-36'], 'metadata.namespace', namespace ?? '<unset>',
      `must be the namespace of the target ${described} (${target.namespace ?? '<unset>'}): KEDA scales workloads in its own namespace`));
  }
  const scaling = scalable.toScalingTarget();
  if (scaling.replicas !== undefined) {
    errors.push(invalidInputMessage(so, KEDA_RULES['SO-23'], 'target', `${described} with replicas: ${scaling.replicas}`,
      'must not set replicas: KEDA owns the replica count, and a fixed one fights it on every apply; remove replicas from the workload'));
  }
  const containerNames = scaling.containers.map(c => c.name);
  const env = props.envSourceContainerName;
  if (env !== undefined && !containerNames.includes(env)) {
    errors.push(invalidInputMessage(so, KEDA_RULES['SO-37'], 'envSourceContainerName', env, `must name a container of ${described}: ${containerNames.join(', ')}`));
  }
  triggers.forEach((t, i) => {
    if (t.isResourceMetric) errors.push(...validateRequests(so, t, i, scaling.containers));
  });
  return errors;
}

/** KEDA's webhook check (skipped on dry-run upstream): cpu/memory triggers need requests (SO-11, KT-09). */
function validateRequests(so: ScaledObjectView, trigger: ScalerTrigger, index: number, containers: kplus.Container[]): string[] {
  const resource = trigger.type as 'cpu' | 'memory';
  const field = `triggers[${index}]`;
  const containerName = trigger._metadata({ fallback: false }).containerName;
  const candidates = containerName === undefined ? containers : containers.filter(c => c.name === containerName);
  if (containerName !== undefined && candidates.length === 0) {
    return [invalidInputMessage(so, KEDA_RULES['KT-09'], `${field}.containerName`, containerName, `must name a container of ${so.target.describe()}: ${containers.map(c => c.name).join(', ')}`)];
  }
  return candidates
    .filter(c => !(c.resources?.[resource]?.request || c.resources?.[resource]?.limit))
    .map(c => invalidInputMessage(so, KEDA_RULES['SO-11'], field, `${resource} trigger on container "${c.name}" without a ${resource} request`,
      `every container the trigger measures needs a ${resource} request (or limit) for the HPA to compute utilization; set resources.${resource} or name one container with containerName`));
}

/** TA-08, TA-09: the authentication is reachable from this namespace and fits the workload's identity. */
function validateAuthentications(so: ScaledObjectView, triggers: ScalerTrigger[]): string[] {
  const errors: string[] = [];
  const namespace = so.metadata.namespace;
  triggers.forEach((t, i) => {
    const auth = t.authentication;
    if (!(auth instanceof TriggerAuthenticationBase)) return;
    const field = `triggers[${i}].authentication`;
    if (auth.kind === 'TriggerAuthentication' && auth.namespace !== namespace) {
      errors.push(invalidInputMessage(so, KEDA_RULES['TA-09'], field, `TriggerAuthentication/${auth.name} in namespace ${auth.namespace ?? '<unset>'}`,
        `must be in the ScaledObject's namespace (${namespace ?? '<unset>'}), or be a ClusterTriggerAuthentication; KEDA looks it up there`));
    }
    if (auth.podIdentity?.identityOwner === PodIdentityOwner.WORKLOAD) errors.push(...validateWorkloadIdentity(so, field, auth));
  });
  return errors;
}

function validateWorkloadIdentity(so: ScaledObjectView, field: string, auth: TriggerAuthenticationBase): string[] {
  const workload = so.target.workload;
  if (!workload) return [];
  const sa = workload.serviceAccount;
  if (sa === undefined) {
    addWarning(so, KEDA_RULES['TA-11'], `${field}: identityOwner workload makes KEDA use the target's ServiceAccount, but ${so.target.describe()} runs as the namespace's default one; it needs IRSA (${IRSA_ANNOTATION})`);
    return [];
  }
  if (!(sa instanceof kplus.ServiceAccount) || sa.metadata.toJson().annotations?.[IRSA_ANNOTATION] !== undefined) return [];
  return [invalidInputMessage(so, KEDA_RULES['TA-08'], field, `${auth.kind}/${auth.name} with identityOwner workload`,
    `needs IRSA on the target's ServiceAccount ${sa.name} (annotation ${IRSA_ANNOTATION}); EKS Pod Identity does not work with identityOwner workload — use roleArn instead`)];
}
