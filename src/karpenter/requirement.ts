import { KARPENTER_AWS_DOMAIN } from './domains';
import { INodeClass } from './node-class';

/** CPU architecture of a node (`kubernetes.io/arch`). */
export class Arch {
  /** x86-64 (Intel and AMD). */
  public static readonly AMD64 = new Arch('amd64');
  /** 64-bit Arm (AWS Graviton). */
  public static readonly ARM64 = new Arch('arm64');

  private constructor(
    /** The label value. */
    public readonly value: string) {}
}

/** Operating system of a node (`kubernetes.io/os`). */
export class OperatingSystem {
  /** Linux. */
  public static readonly LINUX = new OperatingSystem('linux');
  /** Windows (not available on EKS Auto Mode). */
  public static readonly WINDOWS = new OperatingSystem('windows');

  private constructor(
    /** The label value. */
    public readonly value: string) {}
}

/** How an instance is bought (`karpenter.sh/capacity-type`). */
export class CapacityType {
  /** On-Demand instances. */
  public static readonly ON_DEMAND = new CapacityType('on-demand');
  /** Spot instances: cheaper, interruptible with a 2-minute notice. */
  public static readonly SPOT = new CapacityType('spot');
  /** Capacity reservations (ODCRs, Capacity Blocks) selected by the node class. */
  public static readonly RESERVED = new CapacityType('reserved');

  private constructor(
    /** The label value. */
    public readonly value: string) {}
}

/** The operator of a NodePool requirement. */
export class RequirementOperator {
  /** The label has one of the values. */
  public static readonly IN = new RequirementOperator('In');
  /** The label has none of the values (or is absent). */
  public static readonly NOT_IN = new RequirementOperator('NotIn');
  /** The label is present. */
  public static readonly EXISTS = new RequirementOperator('Exists');
  /** The label is absent. */
  public static readonly DOES_NOT_EXIST = new RequirementOperator('DoesNotExist');
  /** The label is an integer greater than the value. */
  public static readonly GT = new RequirementOperator('Gt');
  /** The label is an integer less than the value. */
  public static readonly LT = new RequirementOperator('Lt');
  /** The label is an integer greater than or equal to the value (Karpenter 1.9+). */
  public static readonly GTE = new RequirementOperator('Gte');
  /** The label is an integer less than or equal to the value (Karpenter 1.9+). */
  public static readonly LTE = new RequirementOperator('Lte');

  /** All operators, in CRD order. */
  public static readonly ALL = [RequirementOperator.IN, RequirementOperator.NOT_IN, RequirementOperator.EXISTS,
    RequirementOperator.DOES_NOT_EXIST, RequirementOperator.GT, RequirementOperator.LT, RequirementOperator.GTE, RequirementOperator.LTE];

  private constructor(
    /** The Kubernetes value. */
    public readonly value: string) {}

  /** Whether the operator compares one integer value. */
  public get isNumeric(): boolean {
    return ['Gt', 'Lt', 'Gte', 'Lte'].includes(this.value);
  }

  /** Whether the operator takes no values. */
  public get takesNoValues(): boolean {
    return this.value === 'Exists' || this.value === 'DoesNotExist';
  }
}

/**
 * A node label a NodePool requirement or a pod's nodeSelector refers to. Instance labels
 * (`INSTANCE_FAMILY`, ...) follow the pool's node class: `karpenter.k8s.aws/...` on an
 * `Ec2NodeClass`, `eks.amazonaws.com/...` on EKS Auto Mode.
 */
