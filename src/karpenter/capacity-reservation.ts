/** How a capacity reservation accepts instances (its `instanceMatchCriteria` in EC2). */
export class InstanceMatchCriteria {
  /** Open reservations: any instance with matching attributes (type, platform, zone) runs in them without targeting them. */
  public static readonly OPEN = new InstanceMatchCriteria('open');
  /** Targeted reservations: only instances launched into them by id use them. */
  public static readonly TARGETED = new InstanceMatchCriteria('targeted');

  private constructor(
    /** The EC2 value. */
    public readonly value: string) {}
}

/**
 * One capacity reservation selector term: by id, or by tags and/or match criteria, optionally narrowed to an
 * owner account. The fields of a term are ANDed, the terms ORed.
 */
export interface CapacityReservationSelectorTerm {
  /**
   * A capacity reservation id (`cr-...`); stands alone in its term.
   * @default - selected by tags or instanceMatchCriteria
   */
  readonly id?: string;

  /**
   * Tags the reservations carry; the value `*` matches any value of the key.
   * @default - not selected by tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Only reservations that accept instances this way; alone in a term, it selects every active reservation of that kind.
   * @default - open and targeted reservations alike
   */
  readonly instanceMatchCriteria?: InstanceMatchCriteria;

  /**
   * The AWS account (12 digits) owning the reservations, e.g. one sharing them through AWS RAM. It only narrows a term
   * that selects by tags or instanceMatchCriteria.
   * @default - reservations of any owner the account can see
   */
  readonly ownerId?: string;
}
