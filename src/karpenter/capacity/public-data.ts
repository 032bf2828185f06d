// Internal: the catalog's facts as the public API's plain data.
import { InstanceTypeInfo } from './instance-catalog-data';
import type { InstanceTypeCapacity } from '../capacity-types';

const MIB = 2 ** 20;
const BASIC: ReadonlySet<string> = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
/** How prices are qualified wherever they appear. */
export const PRICING_NOTE = 'on-demand only; Spot prices are not in the data';

/** An instance type of the catalog as public data. */
export function instanceTypeCapacity(type: InstanceTypeInfo): InstanceTypeCapacity {
  const l = type.labels;
  const extended: { [resource: string]: number } = {};
  for (const [name, amount] of Object.entries(type.allocatable)) if (!BASIC.has(name)) extended[name] = amount;
  return {
    name: type.name,
    family: l['karpenter.k8s.aws/instance-family'] ?? type.name.split('.')[0],
    category: l['karpenter.k8s.aws/instance-category'] ?? '',
    size: l['karpenter.k8s.aws/instance-size'] ?? type.name.split('.').slice(1).join('.'),
    architecture: l['kubernetes.io/arch'],
    vcpu: Number(l['karpenter.k8s.aws/instance-cpu']),
    memoryMiB: Number(l['karpenter.k8s.aws/instance-memory']),
    gpus: Number(l['karpenter.k8s.aws/instance-gpu-count'] ?? 0),
    ...(l['karpenter.k8s.aws/instance-gpu-name'] !== undefined ? { gpuName: l['karpenter.k8s.aws/instance-gpu-name'] } : {}),
    ...(l['karpenter.k8s.aws/instance-gpu-manufacturer'] !== undefined ? { gpuManufacturer: l['karpenter.k8s.aws/instance-gpu-manufacturer'] } : {}),
    allocatableCpu: type.allocatable.cpu ?? 0,
    allocatableMemoryMiB: (type.allocatable.memory ?? 0) / MIB,
    allocatablePods: type.allocatable.pods ?? 0,
    extendedResources: extended,
    ...(type.onDemandPricePerHour !== undefined ? { onDemandPricePerHour: type.onDemandPricePerHour } : {}),
    labels: { ...l },
  };
}

