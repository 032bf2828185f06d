/** The AMI family: decides the user-data format and the default volumes. */
export class AmiFamily {
  /** Amazon Linux 2 (end of life for new Kubernetes versions). */
  public static readonly AL2 = new AmiFamily('AL2', 'al2');
  /** Amazon Linux 2023. */
  public static readonly AL2023 = new AmiFamily('AL2023', 'al2023');
  /** Bottlerocket. */
  public static readonly BOTTLEROCKET = new AmiFamily('Bottlerocket', 'bottlerocket');
  /** Windows Server 2019. */
  public static readonly WINDOWS_2019 = new AmiFamily('Windows2019', 'windows2019');
  /** Windows Server 2022. */
  public static readonly WINDOWS_2022 = new AmiFamily('Windows2022', 'windows2022');
  /** Windows Server 2025 (Karpenter 1.9+). */
  public static readonly WINDOWS_2025 = new AmiFamily('Windows2025', 'windows2025');
  /** A custom AMI: Karpenter generates no bootstrap user data and no default volumes. */
  public static readonly CUSTOM = new AmiFamily('Custom', undefined);

  private constructor(
    /** The `amiFamily` value. */
    public readonly value: string,
    /** The alias prefix (`al2023` in `al2023@latest`), when the family has aliases. */
    public readonly aliasName?: string) {}

  /** Whether this is a Windows family. */
  public get isWindows(): boolean {
    return this.value.startsWith('Windows');
  }
}

/** One AMI selector term; the fields of a term are ANDed, the terms ORed. */
export interface AmiSelectorTerm {
  /**
   * An AMI id (`ami-...`); stands alone in its term.
   * @default - not selected by id
   */
  readonly id?: string;

  /**
   * An AMI name (wildcards allowed).
   * @default - not selected by name
   */
  readonly name?: string;

  /**
   * The AMI owner (account id, `self` or `amazon`).
   * @default - Karpenter's default owners when selecting by name
   */
  readonly owner?: string;

  /**
   * AMI tags.
   * @default - not selected by tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * An SSM parameter holding the AMI id (e.g. `/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id`).
   * @default - not selected by SSM parameter
   */
  readonly ssmParameter?: string;
}

/** Which AMI the nodes boot: an alias of an EKS-optimized family, or selector terms. */
export class AmiSelection {
  /** The latest or a pinned (`v20240807`) Amazon Linux 2023 EKS-optimized AMI. Pin it in production. */
  public static al2023(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`al2023@${version}`);
  }

  /** The latest or a pinned Amazon Linux 2 EKS-optimized AMI. */
  public static al2(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`al2@${version}`);
  }

  /** The latest or a pinned (`v1.20.3`) Bottlerocket AMI. */
  public static bottlerocket(version: string = 'latest'): AmiSelection {
    return AmiSelection.alias(`bottlerocket@${version}`);
  }

  /** The latest Windows Server 2019 EKS-optimized AMI (Windows aliases cannot be pinned). */
  public static windows2019(): AmiSelection {
    return AmiSelection.alias('windows2019@latest');
  }

  /** The latest Windows Server 2022 EKS-optimized AMI. */
  public static windows2022(): AmiSelection {
    return AmiSelection.alias('windows2022@latest');
  }

  /** The latest Windows Server 2025 EKS-optimized AMI (Karpenter 1.9+). */
  public static windows2025(): AmiSelection {
    return AmiSelection.alias('windows2025@latest');
  }

  /** An alias written out (`family@version`); it must stand alone. */
  public static alias(alias: string): AmiSelection {
    return new AmiSelection(alias, undefined);
  }

  /** Selector terms (ids, names, tags, SSM parameters); the node class then needs `amiFamily`. */
  public static terms(...terms: AmiSelectorTerm[]): AmiSelection {
    return new AmiSelection(undefined, terms);
  }

  /** AMIs by id; the node class then needs `amiFamily`. */
  public static ids(...ids: string[]): AmiSelection {
    return AmiSelection.terms(...ids.map(id => ({ id })));
  }

  private constructor(
    /** The alias, if selected by alias. */
    public readonly aliasValue?: string,
    /** The terms, if selected by terms. */
    public readonly selectorTerms?: AmiSelectorTerm[]) {}
}
