import { EC2_NODE_CLASS_RULE_SPECS } from './karpenter-ec2-node-class';
import { defineRules } from './rule';

// Sources: NPCRD / ECCRD are the NodePool and EC2NodeClass CRDs of aws/karpenter-provider-aws v1.14.1
// (pkg/apis/crds/karpenter.sh_nodepools.yaml and karpenter.k8s.aws_ec2nodeclasses.yaml, vendored under
// vendor/crds/karpenter/); KC is kubernetes-sigs/karpenter and KP aws/karpenter-provider-aws at v1.14.1.
const NPCRD = 'NodePool CRD (KP v1.14.1 karpenter.sh_nodepools.yaml)';

/** Rules of the karpenter constructs. Ids are stable: never reuse or renumber one. */
export const KARPENTER_RULES = defineRules({
  // NodePool: ids up to NP-38 follow the reliability catalog; NP-39 onwards are the library's own.
  // NP-39 (namespace on the cluster-scoped NodePool) is retired: GEN-55 covers every cluster-scoped kind.
  'NP-01': {
    severity: 'error',
    checks: 'A NodePool weight is an integer from 1 to 100.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.weight: minimum 1, maximum 100`,
  },
  'NP-03': {
    severity: 'error',
    checks: 'disruption.consolidateAfter is a whole number of seconds (rendered as h/m/s) within Go\'s longest duration (about 292 years), or Never.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.disruption.consolidateAfter pattern ^(([0-9]+(s|m|h))+|Never)$`,
  },
  'NP-05': {
    severity: 'error',
    checks: 'expireAfter is a whole number of seconds (rendered as h/m/s) within Go\'s longest duration (about 292 years), or Never.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.expireAfter pattern ^(([0-9]+(s|m|h))+|Never)$`,
  },
  'NP-07': {
    severity: 'error',
    checks: 'A disruption budget allows a non-negative whole number of nodes (an int32) or a whole percentage from 0 to 100.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.disruption.budgets[].nodes pattern ^((100|[0-9]{1,2})%|[0-9]+)$; KC reads the count as an int32 (intstr.IntOrString)`,
  },
  'NP-09': {
    severity: 'error',
    checks: 'A disruption budget duration is a whole number of minutes, from one to Go\'s longest duration (about 292 years), rendered in hours and minutes.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.disruption.budgets[].duration pattern ^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$`,
  },
  'NP-11': {
    severity: 'error',
    checks: 'A disruption budget lists each reason at most once.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.disruption.budgets[].reasons: enum Underutilized/Empty/Drifted, x-kubernetes-list-type set (a repeated entry is a Duplicate value)`,
  },
  'NP-14': {
    severity: 'error',
    checks: 'A requirement with operator In or NotIn has at least one value.',
    origin: 'crd-cel',
    source: `${NPCRD} requirements CEL "requirements with operator 'In' must have a value defined" and KC pkg/apis/v1/nodeclaim_validation.go ValidateRequirement; the values description asks the same of NotIn`,
  },
  'NP-15': {
    severity: 'error',
    checks: 'A requirement with operator Gt, Lt, Gte or Lte has exactly one value, a non-negative integer.',
    origin: 'crd-cel',
    source: `${NPCRD} requirements CEL "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value"; KC nodeclaim_validation.go ValidateRequirement`,
  },
  'NP-17': {
    severity: 'error',
    checks: 'A requirement minValues is an integer from 1 to 50.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.requirements[].minValues: minimum 1, maximum 50`,
  },
  'NP-18': {
    severity: 'error',
    checks: 'An In requirement with minValues lists at least that many values.',
    origin: 'crd-cel',
    source: `${NPCRD} requirements CEL "requirements with 'minValues' must have at least that many values specified in the 'values' field"`,
  },
  'NP-19': {
    severity: 'error',
    checks: 'Requirement and label keys do not use the karpenter.sh domain, except karpenter.sh/capacity-type in requirements; karpenter.sh/nodepool is set by Karpenter.',
    origin: 'crd-cel',
    source: `${NPCRD} labels and requirements[].key CEL 'label domain "karpenter.sh" is restricted' and 'label "karpenter.sh/nodepool" is restricted'; KC pkg/apis/v1/labels.go IsRestrictedLabel`,
  },
  'NP-21': {
    severity: 'error',
    checks: 'Requirement and label keys are not kubernetes.io/hostname, which differs per node.',
    origin: 'crd-cel',
    source: `${NPCRD} labels and requirements[].key CEL 'label "kubernetes.io/hostname" is restricted'; KC pkg/apis/v1/labels.go`,
  },
  'NP-22': {
    severity: 'error',
    checks: 'Requirement and label keys of the karpenter.k8s.aws domain are among its well-known labels.',
    origin: 'crd-cel',
    source: `${NPCRD} labels and requirements[].key CEL 'label domain "karpenter.k8s.aws" is restricted' (allow-list of instance-*, capacity-reservation-*, placement-group-* and ec2nodeclass keys); KP pkg/apis/v1/labels.go`,
  },
  'NP-25': {
    severity: 'error',
    checks: 'A NodePool has at most 100 requirements.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.requirements: maxItems 100`,
  },
  'NP-26': {
    severity: 'error',
    checks: 'Requirements on karpenter.sh/capacity-type, kubernetes.io/arch and kubernetes.io/os use only the values Karpenter knows.',
    origin: 'controller',
    source: 'KC nodeclaim_validation.go and the NodePool validation controller (pkg/controllers/nodepool/validation): no valid values for a well-known label sets ValidationSucceeded=False; KC pkg/apis/v1/labels.go well-known values',
  },
  'NP-29': {
    severity: 'error',
    checks: 'A NodePool puts at most 100 labels on its nodes.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.metadata.labels: maxProperties 100`,
  },
  'NP-30': {
    severity: 'error',
    checks: 'Taint and startup taint effects are NoSchedule, PreferNoSchedule or NoExecute.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.taints[].effect and startupTaints[].effect enum`,
  },
  'NP-31': {
    severity: 'error',
    checks: 'Taint keys, and values when set, are qualified names.',
    origin: 'crd-schema',
    source: `${NPCRD} taints[].key (minLength 1) and taints[].value patterns, the same for startupTaints; KC nodeclaim_validation.go validateTaintsField`,
  },
  'NP-37': {
    severity: 'error',
    checks: 'A static NodePool (replicas set) has no weight and no limits other than limits.nodes.',
    origin: 'crd-cel',
    source: `${NPCRD} spec CEL "'weight' is not supported on static NodePools" and "only 'limits.nodes' is supported on static NodePools"`,
  },
  'NP-38': {
    severity: 'warning',
    checks: 'A NodePool whose nodes expire also sets terminationGracePeriod, so draining an expired node cannot block forever.',
    origin: 'best-practice',
    source: 'KP website v1.14 concepts/disruption.md (expiration and terminationGracePeriod; karpenter.sh/do-not-disrupt pods and blocking PDBs hold a drain indefinitely)',
  },
  'NP-40': {
    severity: 'error',
    checks: 'A static NodePool replicas count is an integer of at least 0.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.replicas: minimum 0`,
  },
  'NP-41': {
    severity: 'warning',
    checks: 'A dynamic NodePool sets limits, so its capacity and cost are bounded.',
    origin: 'best-practice',
    source: 'EKS best practices guide, Karpenter (content/karpenter/index.md): set resource limits on NodePools and billing alarms',
  },
  'NP-42': {
    severity: 'error',
    checks: 'A NodePool has at most 50 disruption budgets.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.disruption.budgets: maxItems 50`,
  },
  'NP-43': {
    severity: 'error',
    checks: 'A workload placed on a NodePool selects only label values (capacity type, architecture, instance type, family, category, generation, zone) that the pool allows.',
    origin: 'controller',
    source: 'Karpenter provisioning: a pod whose node selector the NodePool requirements exclude gets no node from that pool and stays Pending (KP website v1.14 concepts/scheduling.md)',
  },
  'NP-44': {
    severity: 'error',
    checks: 'A workload placed on a NodePool pins the architecture of the instance family it selects, not another one.',
    origin: 'controller',
    source: 'EC2 instance families have one architecture (Graviton families arm64, the others amd64; KP website v1.14 reference/instance-types.md), so no instance type satisfies both selectors and the pod stays Pending',
  },
  'NP-45': {
    severity: 'warning',
    checks: 'A workload placed on a NodePool that launches both amd64 and arm64 nodes pins an architecture unless its images are multi-arch.',
    origin: 'best-practice',
    source: 'KP website v1.14 concepts/scheduling.md (kubernetes.io/arch well-known label): a single-arch image on a node of the other architecture fails with exec format error',
  },
  'NP-46': {
    severity: 'error',
    checks: 'A requirement key is at most 316 characters.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.requirements[].key: maxLength 316`,
  },
  'NP-47': {
    severity: 'error',
    checks: 'Instance label keys use the domain of the pool\'s node class: karpenter.k8s.aws for an EC2NodeClass, eks.amazonaws.com for EKS Auto Mode.',
    origin: 'library',
    source: 'KP pkg/apis/v1/labels.go (karpenter.k8s.aws/instance-* labels) and the EKS Auto Mode well-known labels (eks.amazonaws.com/instance-*): nodes carry only their own flavour\'s labels',
  },
  'NP-48': {
    severity: 'error',
    checks: 'A requirement operator is In, NotIn, Exists, DoesNotExist, Gt, Lt, Gte or Lte.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.template.spec.requirements[].operator enum (Gte and Lte from Karpenter 1.9)`,
  },
  'NP-49': {
    severity: 'error',
    checks: 'A requirement with operator Exists or DoesNotExist has no values.',
    origin: 'library',
    source: `${NPCRD} requirements[].values description: the values array must be empty for Exists and DoesNotExist (documented, not enforced by a CRD rule)`,
  },
  'NP-50': {
    severity: 'error',
    checks: 'A requirement lists each value at most once.',
    origin: 'library',
    source: `${NPCRD} requirements[].values is an atomic list, so repeats pass the schema, while minValues counts unique values (requirements[].minValues description)`,
  },
  'NP-51': {
    severity: 'warning',
    checks: 'Instance family, category and size requirements name families, categories and sizes that exist in EC2.',
    origin: 'controller',
    source: 'EC2 instance types Karpenter 1.14 offers (KP website v1.14 reference/instance-types.md): a value no instance type carries matches nothing, silently',
  },
  'NP-52': {
    severity: 'error',
    checks: 'A NodePool that allows only reserved capacity uses a node class that selects capacity reservations.',
    origin: 'controller',
    source: 'KP EC2NodeClass capacityReservationSelectorTerms (KP website v1.14 concepts/nodeclasses.md): Karpenter offers reserved capacity only from the reservations the node class selects, so such a pool never launches a node',
  },
  'NP-53': {
    severity: 'warning',
    checks: 'A NodePool that allows reserved next to other capacity types uses a node class that selects capacity reservations.',
    origin: 'controller',
    source: 'KP EC2NodeClass capacityReservationSelectorTerms (KP website v1.14 concepts/nodeclasses.md): without selected reservations Karpenter launches the other capacity types only',
  },
  'NP-54': {
    severity: 'error',
    checks: 'Taints and startup taints together repeat no key and effect pair.',
    origin: 'controller',
    source: 'KC pkg/apis/v1/nodeclaim_validation.go validateTaints ("duplicate taint Key/Effect pair"), run by the NodePool validation controller',
  },
  'NP-55': {
    severity: 'error',
    checks: 'Extra NodePool limits are Kubernetes quantities.',
    origin: 'crd-schema',
    source: `${NPCRD} spec.limits additionalProperties quantity pattern`,
  },
  'NP-56': {
    severity: 'error',
    checks: 'NodePool limits are finite, non-negative quantities (a memory limit a whole number of bytes), and GPU and node counts are whole numbers.',
    origin: 'library',
    source: `${NPCRD} spec.limits: the quantity pattern admits a sign; a negative limit is always exceeded, so Karpenter would launch no node for the pool; NaN, Infinity and fractions of a byte are no quantity (k8s.io/apimachinery resource.ParseQuantity)`,
  },
  'NP-57': {
    severity: 'error',
    checks: 'A disruption budget sets schedule and duration together or neither.',
    origin: 'crd-cel',
    source: `${NPCRD} spec.disruption.budgets CEL "'schedule' must be set with 'duration'"`,
  },
  'NP-58': {
    severity: 'error',
    checks: 'A NodePool\'s node labels are allowed by its own requirements on the same key.',
    origin: 'controller',
    source: 'KC scheduling: NodePool template labels become requirements of its NodeClaims, so a label its own requirement excludes makes the pool unable to launch any node',
  },
  'NP-59': {
    severity: 'error',
    checks: 'A NodePool\'s node class (an INodeClass) names an object that can exist: its name a Kubernetes object name, its group and instance label domain DNS subdomains, its kind an identifier.',
    origin: 'controller',
    source: `${NPCRD} spec.template.spec.nodeClassRef CEL "group/kind/name may not be empty"; a name that is no object name matches no node class, so the NodePool stays NodeClassReady=False and launches nothing`,
  },

  // EC2NodeClass: ids up to EC-31 follow the reliability catalog; EC-32 onwards are the library's own.
  // EC-32 (namespace on the cluster-scoped EC2NodeClass) is retired: GEN-55 covers every cluster-scoped kind.
  // Capacity: what the vendored instance-type catalog (docs/capacity.md) says a pool can launch and a pod fits on.
  'CAP-01': {
    severity: 'error',
    checks: 'A NodePool\'s requirements and labels, with what its node class decides (the architectures of its AMIs, a Windows AMI family, EKS Auto Mode\'s supported instance types), admit at least one instance type of the catalog.',
    origin: 'controller',
    source: 'KC pkg/controllers/provisioning/scheduling: a NodePool offers the instance types whose requirements intersect its template\'s (InstanceType.Requirements.Intersects); with none, every pod that needs the pool stays Pending. Facts: the vendored Karpenter 1.14 instance-type reference (vendor/karpenter-data)',
  },
  'CAP-02': {
    severity: 'error',
    checks: 'Every minValues of a NodePool requirement on an instance label is met by the distinct values the instance types the pool admits offer.',
    origin: 'controller',
    source: 'KC pkg/cloudprovider/types.go InstanceTypes.SatisfiesMinValues: a NodeClaim whose instance types cannot satisfy minValues is not launched',
  },
  'CAP-03': {
    severity: 'error',
    checks: 'A workload placed on NodePools (schedule or a pattern) fits one replica (its requests, the requests of the DaemonSet pods that land on the node, one pod slot each) on at least one instance type those pools admit for its node selection and may launch under their limits.',
    origin: 'controller',
    source: 'KC pkg/controllers/provisioning/scheduling filterInstanceTypesByRequirements (resources.Fits with the daemon overhead per instance type) and filterByRemainingResources (NodePool limits); a pod that fits no instance type stays Pending',
  },
  'CAP-04': {
    severity: 'warning',
    checks: 'A NodePool\'s limits leave room for at least one instance type it admits: Karpenter launches no node whose capacity exceeds the limits.',
    origin: 'controller',
    source: 'KC pkg/controllers/provisioning/scheduling filterByRemainingResources: instance types whose capacity exceeds the remaining limits are dropped',
  },
  'CAP-05': {
    severity: 'warning',
    checks: 'A workload scaled by a ScaledObject or HorizontalPodAutoscaler and placed on NodePools requests at most the pools\' cpu and memory limits at maxReplicas.',
    origin: 'controller',
    source: 'Karpenter NodePool limits: once the nodes of a pool reach its limits no node is launched, so replicas the autoscaler adds beyond them stay Pending',
  },
  'CAP-06': {
    severity: 'error',
    checks: 'limits.maxOnDemandPricePerHour is a positive number.',
    origin: 'library',
    source: 'NodePoolLimits.maxOnDemandPricePerHour: the cpu and memory limits are derived from it',
  },
  'CAP-07': {
    severity: 'error',
    checks: 'A NodePool limited by maxOnDemandPricePerHour admits at least one instance type with an on-demand price, from which its cpu and memory limits are derived.',
    origin: 'library',
    source: 'NodePoolLimits.maxOnDemandPricePerHour: limits come from the highest $/vCPU-hour and $/GiB-hour among the priced types; the catalog never invents a price',
  },

  // EKS Auto Mode specifics.
  'AM-01': {
    severity: 'error',
    checks: 'A NodePool on an EKS Auto Mode NodeClass does not require Windows nodes.',
    origin: 'controller',
    source: 'Amazon EKS User Guide, EKS Auto Mode: nodes run AWS-managed Bottlerocket-based Linux AMIs, so a Windows requirement launches nothing',
  },
  ...EC2_NODE_CLASS_RULE_SPECS,
});
