import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { mergePoolOptions } from './pool-merge';
import { checkDnsLabel, checkFactoryValues } from '../core/checks';
import { invalidInput } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { PATTERNS_RULES } from '../core/rules';
import {
  Arch, CapacityType, INodeClass, NodeLabel, NodePool, NodePoolOptions, NodePoolPlacementOptions, NodePoolSettings, OperatingSystem, Requirement,
} from '../karpenter';

/**
 * One pool of `ArchitecturePools`: any NodePool option, over the settings the pools share (its labels,
 * annotations, requirements and taints are added to the shared ones; any other option replaces the shared one).
 * Its `metadata.name` (default `graviton`, `x86` or `multiarch`) is also its `intent` label value and taint key.
 */
export interface ArchitecturePoolOptions extends NodePoolOptions {
  /**
   * Create this pool.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Capacity types the pool launches.
   * @default - the `capacityTypes` of the props
   */
  readonly capacityTypes?: CapacityType[];
}

/** Properties of `ArchitecturePools`: the settings the pools share, and each pool's own. */
export interface ArchitecturePoolsProps extends NodePoolSettings {
  /** The node class of the pools (e.g. `NodeClassReference.eksAutoMode()`). */
  readonly nodeClass: INodeClass;

  /**
   * The Graviton (arm64) pool's own options.
   * @default - enabled, named graviton
   */
  readonly graviton?: ArchitecturePoolOptions;

  /**
   * The x86 (amd64) pool's own options.
   * @default - enabled, named x86
   */
  readonly x86?: ArchitecturePoolOptions;

  /**
   * The own options of the pool launching both architectures, for multi-arch images.
   * @default - enabled, named multiarch
   */
  readonly multiArch?: ArchitecturePoolOptions;

  /**
   * Capacity types of the pools that do not set their own.
   * @default [CapacityType.ON_DEMAND, CapacityType.SPOT]
   */
  readonly capacityTypes?: CapacityType[];

  /**
   * Instance categories of the pools.
   * @default ['c', 'm', 'r']
   */
  readonly instanceCategories?: string[];

  /**
   * Instance generations above this one only.
   * @default 4
   */
  readonly minimumGenerationAbove?: number;

  /**
   * Label each pool `intent: <name>` and taint it `<name>:NoSchedule`, so only workloads placed
   * on it with `schedule` land there.
   * @default true
   */
  readonly dedicated?: boolean;
}

/**
 * Graviton, x86 and multi-arch NodePools (Linux) side by side, so one image can be benchmarked on
 * each architecture and a multi-arch image can run on whichever is cheaper. `schedule` places a
 * workload on the pool of its image's architecture, so an arm64 image never lands on amd64 and the reverse.
 */
export class ArchitecturePools extends Construct {
  /** The arm64 pool, if enabled. */
  public readonly graviton?: NodePool;
  /** The amd64 pool, if enabled. */
  public readonly x86?: NodePool;
  /** The pool launching both architectures, if enabled. */
  public readonly multiArch?: NodePool;

  public constructor(scope: Construct, id: string, props: ArchitecturePoolsProps) {
    checkProps(scope, id, 'ArchitecturePoolsProps', props);
    super(scope, id);
    const { nodeClass, graviton, x86, multiArch, capacityTypes, instanceCategories, minimumGenerationAbove, dedicated = true, ...shared } = props;
    checkFactoryValues(this, 'capacityTypes', capacityTypes, CapacityType);
    const pool = (poolId: string, field: string, defaultName: string, own: ArchitecturePoolOptions = {}, archs: Arch[]) => {
      const { enabled, capacityTypes: poolCapacityTypes, ...poolOptions } = own;
      if (enabled === false) return undefined;
      checkFactoryValues(this, `${field}.capacityTypes`, poolCapacityTypes, CapacityType);
      const name = poolOptions.metadata?.name ?? defaultName;
      checkDnsLabel(this, `${field}.metadata.name`, name);
      const options = mergePoolOptions(shared, poolOptions);
      return new NodePool(this, poolId, {
        ...options,
        metadata: { ...options.metadata, name },
        nodeClass,
        labels: { ...(dedicated ? { intent: name } : {}), ...options.labels },
        taints: [...(dedicated ? [{ key: name, effect: kplus.TaintEffect.NO_SCHEDULE }] : []), ...options.taints ?? []],
        requirements: [
          Requirement.capacityType(...poolCapacityTypes ?? capacityTypes ?? [CapacityType.ON_DEMAND, CapacityType.SPOT]),
          Requirement.instanceCategory(...instanceCategories ?? ['c', 'm', 'r']),
          NodeLabel.INSTANCE_GENERATION.greaterThan(minimumGenerationAbove ?? 4),
          Requirement.arch(...archs),
          Requirement.os(OperatingSystem.LINUX),
          ...options.requirements ?? [],
        ],
      });
    };
    this.graviton = pool('Graviton', 'graviton', 'graviton', graviton, [Arch.ARM64]);
    this.x86 = pool('X86', 'x86', 'x86', x86, [Arch.AMD64]);
    this.multiArch = pool('MultiArch', 'multiArch', 'multiarch', multiArch, [Arch.ARM64, Arch.AMD64]);
    const names = [this.graviton, this.x86, this.multiArch].filter(p => p).map(p => p!.name);
    if (new Set(names).size !== names.length) throw invalidInput(this, PATTERNS_RULES['PAT-01'], 'pool names', names, 'must be distinct');
    if (names.length === 0) throw invalidInput(this, PATTERNS_RULES['PAT-02'], 'pools', names, 'at least one pool must be enabled');
  }

  /**
   * Places a workload on the pool of its image's architecture (`options.arch`): `ARM64` → graviton,
   * `AMD64` → x86, unset (a multi-arch image) → multiarch.
   */
  public schedule(workload: kplus.Workload, options: NodePoolPlacementOptions = {}): void {
    const arch = options.arch;
    const [pool, field] = arch === Arch.ARM64 ? [this.graviton, 'graviton'] : arch === Arch.AMD64 ? [this.x86, 'x86'] : [this.multiArch, 'multiArch'];
    if (!pool) throw invalidInput(this, PATTERNS_RULES['PAT-03'], field, 'disabled', `must be enabled to place a workload of architecture ${arch?.value ?? 'multi-arch'}`);
    pool.schedule(workload, options);
  }
}
