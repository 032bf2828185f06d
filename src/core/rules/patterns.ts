import { defineRules } from './rule';

/** Rules of the patterns constructs. Ids are stable: never reuse or renumber one. */
export const PATTERNS_RULES = defineRules({
  'PAT-01': {
    severity: 'error',
    checks: 'The enabled pools of ArchitecturePools have distinct names.',
    origin: 'library',
    source: 'ArchitecturePools: each name is a NodePool name, its intent label value and its taint key; two pools of one name would be one object',
  },
  'PAT-02': {
    severity: 'error',
    checks: 'ArchitecturePools enables at least one of its graviton, x86 and multiArch pools.',
    origin: 'library',
    source: 'ArchitecturePools',
  },
  'PAT-03': {
    severity: 'error',
    checks: 'ArchitecturePools.schedule places a workload only when the pool of its architecture (arm64, amd64 or multi-arch) is enabled.',
    origin: 'library',
    source: 'ArchitecturePools.schedule',
  },
  'PAT-04': {
    severity: 'error',
    checks: 'GpuNodePool maxGpus is an integer of at least 1.',
    origin: 'library',
    source: 'GpuNodePool: maxGpus becomes the NodePool limit on nvidia.com/gpu, and a limit of 0 launches no node',
  },
  'PAT-05': {
    severity: 'error',
    checks: 'GpuNodePool sets the NodePool GPU limit through maxGpus only, not also through limits.nvidiaGpus.',
    origin: 'library',
    source: 'GpuNodePool: limits.nvidiaGpus would be overwritten by maxGpus',
  },
  'PAT-06': {
    severity: 'error',
    checks: 'A workload given to GpuNodePool.schedule has a container to request the GPUs.',
    origin: 'library',
    source: 'GpuNodePool.schedule: the GPUs are requested by the first container unless one is given',
  },
  'PAT-07': {
    severity: 'error',
    checks: 'SpotOnDemandSplit onDemandShare and spotShare are integers from 1 to 25.',
    origin: 'library',
    source: 'SpotOnDemandSplit: each share is one spread-label value, a to z, and each pool needs at least one',
  },
  'PAT-08': {
    severity: 'error',
    checks: 'SpotOnDemandSplit onDemandShare plus spotShare is at most 26.',
    origin: 'library',
    source: 'SpotOnDemandSplit: one spread-label value per share, taken from the 26 letters a to z',
  },
  'PAT-09': {
    severity: 'error',
    checks: 'The requirements of SpotOnDemandSplit (shared, spot and onDemand) do not constrain the capacity type or the spread label, which the split sets per pool.',
    origin: 'library',
    source: 'SpotOnDemandSplit: a shared requirement on these keys would contradict the per-pool requirement',
  },
  'PAT-10': {
    severity: 'error',
    checks: 'The labels of SpotOnDemandSplit (labels, spot.labels, onDemand.labels) do not set the spread label, whose values differ per node.',
    origin: 'library',
    source: 'SpotOnDemandSplit: each pool spans several values of the spread label',
  },
  'PAT-11': {
    severity: 'error',
    checks: 'A workload placed with SpotOnDemandSplit.schedule does not select a capacity type, which the split decides.',
    origin: 'library',
    source: 'SpotOnDemandSplit.schedule: the pods spread over a Spot and an on-demand pool; a capacity type would leave one of them unused',
  },
  'PAT-12': {
    severity: 'error',
    checks: 'The requirements of a GpuNodePool (its instanceCategories, capacity types and own requirements, with its node class) admit at least one instance type with NVIDIA GPUs.',
    origin: 'controller',
    source: 'GpuNodePool: a GPU pool that admits no NVIDIA GPU instance type launches nothing for its GPU workloads (Karpenter instance-type filtering, vendored Karpenter 1.14 reference)',
  },
  'PAT-13': {
    severity: 'warning',
    checks: 'The Spot and on-demand pools of a SpotOnDemandSplit admit the same instance types.',
    origin: 'best-practice',
    source: 'SpotOnDemandSplit: the pods of a workload spread over both pools; a shape only one pool launches leaves the pods of the other pool\'s spread domains Pending or priced differently',
  },
  'PAT-14': {
    severity: 'error',
    checks: 'GpuNodePool devicePluginImage is a container image reference such as nvcr.io/nvidia/k8s-device-plugin:v0.17.4.',
    origin: 'controller',
    source: 'Kubernetes accepts any image string on a DaemonSet (the field is optional for workload controllers); the kubelet fails a malformed reference with InvalidImageName, so no GPU node advertises nvidia.com/gpu (distribution/reference grammar)',
  },
});
