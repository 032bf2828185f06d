import { Size } from 'cdk8s';

/** EBS volume types. */
export class EbsVolumeType {
  /** General purpose SSD, baseline 3000 IOPS and 125 MiB/s, both tunable. */
  public static readonly GP3 = new EbsVolumeType('gp3', 1, 16384);
  /** Previous general purpose SSD. */
  public static readonly GP2 = new EbsVolumeType('gp2', 1, 16384);
  /** Provisioned IOPS SSD. */
  public static readonly IO1 = new EbsVolumeType('io1', 4, 16384);
  /** Provisioned IOPS SSD, higher durability. */
  public static readonly IO2 = new EbsVolumeType('io2', 4, 16384);
  /** Throughput optimized HDD. */
  public static readonly ST1 = new EbsVolumeType('st1', 125, 16384);
  /** Cold HDD. */
  public static readonly SC1 = new EbsVolumeType('sc1', 125, 16384);
  /** Magnetic (previous generation). */
  public static readonly STANDARD = new EbsVolumeType('standard', 1, 1024);

  private constructor(
    /** The EBS value. */
    public readonly value: string,
    /** Smallest size in GiB. */
    public readonly minSizeGiB: number,
    /** Largest size in GiB. */
    public readonly maxSizeGiB: number) {}
}

/** An EBS volume attached to each node. */
export interface BlockDeviceMapping {
  /** The device name (`/dev/xvda` is the root volume of Amazon Linux). */
  readonly deviceName: string;

  /**
   * Volume size in whole GiB; required unless `snapshotId` is set.
   * @default - the snapshot's size
   */
  readonly volumeSize?: Size;

  /**
   * Volume type.
   * @default EbsVolumeType.GP3
   */
  readonly volumeType?: EbsVolumeType;

  /**
   * Provisioned IOPS (gp3 3000-16000, io1/io2 100-64000; not for other types).
   * @default - the volume type's baseline
   */
  readonly iops?: number;

  /**
   * Throughput in MiB/s (gp3 only, 125-1000).
   * @default - 125 MiB/s for gp3
   */
  readonly throughput?: number;

  /**
   * Encrypt the volume. An opt-out must be explicit: unencrypted node volumes expose pod data.
   * Not emitted for volumes restored from a snapshot, which keep the snapshot's encryption.
   * @default true
   */
  readonly encrypted?: boolean;

  /**
   * KMS key (id or ARN) encrypting the volume.
   * @default - the account's default EBS key
   */
  readonly kmsKeyId?: string;

  /**
   * Delete the volume with the instance.
   * @default true
   */
  readonly deleteOnTermination?: boolean;

  /**
   * Snapshot to restore the volume from.
   * @default - an empty volume
   */
  readonly snapshotId?: string;

  /**
   * Rate (MiB/s, 100-300) at which a restored snapshot is initialized; needs `snapshotId`.
   * @default - lazy initialization
   */
  readonly volumeInitializationRate?: number;

  /**
   * Whether this is the root volume (at most one). Ephemeral storage is taken from it.
   * @default false
   */
  readonly rootVolume?: boolean;
}
