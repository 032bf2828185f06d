import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  monitorLabels, namespaceSelectorFor, renderNamespaceSelector, renderScrapeEndpoint, ScrapeEndpointOptions, scrapeReferenceErrors,
  warnOnScrapeEndpoint, warnOnUnknownTargetNamespace,
} from './scrape-endpoint';
import { MonitorNamespaceSelector, PrometheusSelector } from './selectors';
import * as l1 from '../../imports/monitoring-podmonitors-monitoring.coreos.com';
import { checkInteger, checkLabels, checkObjectName, checkQualifiedName } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { PROMETHEUS_RULES } from '../core/rules';
import { namespaceOf } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** One scraped pod port. */
export interface PodMetricsEndpoint extends ScrapeEndpointOptions {
  /**
   * Name of the container port to scrape.
   *
   * @default - every container port (or the address relabelings set); give `portNumber` for an unnamed port
   */
  readonly port?: string;

  /**
   * Number of the container port to scrape, for ports without a name.
   *
   * @default - use `port`
   */
  readonly portNumber?: number;
}

/** A label query for pods that are not defined as a cdk8s-plus workload in this app. */
export interface MonitoredPodsQuery {
  /**
   * Labels the pods must carry.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Label expressions the pods must satisfy, e.g. `kplus.LabelExpression.doesNotExist('istio-prometheus-ignore')`.
   *
   * @default - none
   */
  readonly expressions?: kplus.LabelExpression[];
}

/** The pods a PodMonitor scrapes. */
export class MonitoredPods {
  /** The pods of a workload defined in this app, selected by the workload's own selector. */
  public static ofWorkload(workload: kplus.Workload): MonitoredPods {
    return new MonitoredPods(workload, undefined);
  }

  /** Pods selected by a label query (e.g. every Envoy sidecar in the mesh). */
  public static matching(query: MonitoredPodsQuery): MonitoredPods {
    return new MonitoredPods(undefined, query);
  }

  private constructor(
    /** The workload whose pods are scraped, if given as an object. */
    public readonly workload: kplus.Workload | undefined,
    /** The label query, if not a workload. */
    public readonly query: MonitoredPodsQuery | undefined) {}
}

/** Properties of a PodMonitor. */
export interface PodMonitorProps extends kplus.ResourceProps, PodMetricsEndpoint {
  /** The pods to scrape. */
  readonly pods: MonitoredPods;

  /**
   * How the Prometheus instance selects this monitor (`podMonitorSelector`); a monitor without the
   * expected label is silently ignored (SM-11).
   */
  readonly prometheusSelector: PrometheusSelector;

  /**
   * Namespaces to look for the pods in.
   *
   * @default - the workload's namespace when it differs from the monitor's, otherwise the monitor's own namespace
   */
  readonly namespaceSelector?: MonitorNamespaceSelector;

  /**
   * Pod label whose value becomes the `job` label of the scraped series.
   *
   * @default - `<namespace>/<monitor name>`
   */
  readonly jobLabel?: string;
}

/**
 * A prometheus-operator PodMonitor (monitoring.coreos.com/v1): scrapes pods directly, e.g. the
 * Envoy sidecars of an Istio mesh, or a workload without a Service.
 *
 * With `MonitoredPods.ofWorkload`, named ports are checked against the workload's containers at synth.
 */
export class PodMonitor extends kplus.Resource {
  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The plural resource name used in RBAC rules. */
  public readonly resourceType = 'podmonitors';

  private readonly endpoints: PodMetricsEndpoint[] = [];
  private readonly props: PodMonitorProps;

