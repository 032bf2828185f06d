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
  /** By position: each ScaledObject's target key and `<namespace>|<hpaName>`, built once and reused as map keys. */
  readonly targetKeys: string[];
  readonly hpaKeys: string[];
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
    positions: new Map(),
    targetKeys: [],
    hpaKeys: [],
    scaledObjectsByTarget: new Map(),
    scaledObjectsByHpaName: new Map(),
    hpasByTarget: new Map(),
    hpasByName: new Map(),
  };
  // read once: each `kplus.X` is a getter of cdk8s-plus's index, and the loop visits every construct of the app
  const HorizontalPodAutoscaler = kplus.HorizontalPodAutoscaler;
  for (const construct of constructs) {
    if (isScaledObject(construct)) {
      const targetKey = construct._targetKey();
      const hpaKey = `${construct.metadata.namespace ?? ''}|${construct.hpaName}`;
      index.positions.set(construct, index.positions.size);
      index.targetKeys.push(targetKey);
      index.hpaKeys.push(hpaKey);
      push(index.scaledObjectsByTarget, targetKey, construct);
      push(index.scaledObjectsByHpaName, hpaKey, construct);
    } else if (construct instanceof HorizontalPodAutoscaler) {
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
  return [...index.positions.keys()].flatMap((scaledObject, position) => autoscalerConflicts(scaledObject, position, index));
}

/** The others of `list`, in order, that pass `keep`; the ScaledObject itself is never one (it is not scaled earlier). */
function othersOf<T>(list: readonly T[] | undefined, self: unknown, keep: (other: T) => boolean): T[] {
  // most lists hold the ScaledObject alone
  if (list === undefined || (list.length === 1 && list[0] === self)) return [];
  return list.filter(keep);
}

/** SO-08, SO-09, SO-10: a ScaledObject's conflicts with the other autoscalers of the app. */
function autoscalerConflicts(scaledObject: ScaledObjectView, position: number, index: AutoscalerIndex): string[] {
  const errors: string[] = [];
  const key = index.targetKeys[position];
  const hpaKey = index.hpaKeys[position];
  // Objects in charts declared alternatives of this one are never applied with it.
  const appliedTogether = (other: IConstruct) => !ChartAlternatives.areAlternatives(scaledObject, other);
  const scaledEarlier = (other: ScaledObjectView) => (index.positions.get(other) ?? Infinity) < position && appliedTogether(other);
  for (const other of othersOf(index.scaledObjectsByTarget.get(key), scaledObject, scaledEarlier)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-08'], 'target', scaledObject.target.describe(),
      `is already scaled by ScaledObject ${other.node.path} ("${other.name}"); a workload takes one autoscaler, so merge the triggers into one ScaledObject`).message);
  }
  for (const other of othersOf(index.scaledObjectsByHpaName.get(hpaKey), scaledObject, scaledEarlier)) {
    if (other._targetKey() === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is already managed by ScaledObject ${other.node.path} ("${other.name}"); choose another hpaName`).message);
  }
  for (const hpa of othersOf(index.hpasByTarget.get(key), scaledObject, appliedTogether)) {
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-10'], 'target', scaledObject.target.describe(),
      `is already scaled by HorizontalPodAutoscaler ${hpa.node.path} ("${hpa.name}"); remove one of them. To hand a live HPA over to KEDA, drop it from the app and set transferHpaOwnership: true with hpaName: "${hpa.name}"`).message);
  }
  for (const hpa of othersOf(index.hpasByName.get(hpaKey), scaledObject, appliedTogether)) {
    if (hpaTargetKey(hpa) === key) continue;
    errors.push(invalidInput(scaledObject, KEDA_RULES['SO-09'], 'hpaName', scaledObject.hpaName, `is the name of HorizontalPodAutoscaler ${hpa.node.path}; KEDA would take it over; choose another hpaName`).message);
  }
  return errors;
}
