// Internal: what a workload placed on a NodePool selects, checked against what the pool can launch.
import * as kplus from 'cdk8s-plus-31';
import { familyArch, familyOfInstanceType, parseFamily } from './instance-catalog';
import { describeRequirement, effectiveRequirements, PoolView } from './node-pool-checks';
import { NodePoolPlacementOptions } from './node-pool-options';
import { NodeLabel, RequirementOperator } from './requirement';
import { checkLabelValue } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES } from '../core/rules';
import { addWarning } from '../core/warnings';

/**
 * The nodeSelector entries `options` ask of `pool` (not the pool's labels). Fails when the pool can never
 * launch a node matching them (e.g. Spot on an on-demand pool, a Graviton family on an amd64 pool).
 */
export function placementSelector(pool: PoolView, workload: kplus.Workload, options: NodePoolPlacementOptions): { [key: string]: string } {
  const selector: { [key: string]: string } = {};
  // Fails unless every pool requirement on the label allows the value; returns the node label key.
  const checkAllowed = (label: NodeLabel, value: string, field: string): string => {
    checkLabelValue(workload, field, value);
    const key = label.keyFor(pool.nodeClass);
    const refusing = effectiveRequirements(pool, key).find(r => !r.allows(value));
    if (refusing) {
      throw invalidInput(workload, KARPENTER_RULES['NP-43'], field, value, `must be allowed by NodePool ${pool.node.path}, which requires ${describeRequirement(key, refusing)}`);
    }
    return key;
  };
  const select = (label: NodeLabel, value: string | undefined, field: string) => {
    if (value !== undefined) selector[checkAllowed(label, value, field)] = value;
  };
  select(NodeLabel.CAPACITY_TYPE, options.capacityType?.value, 'capacityType');
  select(NodeLabel.ARCH, options.arch?.value, 'arch');
  select(NodeLabel.INSTANCE_TYPE, options.instanceType, 'instanceType');
  select(NodeLabel.ZONE, options.zone, 'zone');
  select(NodeLabel.INSTANCE_FAMILY, options.instanceFamily, 'instanceFamily');

  // A family implies its category, generation and architecture: the pool must allow those too.
  const family = impliedFamily(options);
  const parsed = family ? parseFamily(family) : undefined;
  if (family && parsed) {
    checkAllowed(NodeLabel.INSTANCE_CATEGORY, parsed.category, `instance family ${family}'s category`);
    checkAllowed(NodeLabel.INSTANCE_GENERATION, String(parsed.generation), `instance family ${family}'s generation`);
  }
  const impliedArch = family ? familyArch(family) : undefined;
  if (impliedArch) {
    if (options.arch && options.arch.value !== impliedArch) {
      throw invalidInput(workload, KARPENTER_RULES['NP-44'], 'arch', options.arch.value, `must match instance family ${family}, which is ${impliedArch}`);
    }
    checkAllowed(NodeLabel.ARCH, impliedArch, `instance family ${family}'s architecture`);
  }
  return selector;
}

/** Warns when a workload that pins no architecture lands on a pool that launches several. */
export function warnUnpinnedArch(pool: PoolView, workload: kplus.Workload, options: NodePoolPlacementOptions): void {
  if (options.arch) return;
  const family = impliedFamily(options);
  if (family && familyArch(family)) return;
  const archs = allowedArchs(pool);
  if (archs.length > 1) {
    addWarning(workload, KARPENTER_RULES['NP-45'], `is placed on NodePool ${pool.node.path}, which launches ${archs.join(' and ')} nodes: its images must be multi-arch, or pass arch to pin one`);
  }
}

function impliedFamily(options: NodePoolPlacementOptions): string | undefined {
  return options.instanceFamily ?? (options.instanceType ? familyOfInstanceType(options.instanceType) : undefined);
}

/** The architectures the pool can launch, by its arch requirement and by the instance types or families it lists. */
function allowedArchs(pool: PoolView): string[] {
  const archRequirements = effectiveRequirements(pool, NodeLabel.ARCH.key);
  let archs = ['amd64', 'arm64'].filter(arch => archRequirements.every(r => r.allows(arch)));
  // Each instance type or family list also bounds the architecture, when all its entries are known families.
  const typeKey = NodeLabel.INSTANCE_TYPE.keyFor(pool.nodeClass);
  const familyKey = NodeLabel.INSTANCE_FAMILY.keyFor(pool.nodeClass);
  for (const requirement of pool.requirements) {
    if (requirement.operator !== RequirementOperator.IN) continue;
    const key = requirement.label.keyFor(pool.nodeClass);
    const families = key === typeKey ? requirement.values.map(familyOfInstanceType) : key === familyKey ? requirement.values : undefined;
    const listArchs = families?.map(familyArch);
    if (listArchs && !listArchs.includes(undefined)) archs = archs.filter(arch => listArchs.includes(arch));
  }
  return archs;
}
