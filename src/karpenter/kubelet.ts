import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';

/** Resources set aside on each node for system or Kubernetes daemons. */
export interface ReservedResources {
  /**
   * CPU.
   * @default - the AMI family's default
   */
  readonly cpu?: kplus.Cpu;

  /**
   * Memory.
   * @default - the AMI family's default
   */
  readonly memory?: Size;

  /**
   * Ephemeral storage.
   * @default - the AMI family's default
   */
  readonly ephemeralStorage?: Size;

  /**
   * Process ids.
   * @default - the AMI family's default
   */
  readonly pid?: number;
}

/** Kubelet settings of the nodes (a subset of the kubelet configuration). */
export interface KubeletConfiguration {
  /**
   * Maximum pods per node.
   * @default - the AMI family's default (ENI-based for Amazon Linux)
   */
  readonly maxPods?: number;

  /**
   * Maximum pods per CPU core (capped by maxPods).
   * @default - no per-core limit
   */
  readonly podsPerCore?: number;

  /**
   * Reserved for OS daemons.
   * @default - the AMI family's default
   */
  readonly systemReserved?: ReservedResources;

  /**
   * Reserved for Kubernetes daemons.
   * @default - the AMI family's default
   */
  readonly kubeReserved?: ReservedResources;

  /**
   * Hard eviction thresholds by signal (`memory.available`, `nodefs.available`, ...), as a quantity or a percentage.
   * @default - the kubelet's defaults
   */
  readonly evictionHard?: { [signal: string]: string };

  /**
   * Soft eviction thresholds by signal; each needs a grace period.
   * @default - none
   */
  readonly evictionSoft?: { [signal: string]: string };

  /**
   * Grace period per soft eviction signal.
   * @default - none
   */
  readonly evictionSoftGracePeriod?: { [signal: string]: Duration };

  /**
   * Longest pod termination grace period honoured on soft eviction.
   * @default - the pod's own grace period
   */
  readonly evictionMaxPodGracePeriod?: Duration;

  /**
   * Disk usage percent (0-100) above which images are always garbage collected.
   * @default 85
   */
  readonly imageGcHighThresholdPercent?: number;

  /**
   * Disk usage percent (0-100) below which images are never garbage collected.
   * @default 80
   */
  readonly imageGcLowThresholdPercent?: number;

  /**
   * Enforce CPU limits with CFS quota.
   * @default true
   */
  readonly cpuCfsQuota?: boolean;

  /**
   * Cluster DNS server addresses.
   * @default - the cluster's DNS service
   */
  readonly clusterDns?: string[];
}
