import { IConstruct } from 'constructs';
import { checkInteger } from '../core/checks';
import { KEDA_RULES } from '../core/rules';

/**
 * The KEDA release the manifests are written for. Some rules (fallback requirements,
 * `fallback.behavior`) changed between releases, and the library checks the ones of this release.
 */
export class KedaVersion {
  /** KEDA 2.16: fallback needs every trigger to be `AverageValue`; no `fallback.behavior`. */
  public static readonly V2_16 = new KedaVersion(2, 16, 0);
  /** KEDA 2.17: adds `fallback.behavior`. */
  public static readonly V2_17 = new KedaVersion(2, 17, 2);
  /** KEDA 2.18. */
  public static readonly V2_18 = new KedaVersion(2, 18, 0);
  /** KEDA 2.19. */
  public static readonly V2_19 = new KedaVersion(2, 19, 0);
  /** KEDA 2.20: the CRD itself checks min <= max; adds the `scalingModifiers` fallback behavior. */
  public static readonly V2_20 = new KedaVersion(2, 20, 0);

  /** Any other release, e.g. `KedaVersion.of(2, 17, 0)`. */
  public static of(major: number, minor: number, patch: number = 0): KedaVersion {
    return new KedaVersion(major, minor, patch);
  }

  private constructor(
    /** Major version. */
    public readonly major: number,
    /** Minor version. */
    public readonly minor: number,
    /** Patch version. */
    public readonly patch: number,
  ) {}

  /** "2.20.0" */
  public toString(): string {
    return `${this.major}.${this.minor}.${this.patch}`;
  }

  /** @internal */
  public _validate(scope: IConstruct, field: string): void {
    checkInteger(scope, KEDA_RULES['SO-38'], `${field}.major`, this.major, 2, 2);
    checkInteger(scope, KEDA_RULES['SO-38'], `${field}.minor`, this.minor, 0);
    checkInteger(scope, KEDA_RULES['SO-38'], `${field}.patch`, this.patch, 0);
  }

  /** @internal */
  public _atLeast(minor: number, patch: number = 0): boolean {
    return this.minor > minor || (this.minor === minor && this.patch >= patch);
  }
}
