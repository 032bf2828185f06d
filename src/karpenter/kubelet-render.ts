// Internal: the checks of an EC2NodeClass's kubelet settings and their CRD JSON.
import { isIP } from 'net';
import { IConstruct } from 'constructs';
import { KubeletConfiguration, ReservedResources } from './kubelet';
import { checkInteger, checkPattern, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { checkCpu, checkSize, durationText, toHoursMinutesSeconds, toQuantity, toWholeSeconds } from '../core/units';

/** `spec.kubelet` of the EC2NodeClass CRD. */
export interface KubeletJson {
  /** @default - not written (the AMI family's default) */
  readonly maxPods?: number;
  /** @default - not written (no per-core limit) */
  readonly podsPerCore?: number;
  /** @default - not written (the AMI family's default) */
  readonly systemReserved?: { [resource: string]: string };
  /** @default - not written (the AMI family's default) */
  readonly kubeReserved?: { [resource: string]: string };
  /** @default - not written (the kubelet's defaults) */
  readonly evictionHard?: { [signal: string]: string };
  /** @default - not written (none) */
  readonly evictionSoft?: { [signal: string]: string };
  /** @default - not written (none) */
  readonly evictionSoftGracePeriod?: { [signal: string]: string };
  /** @default - not written (the pod's own grace period) */
  readonly evictionMaxPodGracePeriod?: number;
  /** @default - not written (the kubelet's default, 85) */
  readonly imageGCHighThresholdPercent?: number;
  /** @default - not written (the kubelet's default, 80) */
  readonly imageGCLowThresholdPercent?: number;
  /** @default - not written (the kubelet's default, true) */
  readonly cpuCFSQuota?: boolean;
  /** @default - not written (the cluster's DNS service) */
  readonly clusterDNS?: string[];
}

const EVICTION_SIGNALS = ['memory.available', 'nodefs.available', 'nodefs.inodesFree', 'imagefs.available', 'imagefs.inodesFree', 'pid.available'];
const EVICTION_THRESHOLD = /^((\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)%|(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?)$/;

function checkSignals(scope: IConstruct, map: { [signal: string]: unknown } | undefined, field: string): void {
  for (const signal of Object.keys(map ?? {})) {
    if (!EVICTION_SIGNALS.includes(signal)) throw invalidInput(scope, KARPENTER_RULES['EC-24'], `${field} key`, signal, `must be one of ${EVICTION_SIGNALS.join(', ')}`);
  }
}

function checkReserved(scope: IConstruct, reserved: ReservedResources | undefined, field: string): void {
  if (!reserved) return;
  checkInteger(scope, KARPENTER_RULES['EC-27'], `${field}.pid`, reserved.pid, 0);
  checkCpu(scope, `${field}.cpu`, reserved.cpu, false, KARPENTER_RULES['EC-27']);
  checkSize(scope, `${field}.memory`, reserved.memory, 0, KARPENTER_RULES['EC-27']);
  checkSize(scope, `${field}.ephemeralStorage`, reserved.ephemeralStorage, 0, KARPENTER_RULES['EC-27']);
}

/** Checks the kubelet settings the way Karpenter does. */
export function checkKubelet(scope: IConstruct, kubelet: KubeletConfiguration | undefined): void {
  if (!kubelet) return;
  checkInteger(scope, KARPENTER_RULES['EC-27'], 'kubelet.maxPods', kubelet.maxPods, 0, INT32_MAX);
  checkInteger(scope, KARPENTER_RULES['EC-27'], 'kubelet.podsPerCore', kubelet.podsPerCore, 0, INT32_MAX);
  checkInteger(scope, KARPENTER_RULES['EC-25'], 'kubelet.imageGcHighThresholdPercent', kubelet.imageGcHighThresholdPercent, 0, 100);
  checkInteger(scope, KARPENTER_RULES['EC-25'], 'kubelet.imageGcLowThresholdPercent', kubelet.imageGcLowThresholdPercent, 0, 100);
  const high = kubelet.imageGcHighThresholdPercent;
  const low = kubelet.imageGcLowThresholdPercent;
  if (high !== undefined && low !== undefined && high <= low) {
    throw invalidInput(scope, KARPENTER_RULES['EC-25'], 'kubelet.imageGcHighThresholdPercent', high, `must be greater than imageGcLowThresholdPercent (${low})`);
  }
  checkSignals(scope, kubelet.evictionHard, 'kubelet.evictionHard');
  checkSignals(scope, kubelet.evictionSoft, 'kubelet.evictionSoft');
  checkSignals(scope, kubelet.evictionSoftGracePeriod, 'kubelet.evictionSoftGracePeriod');
  for (const [name, map] of [['evictionHard', kubelet.evictionHard], ['evictionSoft', kubelet.evictionSoft]] as const) {
    for (const [signal, threshold] of Object.entries(map ?? {})) {
      checkPattern(scope, KARPENTER_RULES['EC-64'], `kubelet.${name}[${JSON.stringify(signal)}]`, threshold, EVICTION_THRESHOLD, 'must be a quantity (e.g. 100Mi) or a percentage (e.g. 10%)');
    }
  }
  const soft = Object.keys(kubelet.evictionSoft ?? {});
  const grace = Object.keys(kubelet.evictionSoftGracePeriod ?? {});
  const missingGrace = soft.find(s => !grace.includes(s));
  if (missingGrace) throw invalidInput(scope, KARPENTER_RULES['EC-65'], 'kubelet.evictionSoftGracePeriod', missingGrace, 'must have an entry for every evictionSoft signal');
  const missingSoft = grace.find(s => !soft.includes(s));
  if (missingSoft) throw invalidInput(scope, KARPENTER_RULES['EC-65'], 'kubelet.evictionSoft', missingSoft, 'must have an entry for every evictionSoftGracePeriod signal');
  checkReserved(scope, kubelet.systemReserved, 'kubelet.systemReserved');
  checkReserved(scope, kubelet.kubeReserved, 'kubelet.kubeReserved');
  (kubelet.clusterDns ?? []).forEach((address, i) => {
    if (!isUnresolvedToken(address) && isIP(address) === 0) {
      throw invalidInput(scope, KARPENTER_RULES['EC-66'], `kubelet.clusterDns[${i}]`, address, 'must be an IPv4 or IPv6 address, such as the cluster DNS Service\'s 10.100.0.10');
    }
  });
  const maxPodGrace = kubelet.evictionMaxPodGracePeriod;
  if (maxPodGrace && toWholeSeconds(scope, 'kubelet.evictionMaxPodGracePeriod', maxPodGrace) > INT32_MAX) {
    throw invalidInput(scope, KARPENTER_RULES['EC-27'], 'kubelet.evictionMaxPodGracePeriod', durationText(maxPodGrace), `must be at most ${INT32_MAX} seconds (an int32)`);
  }
  // Converted once here so bad durations fail at construction, with the field named.
  renderKubelet(scope, kubelet);
}

function renderReserved(reserved: ReservedResources | undefined): { [key: string]: string } | undefined {
  if (!reserved) return undefined;
  const out: { [key: string]: string } = {};
  if (reserved.cpu) out.cpu = reserved.cpu.amount;
  if (reserved.memory) out.memory = toQuantity(reserved.memory);
  if (reserved.ephemeralStorage) out['ephemeral-storage'] = toQuantity(reserved.ephemeralStorage);
  if (reserved.pid !== undefined) out.pid = `${reserved.pid}`;
  return Object.keys(out).length ? out : undefined;
}

/** Checked kubelet settings, as the CRD writes them. */
export function renderKubelet(scope: IConstruct, kubelet: KubeletConfiguration | undefined): KubeletJson | undefined {
  if (!kubelet) return undefined;
  const gracePeriods = kubelet.evictionSoftGracePeriod;
  return {
    maxPods: kubelet.maxPods,
    podsPerCore: kubelet.podsPerCore,
    systemReserved: renderReserved(kubelet.systemReserved),
    kubeReserved: renderReserved(kubelet.kubeReserved),
    evictionHard: kubelet.evictionHard,
    evictionSoft: kubelet.evictionSoft,
    evictionSoftGracePeriod: gracePeriods
      ? Object.fromEntries(Object.entries(gracePeriods).map(([k, d]) => [k, toHoursMinutesSeconds(scope, `kubelet.evictionSoftGracePeriod[${JSON.stringify(k)}]`, d)]))
      : undefined,
    evictionMaxPodGracePeriod: kubelet.evictionMaxPodGracePeriod ? toWholeSeconds(scope, 'kubelet.evictionMaxPodGracePeriod', kubelet.evictionMaxPodGracePeriod) : undefined,
    imageGCHighThresholdPercent: kubelet.imageGcHighThresholdPercent,
    imageGCLowThresholdPercent: kubelet.imageGcLowThresholdPercent,
    cpuCFSQuota: kubelet.cpuCfsQuota,
    clusterDNS: kubelet.clusterDns,
  };
}
