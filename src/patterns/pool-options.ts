import { NodePoolOptions } from '../karpenter';

/** The NodePool settings of a pattern's props, without the pattern's own fields. */
export function nodePoolOptions(props: NodePoolOptions): NodePoolOptions {
  return {
    requirements: props.requirements,
    labels: props.labels,
    annotations: props.annotations,
    taints: props.taints,
    startupTaints: props.startupTaints,
    expireAfter: props.expireAfter,
    terminationGracePeriod: props.terminationGracePeriod,
    consolidationPolicy: props.consolidationPolicy,
    consolidateAfter: props.consolidateAfter,
    disruptionBudgets: props.disruptionBudgets,
    limits: props.limits,
    weight: props.weight,
    replicas: props.replicas,
  };
}
