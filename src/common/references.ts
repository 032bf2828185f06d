import * as kplus from 'cdk8s-plus-31';
import { labelsOf, namespaceOf } from '../core/service-refs';

/** A Service defined outside this app, by name. */
export interface ServiceReferenceOptions {
  /**
   * The Service's namespace.
   *
   * @default - the namespace of the object that references it
   */
  readonly namespace?: string;

  /**
   * The Service's labels, for objects that select Services by label (a ServiceMonitor).
   *
   * @default - unknown: objects that select by label fail and ask for them
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A Service, referenced the same way by every construct that points at one (a ServiceMonitor scrapes
 * it, a VirtualService routes to it, a TargetGroupBinding registers its endpoints): a cdk8s-plus Service
 * of this app, whose ports, labels and namespace are checked at synth, or a Service installed by other
 * means, by name.
 */
export class ServiceReference {
  /** A cdk8s-plus Service of this app. */
  public static fromService(service: kplus.Service): ServiceReference {
    return new ServiceReference(service.name, service, {});
  }

  /** A Service installed by other means (a Helm chart, another repo), e.g. `istio-ingressgateway`. */
  public static fromServiceName(name: string, options: ServiceReferenceOptions = {}): ServiceReference {
    return new ServiceReference(name, undefined, options);
  }

  private constructor(
    /** The Service's name. */
    public readonly name: string,
    /** The Service construct, when it is part of this app. */
    public readonly service: kplus.Service | undefined,
    private readonly options: ServiceReferenceOptions) {}

  /** The Service's namespace, when known. */
  public get namespace(): string | undefined {
    return this.service ? namespaceOf(this.service) : this.options.namespace;
  }

  /** The Service's labels, when known (read at synth for a Service of this app). */
  public get labels(): { [key: string]: string } | undefined {
    return this.service ? labelsOf(this.service) : this.options.labels && { ...this.options.labels };
  }
}

/** A workload defined outside this app, by kind and name. */
export interface WorkloadReferenceProps {
  /** The workload's name. */
  readonly name: string;

  /**
   * The workload's kind.
   *
   * @default "Deployment"
   */
  readonly kind?: string;

  /**
   * The workload's API version.
   *
   * @default "apps/v1"
   */
  readonly apiVersion?: string;

  /**
   * The labels of the workload's pods, for objects that select pods by label (a PodMonitor).
   *
   * @default - unknown: objects that select pods by label fail and ask for them
   */
  readonly podLabels?: { [key: string]: string };
}

const DEFAULT_API_VERSION = 'apps/v1';
const DEFAULT_KIND = 'Deployment';

/**
 * A workload, referenced the same way by every construct that points at one (a ScaledObject scales it,
 * a PodMonitor scrapes its pods): a cdk8s-plus workload of this app, or one defined elsewhere by name.
 */
export class WorkloadReference {
  /** A cdk8s-plus workload of this app (Deployment, StatefulSet, DaemonSet, Job). */
  public static fromWorkload(workload: kplus.Workload): WorkloadReference {
    return new WorkloadReference(workload.name, workload.kind, workload.apiVersion, workload, undefined);
  }

  /** A workload defined elsewhere (another repo, a Helm chart), in the referencing object's namespace. */
  public static fromName(props: WorkloadReferenceProps): WorkloadReference {
    return new WorkloadReference(props.name, props.kind ?? DEFAULT_KIND, props.apiVersion ?? DEFAULT_API_VERSION, undefined, props.podLabels);
  }

  private constructor(
    /** The workload's name. */
    public readonly name: string,
    /** The workload's kind. */
    public readonly kind: string,
    /** The workload's API version. */
    public readonly apiVersion: string,
    /** The workload construct, when it is part of this app. */
    public readonly workload: kplus.Workload | undefined,
    private readonly givenPodLabels: { [key: string]: string } | undefined) {}

  /** The workload's namespace; undefined for a workload referenced by name (it shares the referencing object's). */
  public get namespace(): string | undefined {
    return this.workload ? namespaceOf(this.workload) : undefined;
  }

  /** The labels its pods carry, when known. */
  public get podLabels(): { [key: string]: string } | undefined {
    if (this.workload) return { ...this.workload.matchLabels };
    return this.givenPodLabels && { ...this.givenPodLabels };
  }

  /** Whether apiVersion and kind are apps/v1 Deployment. */
  public get isDeployment(): boolean {
    return this.apiVersion === DEFAULT_API_VERSION && this.kind === DEFAULT_KIND;
  }

  /** "Deployment/moc (apps/v1)", for messages. */
  public describe(): string {
    return `${this.kind}/${this.name} (${this.apiVersion})`;
  }
}