export class NodeLabel {
  /** `kubernetes.io/arch`. */
  public static readonly ARCH = new NodeLabel('kubernetes.io/arch');
  /** `kubernetes.io/os`. */
  public static readonly OS = new NodeLabel('kubernetes.io/os');
  /** `karpenter.sh/capacity-type`. */
  public static readonly CAPACITY_TYPE = new NodeLabel('karpenter.sh/capacity-type');
  /** `topology.kubernetes.io/zone`. */
  public static readonly ZONE = new NodeLabel('topology.kubernetes.io/zone');
  /** `topology.kubernetes.io/region`. */
  public static readonly REGION = new NodeLabel('topology.kubernetes.io/region');
  /** `topology.k8s.aws/zone-id` (e.g. `use1-az1`). */
  public static readonly ZONE_ID = new NodeLabel('topology.k8s.aws/zone-id');
  /** `node.kubernetes.io/instance-type`. */
  public static readonly INSTANCE_TYPE = new NodeLabel('node.kubernetes.io/instance-type');
  /** `node.kubernetes.io/windows-build`. */
  public static readonly WINDOWS_BUILD = new NodeLabel('node.kubernetes.io/windows-build');
  /** Instance category: the letters before the generation (`c`, `m`, `r`, `g`, `p`, ...). */
  public static readonly INSTANCE_CATEGORY = NodeLabel.instance('instance-category');
  /** Instance family (`c7g`, `m6i`, ...). */
  public static readonly INSTANCE_FAMILY = NodeLabel.instance('instance-family');
  /** Instance generation (an integer: 6 for `m6i`). */
  public static readonly INSTANCE_GENERATION = NodeLabel.instance('instance-generation');
  /** Instance size (`large`, `2xlarge`, `metal`, ...). */
  public static readonly INSTANCE_SIZE = NodeLabel.instance('instance-size');
  /** Number of vCPUs. */
  public static readonly INSTANCE_CPU = NodeLabel.instance('instance-cpu');
  /** CPU manufacturer (`intel`, `amd`, `aws`). */
  public static readonly INSTANCE_CPU_MANUFACTURER = NodeLabel.instance('instance-cpu-manufacturer');
  /** Sustained CPU clock speed in MHz. */
  public static readonly INSTANCE_CPU_SUSTAINED_CLOCK_SPEED_MHZ = NodeLabel.instance('instance-cpu-sustained-clock-speed-mhz');
  /** Memory in MiB. */
  public static readonly INSTANCE_MEMORY = NodeLabel.instance('instance-memory');
  /** EBS bandwidth in Mbps. */
  public static readonly INSTANCE_EBS_BANDWIDTH = NodeLabel.instance('instance-ebs-bandwidth');
  /** Network bandwidth in Mbps. */
  public static readonly INSTANCE_NETWORK_BANDWIDTH = NodeLabel.instance('instance-network-bandwidth');
  /** GPU name (`t4`, `a10g`, `h100`, ...). */
  public static readonly INSTANCE_GPU_NAME = NodeLabel.instance('instance-gpu-name');
  /** GPU manufacturer (`nvidia`, `amd`, ...). */
  public static readonly INSTANCE_GPU_MANUFACTURER = NodeLabel.instance('instance-gpu-manufacturer');
  /** Number of GPUs. */
  public static readonly INSTANCE_GPU_COUNT = NodeLabel.instance('instance-gpu-count');
  /** GPU memory in MiB. */
  public static readonly INSTANCE_GPU_MEMORY = NodeLabel.instance('instance-gpu-memory');
  /** Accelerator name (`inferentia`, `trainium`, ...). */
  public static readonly INSTANCE_ACCELERATOR_NAME = NodeLabel.instance('instance-accelerator-name');
  /** Accelerator manufacturer (`aws`, ...). */
  public static readonly INSTANCE_ACCELERATOR_MANUFACTURER = NodeLabel.instance('instance-accelerator-manufacturer');
  /** Number of accelerators. */
  public static readonly INSTANCE_ACCELERATOR_COUNT = NodeLabel.instance('instance-accelerator-count');
  /** Hypervisor (`nitro`, `xen`, or empty for metal). */
  public static readonly INSTANCE_HYPERVISOR = NodeLabel.instance('instance-hypervisor');
  /** Whether in-transit encryption is supported (`true`/`false`). */
  public static readonly INSTANCE_ENCRYPTION_IN_TRANSIT_SUPPORTED = NodeLabel.instance('instance-encryption-in-transit-supported');
  /** Local NVMe storage in GiB. */
  public static readonly INSTANCE_LOCAL_NVME = NodeLabel.instance('instance-local-nvme');
  /** Tenancy (`default` or `dedicated`). */
  public static readonly INSTANCE_TENANCY = NodeLabel.instance('instance-tenancy');
  /** Capacity reservation type (`default` or `capacity-block`). */
  public static readonly CAPACITY_RESERVATION_TYPE = NodeLabel.instance('capacity-reservation-type');
  /** Capacity reservation id. */
  public static readonly CAPACITY_RESERVATION_ID = NodeLabel.instance('capacity-reservation-id');

  /**
   * Any other label, used as written (e.g. `capacity-spread`, `intent`). Restricted domains
   * (`karpenter.sh`, `karpenter.k8s.aws`, `kubernetes.io/hostname`) are rejected by the pool.
   */
  public static custom(key: string): NodeLabel {
    return new NodeLabel(key);
  }

  private static instance(name: string): NodeLabel {
    return new NodeLabel(`${KARPENTER_AWS_DOMAIN}/${name}`, name);
  }

  private constructor(
    /** The key as self-managed Karpenter on an `Ec2NodeClass` sees it. */
    public readonly key: string,
    private readonly instanceLabelName?: string) {}

  /** The key on nodes of `nodeClass`: instance labels take the node class's domain. */
  public keyFor(nodeClass: INodeClass): string {
    return this.instanceLabelName ? `${nodeClass.instanceLabelDomain}/${this.instanceLabelName}` : this.key;
  }

  /** Requires one of `values`. */
  public isIn(...values: string[]): Requirement {
    return Requirement._create(this, RequirementOperator.IN, values);
  }

  /** Requires none of `values` (an absent label also satisfies it). */
  public isNotIn(...values: string[]): Requirement {
    return Requirement._create(this, RequirementOperator.NOT_IN, values);
  }

  /** Requires the label to be present. */
  public exists(): Requirement {
    return Requirement._create(this, RequirementOperator.EXISTS);
  }

  /** Requires the label to be absent. */
  public doesNotExist(): Requirement {
    return Requirement._create(this, RequirementOperator.DOES_NOT_EXIST);
  }

