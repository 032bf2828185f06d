// Internal: the checks of an EC2NodeClass's EBS volumes, their defaults per AMI family, and their CRD JSON.
import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AmiFamily } from './ami-selection';
import { BlockDeviceMapping, EbsVolumeType } from './block-devices';
import { checkFactoryValue, checkInteger, checkPattern, checkUnique } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { addWarning } from '../core/warnings';

/** `spec.blockDeviceMappings[]` of the EC2NodeClass CRD. */
export interface BlockDeviceJson {
  readonly deviceName: string;
  /** @default - not written (Karpenter's default, false) */
  readonly rootVolume?: boolean;
  readonly ebs: {
    /** @default - not written (the snapshot's size) */
    readonly volumeSize?: string;
    readonly volumeType: string;
    /** @default - not written (the volume type's baseline) */
    readonly iops?: number;
    /** @default - not written (EBS's default, 125 MiB/s for gp3) */
    readonly throughput?: number;
    /** @default - not written (the account's EBS encryption default applies) */
    readonly encrypted?: boolean;
    /** @default - not written (the account's default EBS key) */
    readonly kmsKeyID?: string;
    readonly deleteOnTermination: boolean;
    /** @default - not written (an empty volume) */
    readonly snapshotID?: string;
    /** @default - not written (lazy initialization) */
    readonly volumeInitializationRate?: number;
  };
}

/** What EC2 takes as an EBS KmsKeyId: a key id (multi-Region ones start mrk-), a key ARN, an alias or an alias ARN. */
const KMS_KEY = new RegExp('^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]{1,250}'
  + '|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(?:key/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias/[a-zA-Z0-9/_-]{1,250}))$');

/** Checks the declared volumes, one by one and as a list, and warns when a Custom AMI declares none. */
export function checkBlockDevices(scope: IConstruct, devices: BlockDeviceMapping[] | undefined, amiFamily: AmiFamily): void {
  (devices ?? []).forEach((b, i) => checkBlockDevice(scope, b, `blockDeviceMappings[${i}]`));
  const roots = (devices ?? []).filter(b => b.rootVolume);
  if (roots.length > 1) {
    throw invalidInput(scope, KARPENTER_RULES['EC-33'], 'blockDeviceMappings', roots.map(b => b.deviceName), 'must mark at most one volume as rootVolume');
  }
  checkUnique(scope, KARPENTER_RULES['EC-34'], 'blockDeviceMappings deviceName', (devices ?? []).map(b => b.deviceName));
  if (devices && devices.length > 50) {
    throw invalidInput(scope, KARPENTER_RULES['EC-35'], 'blockDeviceMappings', devices.length, 'must have at most 50 items');
  }
  if (!devices && amiFamily === AmiFamily.CUSTOM) {
    addWarning(scope, KARPENTER_RULES['EC-36'], 'uses a Custom AMI family without blockDeviceMappings: volumes follow the AMI\'s own mappings, which may be unencrypted; declare them');
  }
}

