import { ApiObject, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { ResourceList } from './instance-catalog-data';
import { parseQuantity } from './quantity';
import { RequirementOperator, RequirementSpec } from './requirements';
import { TolerationSpec } from './scheduling';
import { nodeSelectorOf, podSpecPath } from '../../core/placement';
import { existingStateOf, stateOf } from '../../core/tree-state';

/**
 * What the capacity checks read of a cdk8s-plus workload: one pod's requests, its node requirements and its
 * tolerations. cpu, memory and ephemeral-storage come from the containers' resources (cdk8s-plus's defaults
 * included; a limit without a request counts as the request, as Kubernetes defaults it) and extended resources from
 * what the library added (`GpuNodePool.schedule`). The nodeSelector, required node affinity and tolerations come from
 * the workload's rendered pod spec (`PodPlacementFields`), JSON patches included: cdk8s-plus has no public reader for
 * tolerations and node affinity, only its rendering.
 */

const EXTENDED_REQUESTS_ID = 'cdk8s-eks-autoscaling.capacity.extendedRequests';

/** Records that the library requested an extended resource (`nvidia.com/gpu`) on one container of a workload. */
export function recordExtendedRequest(workload: kplus.AbstractPod, container: kplus.Container, resource: string, quantity: number): void {
  const requests = stateOf(workload, EXTENDED_REQUESTS_ID, () => new Map<kplus.Container, Record<string, number>>());
  requests.set(container, { ...requests.get(container), [resource]: quantity });
}

/** A pod as the capacity checks see it. */
export interface WorkloadView {
  readonly workload: kplus.Workload;
  /** One pod's requests in base units (cores, bytes, counts); `pods` is not among them. */
  readonly requests: ResourceList;
  /**
   * The pod's node requirements: the nodeSelector joined with each required node-affinity term (terms are ORed);
   * one entry (the nodeSelector alone, maybe empty) without node affinity.
   */
  readonly terms: readonly (readonly RequirementSpec[])[];
  readonly tolerations: readonly TolerationSpec[];
  /** Identifies the terms, for caches. */
  readonly termsSignature: string;
  /** Identifies the requests, for caches. */
  readonly requestsSignature: string;
}

const bytesOf = (size: Size | undefined) => (size ? size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024 : undefined);

/** A container's requests in base units. */
function containerRequests(container: kplus.Container, extended: Record<string, number> | undefined): Record<string, number> {
  const r = container.resources;
  const requests: Record<string, number> = {};
  const cpu = r?.cpu?.request ?? r?.cpu?.limit;
  const cpuCores = cpu ? parseQuantity(cpu.amount) : undefined;
  if (cpuCores !== undefined && cpuCores > 0) requests.cpu = cpuCores;
  const memory = bytesOf(r?.memory?.request ?? r?.memory?.limit);
  if (memory !== undefined && memory > 0) requests.memory = memory;
  const storage = bytesOf(r?.ephemeralStorage?.request ?? r?.ephemeralStorage?.limit);
  if (storage !== undefined && storage > 0) requests['ephemeral-storage'] = storage;
  for (const [name, amount] of Object.entries(extended ?? {})) requests[name] = (requests[name] ?? 0) + amount;
  return requests;
}

function add(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [name, amount] of Object.entries(from)) into[name] = (into[name] ?? 0) + amount;
}

function maxInto(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [name, amount] of Object.entries(from)) into[name] = Math.max(into[name] ?? 0, amount);
}

/**
 * One pod's effective requests (the Kubernetes formula): the larger of the app containers plus the sidecars
 * (init containers with restartPolicy Always) and, for each plain init container, its requests plus the sidecars
 * started before it.
 */
export function podRequests(workload: kplus.AbstractPod): ResourceList {
  const extended = existingStateOf<Map<kplus.Container, Record<string, number>>>(workload, EXTENDED_REQUESTS_ID);
  const total: Record<string, number> = {};
  for (const container of workload.containers) add(total, containerRequests(container, extended?.get(container)));
  const sidecars: Record<string, number> = {};
  const init: Record<string, number> = {};
  for (const container of workload.initContainers) {
    const requests = containerRequests(container, extended?.get(container));
    if (container.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS) {
      add(sidecars, requests);
    } else {
      const during = { ...sidecars };
      add(during, requests);
      maxInto(init, during);
    }
  }
  add(total, sidecars);
  maxInto(total, init);
  return total;
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

/** The fields of a rendered pod spec that place the pod on nodes. */
export interface PodPlacementFields {
  /** @default - none */
  readonly nodeSelector?: { readonly [key: string]: string };
  /** `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`. @default - none */
  readonly requiredTerms?: readonly any[];
  /** @default - none */
  readonly tolerations?: readonly any[];
}

/** The placement fields of `workload`'s rendered document (its pod spec, wherever the kind keeps it). */
export function placementFieldsOf(workload: kplus.AbstractPod, document: unknown): PodPlacementFields {
  let spec: any = document;
  for (const segment of podSpecPath(workload).split('/').slice(1)) spec = spec?.[segment];
  return {
    nodeSelector: spec?.nodeSelector,
    requiredTerms: spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    tolerations: spec?.tolerations,
  };
}

/**
 * Renders `workload` as cdk8s renders it and reads its placement fields; undefined when rendering throws (synth
 * reports that itself).
 */
export function renderedPlacementFields(workload: kplus.AbstractPod): PodPlacementFields | undefined {
  try {
    return placementFieldsOf(workload, ApiObject.of(workload).toJson());
  } catch {
    return undefined;
  }
}

/** The pod's required node-affinity terms as requirement specs (each term's expressions ANDed). */
function affinityTerms(terms: readonly any[]): RequirementSpec[][] {
  return terms.map(term => (term?.matchExpressions ?? [])
    .filter((e: any) => OPERATORS.has(e?.operator))
    .map((e: any) => ({ key: e.key, operator: e.operator as RequirementOperator, values: e.values ?? [] })));
}

/**
 * Reads a workload's pod: requests from the construct, node requirements and tolerations from `placement` (the
 * rendered pod spec). Without it (the workload could not be rendered), only the nodeSelector the library added counts.
 */
export function workloadView(workload: kplus.Workload, placement: PodPlacementFields | undefined): WorkloadView {
  const requests = podRequests(workload);
  const nodeSelector = placement ? placement.nodeSelector ?? {} : nodeSelectorOf(workload);
  const selector: RequirementSpec[] = Object.entries(nodeSelector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, operator: 'In', values: [String(value)] }));
  const affinity = affinityTerms(placement?.requiredTerms ?? []);
  const terms = affinity.length === 0 ? [selector] : affinity.map(term => [...selector, ...term]);
  const tolerations = (placement?.tolerations ?? []).map((t: any) => ({ key: t?.key, operator: t?.operator, value: t?.value, effect: t?.effect }));
  return {
    workload,
    requests,
    terms,
    tolerations,
    termsSignature: JSON.stringify(terms),
    requestsSignature: JSON.stringify(Object.entries(requests).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}
