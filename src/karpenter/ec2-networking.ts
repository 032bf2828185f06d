import { Duration } from 'cdk8s';

/** One subnet selector term: by id or by tags (terms are ORed). */
export interface SubnetSelectorTerm {
  /**
   * A subnet id (`subnet-...`).
   * @default - selected by tags
   */
  readonly id?: string;

  /**
   * Tags the subnets carry, e.g. `{ 'karpenter.sh/discovery': clusterName }`; select private subnets only.
   * @default - selected by id
   */
  readonly tags?: { [key: string]: string };
}

/** One security group selector term: by id, by name or by tags (terms are ORed). */
export interface SecurityGroupSelectorTerm {
  /**
   * A security group id (`sg-...`).
   * @default - selected by name or tags
   */
  readonly id?: string;

  /**
   * A security group name.
   * @default - selected by id or tags
   */
  readonly name?: string;

  /**
   * Tags the security groups carry.
   * @default - selected by id or name
   */
  readonly tags?: { [key: string]: string };
}

/** The placement group the nodes launch into: by name or by id, exactly one. */
export interface PlacementGroupSelector {
  /**
   * The placement group's name.
   * @default - selected by id
   */
  readonly name?: string;

  /**
   * The placement group's id (`pg-...`).
   * @default - selected by name
   */
  readonly id?: string;
}

/** The kind of a network interface attached at launch. */
export class NetworkInterfaceType {
  /** A regular ENA interface with IP addresses; the primary interface must be one. */
  public static readonly INTERFACE = new NetworkInterfaceType('interface');
  /** An EFA device without IP networking (no addresses consumed); at most one per network card. */
  public static readonly EFA_ONLY = new NetworkInterfaceType('efa-only');

  private constructor(
    /** The Karpenter value. */
    public readonly value: string) {}
}

/** A network interface attached to each node at launch. */
export interface NetworkInterface {
  /** The network card the interface is attached to (0 for the primary card). */
  readonly networkCardIndex: number;

  /** The device index of the interface on its card (0 for the card's first interface). */
  readonly deviceIndex: number;

  /** ENA interface or EFA-only device. */
  readonly interfaceType: NetworkInterfaceType;
}

/**
 * Idle timeouts of EC2 connection tracking on the interfaces Karpenter creates (not on EFA-only ones).
 * Set at least one; each is a whole number of seconds.
 */
export interface ConnectionTracking {
  /**
   * Idle timeout of established TCP connections, from 60 seconds to 5 days.
   * @default - EC2's default: 350 seconds on Nitro v6 instance types (except P6e-GB200), 5 days on the others
   */
  readonly tcpEstablishedTimeout?: Duration;

  /**
   * Idle timeout of UDP flows that saw more than one request-response exchange, from 60 to 180 seconds.
   * @default - EC2's default, 180 seconds
   */
  readonly udpStreamTimeout?: Duration;

  /**
   * Idle timeout of UDP flows with traffic in one direction only or a single request-response exchange, from 30 to 60 seconds.
   * @default - EC2's default, 30 seconds
   */
  readonly udpTimeout?: Duration;
}