  constructor(scope: Construct, id: string, props: PodMonitorProps) {
    super(scope, id);
    this.props = props;
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    if (props.jobLabel !== undefined) checkQualifiedName(this, 'jobLabel', props.jobLabel);
    const query = props.pods.query;
    if (query) {
      checkLabels(this, 'pods.labels', query.labels);
      if (Object.keys(query.labels ?? {}).length === 0 && (query.expressions ?? []).length === 0) {
        throw invalidInput(this, PROMETHEUS_RULES['PM-01'], 'pods', query, 'give at least one label or expression; an empty selector scrapes every pod');
      }
    }

    this.apiObject = new l1.PodMonitor(this, 'Resource', {
      metadata: { ...props.metadata, labels: monitorLabels(this, props.prometheusSelector, props.metadata?.labels) },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    const { port, portNumber, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization } = props;
    this.addEndpoint({ port, portNumber, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization });
    addSynthValidation(this, () => [...this.validatePorts(), ...this.validateReferences()]);
  }

  /** Scrapes another port of the pods. */
  public addEndpoint(endpoint: PodMetricsEndpoint): void {
    this.renderEndpoint(endpoint, this.endpoints.length);
    warnOnScrapeEndpoint(this, `podMetricsEndpoints[${this.endpoints.length}]`, endpoint);
    this.endpoints.push(endpoint);
  }

  private renderEndpoint(e: PodMetricsEndpoint, i: number) {
    const field = `podMetricsEndpoints[${i}]`;
    checkInteger(this, PROMETHEUS_RULES['PM-02'], `${field}.portNumber`, e.portNumber, 1, 65535);
    if (e.port !== undefined && e.portNumber !== undefined) {
      throw invalidInput(this, PROMETHEUS_RULES['PM-03'], `${field}.portNumber`, e.portNumber, `give either port ("${e.port}") or portNumber, not both`);
    }
    return { port: e.port, portNumber: e.portNumber, ...renderScrapeEndpoint(this, field, e) };
  }

  private renderSpec(): l1.PodMonitorSpec {
    const { workload, query } = this.props.pods;
    const namespaceSelector = this.props.namespaceSelector
      ?? (workload ? namespaceSelectorFor(namespaceOf(this), namespaceOf(workload)) : undefined);
    return {
      selector: workload
        ? { matchLabels: workload.matchLabels }
        : {
          matchLabels: query?.labels,
          matchExpressions: query?.expressions?.map(e => ({ key: e.key, operator: e.operator, values: e.values })),
        },
      namespaceSelector: renderNamespaceSelector(this, namespaceSelector),
      jobLabel: this.props.jobLabel,
      podMetricsEndpoints: this.endpoints.map((e, i) => this.renderEndpoint(e, i)) as l1.PodMonitorSpecPodMetricsEndpoints[],
    };
  }

  private validatePorts(): string[] {
    const workload = this.props.pods.workload;
    if (!workload) return [];
    if (!this.props.namespaceSelector) {
      warnOnUnknownTargetNamespace(this, namespaceOf(this), namespaceOf(workload), `workload "${workload.name}"`);
    }
    const ports = workload.containers.flatMap(c => c.ports);
    const described = ports.map(p => (p.name ? `${p.name}=${p.number}` : `${p.number}`)).join(', ') || 'none';
    const errors: string[] = [];
    this.endpoints.forEach((e, i) => {
      if (e.port !== undefined && !ports.some(p => p.name === e.port)) {
        errors.push(invalidInputMessage(this, PROMETHEUS_RULES['PM-04'], `podMetricsEndpoints[${i}].port`, e.port,
          `must be the name of a container port of workload "${workload.name}" (its ports: ${described})`));
      }
      if (e.portNumber !== undefined && !ports.some(p => p.number === e.portNumber)) {
        errors.push(invalidInputMessage(this, PROMETHEUS_RULES['PM-04'], `podMetricsEndpoints[${i}].portNumber`, e.portNumber,
          `must be a container port of workload "${workload.name}" (its ports: ${described})`));
      }
    });
    return errors;
  }

  private validateReferences(): string[] {
    return this.endpoints.flatMap((e, i) => scrapeReferenceErrors(this, `podMetricsEndpoints[${i}]`, e));
  }
}