function checkBlockDevice(scope: IConstruct, device: BlockDeviceMapping, field: string): void {
  checkFactoryValue(scope, `${field}.volumeType`, device.volumeType, EbsVolumeType);
  const type = device.volumeType ?? EbsVolumeType.GP3;
  if (!device.deviceName) throw invalidInput(scope, KARPENTER_RULES['EC-61'], `${field}.deviceName`, device.deviceName, 'must be a device name such as /dev/xvda');
  if (device.volumeSize) {
    const gib = device.volumeSize.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isInteger(gib) || gib < type.minSizeGiB || gib > type.maxSizeGiB) {
      throw invalidInput(scope, KARPENTER_RULES['EC-20'], `${field}.volumeSize`, `${gib}Gi`, `must be a whole number of GiB from ${type.minSizeGiB} to ${type.maxSizeGiB} for ${type.value}`);
    }
  } else if (!device.snapshotId) {
    throw invalidInput(scope, KARPENTER_RULES['EC-19'], `${field}.volumeSize`, undefined, 'must be set unless snapshotId is');
  }
  if (device.iops !== undefined) {
    const ranges: { [type: string]: [number, number] } = { gp3: [3000, 16000], io1: [100, 64000], io2: [100, 64000] };
    const range = ranges[type.value];
    if (!range) throw invalidInput(scope, KARPENTER_RULES['EC-62'], `${field}.iops`, device.iops, `must be unset for ${type.value} (only gp3, io1 and io2 take provisioned IOPS)`);
    checkInteger(scope, KARPENTER_RULES['EC-62'], `${field}.iops`, device.iops, range[0], range[1]);
  } else if (type === EbsVolumeType.IO1 || type === EbsVolumeType.IO2) {
    throw invalidInput(scope, KARPENTER_RULES['EC-62'], `${field}.iops`, undefined, `must be set for ${type.value} volumes`);
  }
  if (device.throughput !== undefined) {
    if (type !== EbsVolumeType.GP3) throw invalidInput(scope, KARPENTER_RULES['EC-63'], `${field}.throughput`, device.throughput, `must be unset for ${type.value} (only gp3 takes a throughput)`);
    checkInteger(scope, KARPENTER_RULES['EC-63'], `${field}.throughput`, device.throughput, 125, 1000);
  }
  if (device.kmsKeyId !== undefined && !isUnresolvedToken(device.kmsKeyId)) {
    checkPattern(scope, KARPENTER_RULES['EC-67'], `${field}.kmsKeyId`, device.kmsKeyId, KMS_KEY,
      'must be a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-...), a key ARN, an alias (alias/ebs-nodes) or an alias ARN');
  }
  if (device.snapshotId !== undefined && !isUnresolvedToken(device.snapshotId)) {
    checkPattern(scope, KARPENTER_RULES['EC-45'], `${field}.snapshotId`, device.snapshotId, /^snap-[0-9a-z]+$/, 'must be a snapshot id such as snap-0123456789abcdef0');
  }
  checkInteger(scope, KARPENTER_RULES['EC-23'], `${field}.volumeInitializationRate`, device.volumeInitializationRate, 100, 300);
  if (device.volumeInitializationRate !== undefined && !device.snapshotId) {
    throw invalidInput(scope, KARPENTER_RULES['EC-23'], `${field}.volumeInitializationRate`, device.volumeInitializationRate, 'needs snapshotId: only restored snapshots are initialized');
  }
  if (!(device.encrypted ?? true)) addWarning(scope, KARPENTER_RULES['EC-30'], `${field} (${device.deviceName}) is not encrypted: pod data and images on it are stored in the clear`);
}

/** The volumes Karpenter would give the AMI family, written out so they are encrypted. */
export function defaultBlockDevices(amiFamily: AmiFamily): BlockDeviceMapping[] | undefined {
  const root = (deviceName: string, gib: number): BlockDeviceMapping => ({ deviceName, volumeSize: Size.gibibytes(gib) });
  if (amiFamily === AmiFamily.BOTTLEROCKET) return [root('/dev/xvda', 4), root('/dev/xvdb', 20)];
  if (amiFamily.isWindows) return [root('/dev/sda1', 50)];
  if (amiFamily === AmiFamily.AL2 || amiFamily === AmiFamily.AL2023) return [root('/dev/xvda', 20)];
  return undefined;
}

/** A checked volume, as the CRD writes it. */
export function renderBlockDevice(device: BlockDeviceMapping): BlockDeviceJson {
  const encrypted = device.encrypted ?? true;
  return {
    deviceName: device.deviceName,
    rootVolume: device.rootVolume,
    ebs: {
      volumeSize: device.volumeSize ? `${device.volumeSize.toGibibytes({ rounding: SizeRoundingBehavior.NONE })}Gi` : undefined,
      volumeType: (device.volumeType ?? EbsVolumeType.GP3).value,
      iops: device.iops,
      throughput: device.throughput,
      // Restored volumes too: EBS encrypts a volume restored from an unencrypted snapshot when asked, and a
      // volume from an encrypted snapshot is encrypted anyway, so `true` is never wrong and never leaks.
      encrypted,
      kmsKeyID: device.kmsKeyId,
      deleteOnTermination: device.deleteOnTermination ?? true,
      snapshotID: device.snapshotId,
      volumeInitializationRate: device.volumeInitializationRate,
    },
  };
}
