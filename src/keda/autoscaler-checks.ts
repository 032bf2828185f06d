import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { ScaledObjectView } from './scaled-object-checks';
import { ChartAlternatives } from '../common/chart-alternatives';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { namespaceOf } from '../core/service-refs';

/** The key under which the check is registered once per app (`addAppCheck`). @internal */
export const ONE_AUTOSCALER_PER_WORKLOAD = 'keda.one-autoscaler-per-workload';

/** Every autoscaler of an app, by what it scales and by the HPA name it owns. */
interface AutoscalerIndex {
  readonly positions: Map<ScaledObjectView, number>;
  readonly scaledObjectsByTarget: Map<string, ScaledObjectView[]>;
  readonly scaledObjectsByHpaName: Map<string, ScaledObjectView[]>;
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

/** One index of the app's autoscalers, built for one validation pass (never kept). */
function buildAutoscalerIndex(constructs: readonly IConstruct[], isScaledObject: (c: IConstruct) => c is ScaledObjectView): AutoscalerIndex {
  const index: AutoscalerIndex = {
    positions: new Map(), scaledObjectsByTarget: new Map(), scaledObjectsByHpaName: new Map(), hpasByTarget: new Map(), hpasByName: new Map(),
  };
  for (const construct of constructs) {
    if (isScaledObject(construct)) {
      index.positions.set(construct, index.positions.size);
      push(index.scaledObjectsByTarget, construct._targetKey(), construct);
      push(index.scaledObjectsByHpaName, `${construct.metadata.namespace ?? ''}|${construct.hpaName}`, construct);
    } else if (construct instanceof kplus.HorizontalPodAutoscaler) {
      push(index.hpasByTarget, hpaTargetKey(construct), construct);
      push(index.hpasByName, `${namespaceOf(construct) ?? ''}|${construct.name}`, construct);
    }
  }
  return index;
}

/**
 * SO-08, SO-09, SO-10 over the whole app: one index of its autoscalers per validation pass, shared by every
 * ScaledObject's conflict check. `isScaledObject` tells the ScaledObjects apart (passed in, so this file
 * does not load scaled-object.ts). @internal
 */
export function oneAutoscalerPerWorkload(constructs: readonly IConstruct[], isScaledObject: (c: IConstruct) => c is ScaledObjectView): string[] {
  const index = buildAutoscalerIndex(constructs, isScaledObject);
  return [...index.positions.keys()].flatMap(scaledObject => autoscalerConflicts(scaledObject, index));
}

/** SO-08, SO-09, SO-10: a ScaledObject's conflicts with the other autoscalers of the app. */
function autoscalerConflicts(scaledObject: ScaledObjectView, index: AutoscalerIndex): string[] {
  const errors: string[] = [];
  const key = scaledObject._targetKey();
  const namespace = scaledObject.metadata.namespace;
  const position = index.positions.get(scaledObject) ?? Infinity;
  // Objects in charts declared alternatives of this one are never applied with it.
  const appliedTogether = (other: IConstruct) => !ChartAlternatives.areAlternatives(scaledObject, other);
  const scaledEarlier = (other: ScaledObjectView) => (index.positions.get(other) ?? Infinity) < position && appliedTogether(other);
  for (const other of (index.scaledObjectsByTarget.get(key) ?? []).filter(scaledEarlier)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-08'], 'target', scaledObject.target.describe(),
      `is already scaled by ScaledObject ${other.node.path} ("${other.name}"); a workload takes one autoscaler, so merge the triggers into one ScaledObject`).message);
  }
  for (const other of (index.scaledObjectsByHpaName.get(`${namespace ?? ''}|${scaledObject.hpaName}`) ?? []).filter(scaledEarlier)) {
    if (other._targetKey() === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is already managed by ScaledObject ${other.node.path} ("${other.name}"); choose another hpaName`).message);
  }
  for (const hpa of (index.hpasByTarget.get(key) ?? []).filter(appliedTogether)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-10'], 'target', scaledObject.target.describe(),
      `is already scaled by HorizontalPodAutoscaler ${hpa.node.path} ("${hpa.name}"); remove one of them. To hand a live HPA over to KEDA, drop it from the app and set transferHpaOwnership: true with hpaName: "${hpa.name}"`).message);
  }
  for (const hpa of (index.hpasByName.get(`${namespace ?? ''}|${scaledObject.hpaName}`) ?? []).filter(appliedTogether)) {
    if (hpaTargetKey(hpa) === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is the name of HorizontalPodAutoscaler ${hpa.node.path}; KEDA would take it over; choose another hpaName`).message);
  }
  return errors;
}
