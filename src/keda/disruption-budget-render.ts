import { ApiObject, ApiObjectProps, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ScaledObjectDisruptionBudget } from './disruption-budget';
import { WorkloadReference } from '../common/references';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { namespaceOf } from '../core/service-refs';
import { validateRenderedDocument, validatesItsOwnRender } from '../validation/synth-validation';

/**
 * Creates the PodDisruptionBudget (policy/v1) a ScaledObject asks for, as its child `PodDisruptionBudget`:
 * by default maxUnavailable 1 with unhealthyPodEvictionPolicy AlwaysAllow, when the target is a workload
 * construct and at least two replicas may run. Fails when one is requested for a workload referenced by name
 * (SO-34): its pods' labels are unknown. @internal
 */
export function createDisruptionBudget(scope: IConstruct, target: WorkloadReference, requested: ScaledObjectDisruptionBudget | undefined,
  maxReplicas: number): ApiObject | undefined {
  const policy = requested ?? ScaledObjectDisruptionBudget.maxUnavailable(1);
  const workload = target.workload;
  if (!policy.enabled) return undefined;
  if (!workload) {
    if (requested === undefined) return undefined;
    throw invalidInput(scope, KEDA_RULES['SO-34'], 'podDisruptionBudget', target.describe(),
      'needs a workload construct (WorkloadReference.fromWorkload) to select its pods; use ScaledObjectDisruptionBudget.none() for references');
  }
  if (requested === undefined && maxReplicas < 2) return undefined;
  const maxUnavailable = policy._maxUnavailable(scope, 'podDisruptionBudget');
  return new CheckedPodDisruptionBudget(scope, 'PodDisruptionBudget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: workload.name, namespace: namespaceOf(workload) },
    spec: Lazy.any({
      produce: () => ({ maxUnavailable, selector: { matchLabels: workload.matchLabels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' }),
    }),
  });
}

/**
 * The budget, written as plain JSON (no generated class to convert it again), checks its own document as cdk8s
 * renders it, as the library's custom resources do, so the final validation pass does not render it a second time.
 */
class CheckedPodDisruptionBudget extends ApiObject {
  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    validatesItsOwnRender(this);
  }

  public toJson(): any {
    const document = super.toJson();
    validateRenderedDocument(this, document);
    return document;
  }
}
