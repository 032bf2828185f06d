import * as kplus from 'cdk8s-plus-31';
import { namespaceOf } from '../core/service-refs';

/** A workload defined outside this app, by kind and name, in the ScaledObject's namespace. */
export interface ScaleTargetReference {
  /** The workload's name. */
  readonly name: string;

  /**
   * Kind of the workload; anything with a /scale subresource.
   *
   * @default "Deployment"
   */
  readonly kind?: string;

  /**
   * API version of the workload.
   *
   * @default "apps/v1"
   */
  readonly apiVersion?: string;
}

const DEFAULT_API_VERSION = 'apps/v1';
const DEFAULT_KIND = 'Deployment';

/** What a ScaledObject scales: a cdk8s-plus Deployment or StatefulSet, or a reference to one defined elsewhere. */
export class ScaleTarget {
  /**
   * A cdk8s-plus Deployment or StatefulSet of this app. KEDA then owns its replica count:
   * `replicas` is left out of the workload's manifest.
   */
  public static fromWorkload(workload: kplus.IScalable): ScaleTarget {
    const t = workload.toScalingTarget();
    return new ScaleTarget(t.name, t.kind, t.apiVersion, workload);
  }

  /** A workload defined elsewhere (another repo, a Helm chart), in the ScaledObject's namespace. */
  public static fromReference(reference: ScaleTargetReference): ScaleTarget {
    return new ScaleTarget(reference.name, reference.kind ?? DEFAULT_KIND, reference.apiVersion ?? DEFAULT_API_VERSION);
  }

  private constructor(
    /** The workload's name. */
    public readonly name: string,
    /** The workload's kind. */
    public readonly kind: string,
    /** The workload's API version. */
    public readonly apiVersion: string,
    /** The workload construct, when it is part of this app. */
    public readonly workload?: kplus.IScalable,
  ) {}

  /** The namespace of a workload construct; undefined for references (they share the ScaledObject's). */
  public get namespace(): string | undefined {
    return this.workload instanceof kplus.Resource ? namespaceOf(this.workload) : undefined;
  }

  /** Whether apiVersion and kind are KEDA's defaults (apps/v1 Deployment), so only the name is written. @internal */
  public get _isDefaultKind(): boolean {
    return this.apiVersion === DEFAULT_API_VERSION && this.kind === DEFAULT_KIND;
  }

  /** "Deployment/moc (apps/v1)" @internal */
  public _describe(): string {
    return `${this.kind}/${this.name} (${this.apiVersion})`;
  }
}