  /** Requires an integer value greater than `value`. */
  public greaterThan(value: number): Requirement {
    return Requirement._create(this, RequirementOperator.GT, [String(value)]);
  }

  /** Requires an integer value less than `value`. */
  public lessThan(value: number): Requirement {
    return Requirement._create(this, RequirementOperator.LT, [String(value)]);
  }

  /** Requires an integer value greater than or equal to `value` (Karpenter 1.9+). */
  public atLeast(value: number): Requirement {
    return Requirement._create(this, RequirementOperator.GTE, [String(value)]);
  }

  /** Requires an integer value less than or equal to `value` (Karpenter 1.9+). */
  public atMost(value: number): Requirement {
    return Requirement._create(this, RequirementOperator.LTE, [String(value)]);
  }
}

/**
 * One NodePool requirement: a node label, an operator, values and optionally `minValues`
 * (how many distinct values the launch decision must keep, e.g. for Spot diversity).
 * `Requirement.<label>(...values)` requires one of the values of a well-known label;
 * `NodeLabel.<LABEL>.<operator>(...)` builds any other (`NodeLabel.INSTANCE_GENERATION.greaterThan(4)`,
 * `NodeLabel.custom('team').isIn('web')`). It is validated when added to a pool, which knows its
 * node class and construct path.
 */
export class Requirement {
  /** `kubernetes.io/arch In [...]`. */
  public static arch(...values: Arch[]): Requirement {
    return NodeLabel.ARCH.isIn(...values.map(v => v.value));
  }

  /** `kubernetes.io/os In [...]`. */
  public static os(...values: OperatingSystem[]): Requirement {
    return NodeLabel.OS.isIn(...values.map(v => v.value));
  }

  /** `karpenter.sh/capacity-type In [...]`. Without it, Karpenter launches on-demand only. */
  public static capacityType(...values: CapacityType[]): Requirement {
    return NodeLabel.CAPACITY_TYPE.isIn(...values.map(v => v.value));
  }

  /** `topology.kubernetes.io/zone In [...]`. */
  public static zone(...zones: string[]): Requirement {
    return NodeLabel.ZONE.isIn(...zones);
  }

  /** `node.kubernetes.io/instance-type In [...]`. */
  public static instanceType(...instanceTypes: string[]): Requirement {
    return NodeLabel.INSTANCE_TYPE.isIn(...instanceTypes);
  }

  /** Instance category `In [...]` (`c`, `m`, `r`, `g`, `p`, ...). */
  public static instanceCategory(...categories: string[]): Requirement {
    return NodeLabel.INSTANCE_CATEGORY.isIn(...categories);
  }

  /** Instance family `In [...]` (`c7g`, `m6i`, ...). */
  public static instanceFamily(...families: string[]): Requirement {
    return NodeLabel.INSTANCE_FAMILY.isIn(...families);
  }

  /** Instance size `In [...]` (`large`, `xlarge`, ...). */
  public static instanceSize(...sizes: string[]): Requirement {
    return NodeLabel.INSTANCE_SIZE.isIn(...sizes);
  }

  /** GPU manufacturer `In [...]` (`nvidia`, ...). */
  public static instanceGpuManufacturer(...manufacturers: string[]): Requirement {
    return NodeLabel.INSTANCE_GPU_MANUFACTURER.isIn(...manufacturers);
  }

  /** GPU name `In [...]` (`t4`, `a10g`, ...). */
  public static instanceGpuName(...names: string[]): Requirement {
    return NodeLabel.INSTANCE_GPU_NAME.isIn(...names);
  }

  /** @internal Builds a requirement; use the factories above or a `NodeLabel`'s operators. */
  public static _create(label: NodeLabel, operator: RequirementOperator, values: string[] = []): Requirement {
    return new Requirement(label, operator, [...values]);
  }

  private constructor(
    /** The node label. */
    public readonly label: NodeLabel,
    /** The operator. */
    public readonly operator: RequirementOperator,
    /** The values (one integer for Gt/Lt/Gte/Lte, none for Exists/DoesNotExist). */
    public readonly values: string[],
    /** Minimum number of distinct values to keep flexible, if any. */
    public readonly minValues?: number) {}

  /** The same requirement, keeping at least `minValues` distinct values when launching. */
  public withMinValues(minValues: number): Requirement {
    return new Requirement(this.label, this.operator, this.values, minValues);
  }

  /** Whether a node whose label has `value` (or lacks it, when `undefined`) satisfies this requirement. */
  public allows(value?: string): boolean {
    switch (this.operator.value) {
      case 'In': return value !== undefined && this.values.includes(value);
      case 'NotIn': return value === undefined || !this.values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: {
        if (value === undefined || !/^\d+$/.test(value)) return false;
        const n = Number(value);
        const bound = Number(this.values[0]);
        switch (this.operator.value) {
          case 'Gt': return n > bound;
          case 'Lt': return n < bound;
          case 'Gte': return n >= bound;
          default: return n <= bound;
        }
      }
    }
  }
}
