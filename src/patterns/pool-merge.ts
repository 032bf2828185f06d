// Internal: how a pattern combines the settings its pools share with one pool's own options.
import { NodePoolOptions, NodePoolSettings } from '../karpenter';

function joined<T>(shared: T[] | undefined, own: T[] | undefined): T[] | undefined {
  return shared === undefined && own === undefined ? undefined : [...shared ?? [], ...own ?? []];
}

function merged(shared: { [key: string]: string } | undefined, own: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  return shared === undefined && own === undefined ? undefined : { ...shared, ...own };
}

/**
 * One pool's options over the settings a pattern's pools share: labels and annotations merge (the pool's win),
 * requirements, taints, startup taints and disruption budgets add up (shared first), and any other option
 * the pool sets replaces the shared one. A NodePool option added later reaches the patterns this way unchanged.
 */
export function mergePoolOptions(shared: NodePoolSettings, own: NodePoolOptions = {}): NodePoolOptions {
  return {
    ...shared,
    ...Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)),
    labels: merged(shared.labels, own.labels),
    annotations: merged(shared.annotations, own.annotations),
    requirements: joined(shared.requirements, own.requirements),
    taints: joined(shared.taints, own.taints),
    startupTaints: joined(shared.startupTaints, own.startupTaints),
    disruptionBudgets: joined(shared.disruptionBudgets, own.disruptionBudgets),
  };
}
