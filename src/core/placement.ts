import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { checkLabelValue, checkQualifiedName } from './checks';
import { invalidInput } from './errors';
import { GENERAL_RULES } from './rules';
import { existingStateOf, stateOf } from './tree-state';

/**
 * Pod-level fields cdk8s-plus has no API for (nodeSelector, extended resources such as
 * `nvidia.com/gpu`), added as JSON patches on the workload's ApiObject. Every helper that
 * writes the same field shares one patch per workload, so repeated calls merge instead of
 * overwriting each other.
 *
 * The generated k8s classes convert their props to manifest JSON after the patches apply,
 * so patch values take the props' shape (e.g. quantities as `k8s.Quantity`).
 */

/** JSON pointer of the pod spec inside a workload's manifest. */
export function podSpecPath(workload: kplus.AbstractPod): string {
  switch (workload.kind) {
    case 'Pod': return '/spec';
    case 'CronJob': return '/spec/jobTemplate/spec/template/spec';
    default: return '/spec/template/spec';
  }
}

const NODE_SELECTOR_ID = 'cdk8s-eks-autoscaling.nodeSelector';

/**
 * Adds `nodeSelector` entries to a workload's pods. Selecting a label already selected
 * with another value fails: no node could satisfy both.
 */
export function addNodeSelector(workload: kplus.AbstractPod, selector: Record<string, string>): void {
  if (Object.keys(selector).length === 0) return;
  const current = stateOf(workload, NODE_SELECTOR_ID, () => {
    const created: Record<string, string> = {};
    // The patch holds this map by reference; cdk8s copies it only when it synthesizes,
    // so entries added by later calls are included.
    ApiObject.of(workload).addJsonPatch(JsonPatch.add(`${podSpecPath(workload)}/nodeSelector`, created));
    return created;
  });
  for (const [key, value] of Object.entries(selector)) {
    checkQualifiedName(workload, 'nodeSelector key', key);
    checkLabelValue(workload, `nodeSelector[${JSON.stringify(key)}]`, value);
    const existing = current[key];
    if (existing !== undefined && existing !== value) {
      throw invalidInput(workload, GENERAL_RULES['GEN-22'], `nodeSelector[${JSON.stringify(key)}]`, value,
        `already selects ${JSON.stringify(existing)}; a pod can require only one value per node label`);
    }
    current[key] = value;
  }
}

/** The nodeSelector entries added to a workload so far. */
export function nodeSelectorOf(workload: kplus.AbstractPod): Record<string, string> {
  return { ...(existingStateOf<Record<string, string>>(workload, NODE_SELECTOR_ID) ?? {}) };
}

/** JSON-pointer escaping of one path segment (`nvidia.com/gpu` → `nvidia.com~1gpu`). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function hasLimits(resources: kplus.ContainerResources | undefined): boolean {
  return !!(resources?.cpu?.limit || resources?.memory?.limit || resources?.ephemeralStorage?.limit);
}

function hasRequests(resources: kplus.ContainerResources | undefined): boolean {
  return !!(resources?.cpu?.request || resources?.memory?.request || resources?.ephemeralStorage?.request);
}

type QuantityMap = Record<string, kplus.k8s.Quantity>;
const EXTENDED_RESOURCES_ID = 'cdk8s-eks-autoscaling.extendedResources';
type AddedResources = { limits?: QuantityMap; requests?: QuantityMap };

/**
 * Requests and limits an extended resource (e.g. `nvidia.com/gpu`) on one container.
 * Kubernetes requires extended resources to have equal requests and limits, so both are set.
 */
export function addExtendedResource(workload: kplus.AbstractPod, container: kplus.Container, resource: string, quantity: number): void {
  const index = workload.containers.indexOf(container);
  if (index < 0) {
    throw invalidInput(workload, GENERAL_RULES['GEN-23'], 'container', container.name, `must be one of this workload's containers: ${workload.containers.map(c => c.name).join(', ')}`);
  }
  const field = `containers[${index}].resources[${JSON.stringify(resource)}]`;
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw invalidInput(workload, GENERAL_RULES['GEN-24'], field, quantity, 'must be a positive integer (extended resources cannot be fractional)');
  }
  const base = `${podSpecPath(workload)}/containers/${index}/resources`;
  const value = kplus.k8s.Quantity.fromString(String(quantity));
  const apiObject = ApiObject.of(workload);
  const addedByContainer = stateOf(workload, EXTENDED_RESOURCES_ID, () => new Map<kplus.Container, AddedResources>());
  let added = addedByContainer.get(container);
  if (!added) {
    added = {};
    addedByContainer.set(container, added);
    // cdk8s-plus omits empty resources, limits and requests: create the missing parents once.
    // The maps are held by reference and copied at synth, so later resources join them.
    if (!hasLimits(container.resources) && !hasRequests(container.resources)) apiObject.addJsonPatch(JsonPatch.add(base, {}));
    if (!hasLimits(container.resources)) {
      added.limits = {};
      apiObject.addJsonPatch(JsonPatch.add(`${base}/limits`, added.limits));
    }
    if (!hasRequests(container.resources)) {
      added.requests = {};
      apiObject.addJsonPatch(JsonPatch.add(`${base}/requests`, added.requests));
    }
  }
  for (const kind of ['limits', 'requests'] as const) {
    const own = added[kind];
    if (own) own[resource] = value;
    else apiObject.addJsonPatch(JsonPatch.add(`${base}/${kind}/${escapePointer(resource)}`, value));
  }
}
