import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { checkDnsLabel, checkFactoryValues, checkInteger } from '../core/checks';
import { invalidInput } from '../core/errors';
import { addExtendedResource } from '../core/placement';
import { checkProps } from '../core/prop-checks';
import { KARPENTER_RULES, PATTERNS_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { CapacityType, INodeClass, NodeLabel, NodePool, NodePoolOptions, NodePoolPlacementOptions, Requirement } from '../karpenter';
import { recordExtendedRequest } from '../karpenter/capacity/workload-view';

/** The extended resource the NVIDIA device plugin advertises, and the taint key of GPU nodes. */
const NVIDIA_GPU = 'nvidia.com/gpu';

/**
 * A container image reference (github.com/distribution/reference): an optional registry host (and port), lower-case
 * path components separated by `.`, `_`, `__` or dashes, an optional tag and an optional digest.
 */
const IMAGE_REFERENCE = new RegExp('^(?<name>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?'
  + '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)'
  + '(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$');

/** Properties of a GPU NodePool: any NodePool option (its metadata with its name, labels, limits, ...) and the GPU settings. */
export interface GpuNodePoolProps extends NodePoolOptions {
  /** The node class the GPU nodes launch with. */
  readonly nodeClass: INodeClass;

  /** The most NVIDIA GPUs the pool may run in total (GPU instances are expensive). */
  readonly maxGpus: number;

  /**
   * Instance categories to launch.
   * @default ['g', 'p']
   */
  readonly instanceCategories?: string[];

  /**
   * Capacity types to launch.
   * @default [CapacityType.ON_DEMAND]
   */
  readonly capacityTypes?: CapacityType[];

  /**
   * Deploy the NVIDIA device plugin DaemonSet, which advertises `nvidia.com/gpu` to the scheduler.
   * EKS Auto Mode ships its own device plugin.
   * @default - true on an EC2NodeClass, false on EKS Auto Mode
   */
  readonly devicePlugin?: boolean;

  /**
   * Image of the NVIDIA device plugin.
   * @default 'nvcr.io/nvidia/k8s-device-plugin:v0.17.4'
   */
  readonly devicePluginImage?: string;

  /**
   * Namespace of the device plugin DaemonSet.
   * @default 'kube-system'
   */
  readonly devicePluginNamespace?: string;
}

/** How a GPU workload uses the pool: the GPUs its pods request, and the node constraints it selects. */
export interface GpuPlacementOptions extends NodePoolPlacementOptions {
  /**
   * GPUs each pod requests.
   * @default 1
   */
  readonly gpusPerPod?: number;

  /**
   * The container that uses the GPUs.
   * @default - the workload's first container
   */
  readonly container?: kplus.Container;
}

/**
 * A NodePool of NVIDIA GPU instances (categories g and p, `instance-gpu-manufacturer` nvidia),
 * tainted `nvidia.com/gpu:NoSchedule` so only GPU workloads land there, with a GPU limit,
 * and the NVIDIA device plugin DaemonSet. `schedule` makes a workload request GPUs and
 * tolerate the taint.
 */
export class GpuNodePool extends Construct {
  /** The GPU NodePool. */
  public readonly pool: NodePool;
  /** The NVIDIA device plugin, unless disabled. */
  public readonly devicePlugin?: kplus.DaemonSet;

  public constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    checkProps(scope, id, 'GpuNodePoolProps', props);
    super(scope, id);
    const {
      nodeClass, maxGpus, instanceCategories = ['g', 'p'], capacityTypes, devicePlugin, devicePluginImage, devicePluginNamespace, ...poolOptions
    } = props;
    checkInteger(this, PATTERNS_RULES['PAT-04'], 'maxGpus', maxGpus, 1);
    checkFactoryValues(this, 'capacityTypes', capacityTypes, CapacityType);
    if (devicePluginImage !== undefined && !isUnresolvedToken(devicePluginImage)) {
      const name = IMAGE_REFERENCE.exec(devicePluginImage)?.groups?.name;
      if (name === undefined || name.length > 255) {
        throw invalidInput(this, PATTERNS_RULES['PAT-14'], 'devicePluginImage', devicePluginImage,
          'must be a container image reference such as nvcr.io/nvidia/k8s-device-plugin:v0.17.4 (lower-case repository, optional tag and digest)');
      }
    }
    if (instanceCategories.length === 0) throw invalidInput(this, KARPENTER_RULES['NP-14'], 'instanceCategories', instanceCategories, 'must list at least one category, e.g. g and p');
    if (poolOptions.limits?.nvidiaGpus !== undefined) {
      throw invalidInput(this, PATTERNS_RULES['PAT-05'], 'limits.nvidiaGpus', poolOptions.limits.nvidiaGpus, 'must be unset: use maxGpus');
    }

    this.pool = new NodePool(this, 'Pool', {
      ...poolOptions,
      nodeClass,
      requirements: [
        Requirement.instanceCategory(...instanceCategories),
        Requirement.instanceGpuManufacturer('nvidia'),
        Requirement.capacityType(...capacityTypes ?? [CapacityType.ON_DEMAND]),
        ...poolOptions.requirements ?? [],
      ],
      taints: [{ key: NVIDIA_GPU, effect: kplus.TaintEffect.NO_SCHEDULE }, ...poolOptions.taints ?? []],
      limits: { ...poolOptions.limits, nvidiaGpus: maxGpus },
    });
    // At synth: the requirements must admit an NVIDIA GPU instance type (PAT-12, instead of the pool's CAP-01).
    this.pool._expectInstanceTypesWith(NVIDIA_GPU, PATTERNS_RULES['PAT-12'], 'GpuNodePool');

    const autoMode = nodeClass.nodeClassGroup === 'eks.amazonaws.com';
    if (devicePlugin ?? !autoMode) {
      this.devicePlugin = this.createDevicePlugin(nodeClass, devicePluginImage, devicePluginNamespace);
    }
  }

  /**
   * Places a workload on the GPU pool: it requests `gpusPerPod` NVIDIA GPUs (requests equal
   * limits), tolerates the GPU taint, and selects the pool's labels (plus the node constraints given).
   */
  public schedule(workload: kplus.Workload, options: GpuPlacementOptions = {}): void {
    const { gpusPerPod, container, ...placement } = options;
    const target = container ?? workload.containers[0];
    if (!target) throw invalidInput(workload, PATTERNS_RULES['PAT-06'], 'containers', [], 'must have a container to request GPUs');
    addExtendedResource(workload, target, NVIDIA_GPU, gpusPerPod ?? 1);
    recordExtendedRequest(workload, target, NVIDIA_GPU, gpusPerPod ?? 1);
    this.pool.schedule(workload, placement);
  }

  private createDevicePlugin(nodeClass: INodeClass, image: string | undefined, pluginNamespace: string | undefined): kplus.DaemonSet {
    const namespace = pluginNamespace ?? 'kube-system';
    checkDnsLabel(this, 'devicePluginNamespace', namespace);
    const labels = { name: 'nvidia-device-plugin-ds' };
    const plugin = new kplus.DaemonSet(this, 'DevicePlugin', {
      metadata: { name: 'nvidia-device-plugin-daemonset', namespace },
      select: false,
      podMetadata: { labels },
      // Exception to the restricted defaults: the plugin registers a unix socket in the kubelet's
      // root-owned /var/lib/kubelet/device-plugins (a hostPath), so it runs as root. It needs no
      // privilege escalation, capabilities or API token, and those stay dropped.
      securityContext: { ensureNonRoot: false },
    });
    plugin.select(kplus.LabelSelector.of({ labels }));
    const socketDir = '/var/lib/kubelet/device-plugins';
    const volume = kplus.Volume.fromHostPath(this, 'DevicePluginSockets', 'device-plugin', { path: socketDir });
    plugin.addContainer({
      name: 'nvidia-device-plugin-ctr',
      image: image ?? 'nvcr.io/nvidia/k8s-device-plugin:v0.17.4',
      envVariables: { FAIL_ON_INIT_ERROR: kplus.EnvValue.fromValue('false') },
      volumeMounts: [{ volume, path: socketDir }],
      securityContext: {
        ensureNonRoot: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
      },
    });
    plugin.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists(NVIDIA_GPU, { effect: kplus.TaintEffect.NO_SCHEDULE })));
    // Only NVIDIA GPU nodes need the plugin; elsewhere it would idle on every node.
    plugin.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is(NodeLabel.INSTANCE_GPU_MANUFACTURER.keyFor(nodeClass), 'nvidia')));
    // cdk8s-plus has no priorityClassName; without it the plugin can be evicted under node pressure.
    ApiObject.of(plugin).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'));
    return plugin;
  }
}
