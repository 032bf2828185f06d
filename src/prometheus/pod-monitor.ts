import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  addPrometheusSelectorLabels, scrapeReferenceErrors, warnOnScrapeEndpoint, warnOnUnknownTargetNamespace,
} from './scrape-checks';
import { ScrapeEndpointOptions } from './scrape-endpoint';
import { LabelSelectorJson, NamespaceSelectorJson, ScrapeEndpointJson } from './scrape-json';
import { namespaceSelectorFor, renderNamespaceSelector, renderScrapeEndpoint } from './scrape-render';
import { MonitorNamespaceSelector, PrometheusSelector } from './selectors';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkWorkloadReference } from '../common/reference-checks';
import { WorkloadReference } from '../common/references';
import { checkFactoryValue, checkInteger, checkLabels, checkLabelValue, checkPattern, checkQualifiedName } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { PROMETHEUS_RULES } from '../core/rules';
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

/** A label query for pods that are not defined as a workload (e.g. every Envoy sidecar in the mesh). */
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

/** Properties of a PodMonitor: the pods (a workload or a label query), its first endpoint and the Prometheus selection. */
export interface PodMonitorProps extends CustomResourceProps, PodMetricsEndpoint {
  /**
   * The workload whose pods are scraped, selected by its pods' labels: a workload of this app (its
   * named ports are checked at synth), or one referenced by name with its `podLabels`.
   *
   * @default - give `pods`
   */
  readonly workload?: WorkloadReference;

  /**
   * A label query for the pods to scrape, for pods not defined as a workload.
   *
   * @default - give `workload`
   */
  readonly pods?: MonitoredPodsQuery;

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

/** A pod endpoint in the manifest. */
type PodMetricsEndpointJson = ScrapeEndpointJson & { readonly port?: string; readonly portNumber?: number };

/** The spec of a monitoring.coreos.com/v1 PodMonitor, as far as the library writes it. */
interface PodMonitorSpecJson {
  readonly selector: LabelSelectorJson;
  /** @default - not written (the monitor's own namespace) */
  readonly namespaceSelector?: NamespaceSelectorJson;
  /** @default - not written (the job is `<namespace>/<monitor name>`) */
  readonly jobLabel?: string;
  readonly podMetricsEndpoints: PodMetricsEndpointJson[];
}

/**
 * A prometheus-operator PodMonitor (monitoring.coreos.com/v1): scrapes pods directly, e.g. the
 * Envoy sidecars of an Istio mesh, or a workload without a Service.
 *
 * For a workload of this app (`WorkloadReference.fromWorkload`), named ports are checked against the
 * workload's containers at synth.
 *
 * @example
 * new PodMonitor(this, 'Monitor', {
 *   workload: WorkloadReference.fromWorkload(deployment),
 *   port: 'metrics',
 *   prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
 * });
 */
export class PodMonitor extends CustomResource {
  /** The workload whose pods are scraped, when given as one. */
  public readonly workload?: WorkloadReference;

  private readonly endpoints: PodMetricsEndpoint[] = [];
  private readonly monitorProps: PodMonitorProps;

  constructor(scope: Construct, id: string, props: PodMonitorProps) {
    checkProps(scope, id, 'PodMonitorProps', props);
    super(scope, id, { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', resourceType: 'podmonitors' }, props);
    this.monitorProps = props;
    this.workload = props.workload;
    if (props.jobLabel !== undefined) checkQualifiedName(this, 'jobLabel', props.jobLabel);
    if ((props.workload === undefined) === (props.pods === undefined)) {
      throw invalidInput(this, PROMETHEUS_RULES['PM-05'], 'workload', props.workload?.describe(), 'give exactly one of workload and pods');
    }
    this.checkSelection();
    addPrometheusSelectorLabels(this, props.prometheusSelector, props.metadata?.labels);
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

  protected renderSpec(): unknown {
    const { workload, pods } = this.monitorProps;
    const namespaceSelector = this.monitorProps.namespaceSelector
      ?? namespaceSelectorFor(this.metadata.namespace, workload?.namespace);
    const spec: PodMonitorSpecJson = {
      selector: workload
        ? { matchLabels: workload.podLabels }
        : {
          matchLabels: pods?.labels,
          matchExpressions: pods?.expressions?.map(e => ({ key: e.key, operator: e.operator, values: e.values })),
        },
      namespaceSelector: renderNamespaceSelector(this, namespaceSelector),
      jobLabel: this.monitorProps.jobLabel,
      podMetricsEndpoints: this.endpoints.map((e, i) => this.renderEndpoint(e, i)),
    };
    return spec;
  }

  /** The pods' labels must select something: a query or a by-name workload without labels would scrape every pod. */
  private checkSelection(): void {
    const { workload, pods } = this.monitorProps;
    if (workload) checkWorkloadReference(this, 'workload', workload);
    if (pods) {
      checkLabels(this, 'pods.labels', pods.labels);
      pods.expressions?.forEach((e, i) => checkLabelExpression(this, `pods.expressions[${i}]`, e));
      if (Object.keys(pods.labels ?? {}).length === 0 && (pods.expressions ?? []).length === 0) {
        throw invalidInput(this, PROMETHEUS_RULES['PM-01'], 'pods', pods, 'give at least one label or expression; an empty selector scrapes every pod');
      }
    }
    if (workload && !workload.workload) {
      checkLabels(this, 'workload.podLabels', workload.podLabels);
      if (Object.keys(workload.podLabels ?? {}).length === 0) {
        throw invalidInput(this, PROMETHEUS_RULES['PM-06'], 'workload.podLabels', workload.podLabels,
          `give the labels of the pods of ${workload.describe()}: WorkloadReference.fromName({ name, podLabels }); an empty selector scrapes every pod`);
      }
    }
  }

  private renderEndpoint(e: PodMetricsEndpoint, i: number): PodMetricsEndpointJson {
    const field = `podMetricsEndpoints[${i}]`;
    checkInteger(this, PROMETHEUS_RULES['PM-02'], `${field}.portNumber`, e.portNumber, 1, 65535);
    checkPattern(this, PROMETHEUS_RULES['PM-04'], `${field}.port`, e.port, CONTAINER_PORT_NAME,
      'must be a container port name: at most 15 lower-case letters, digits and "-", with at least one letter, not starting or ending with "-" (no "--")');
    if (e.port !== undefined && e.portNumber !== undefined) {
      throw invalidInput(this, PROMETHEUS_RULES['PM-03'], `${field}.portNumber`, e.portNumber, `give either port ("${e.port}") or portNumber, not both`);
    }
    return { port: e.port, portNumber: e.portNumber, ...renderScrapeEndpoint(this, field, e) };
  }

  private validatePorts(): string[] {
    const workload = this.monitorProps.workload?.workload;
    if (!workload) return [];
    if (!this.monitorProps.namespaceSelector) {
      warnOnUnknownTargetNamespace(this, this.metadata.namespace, this.monitorProps.workload!.namespace, `workload "${workload.name}"`);
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

/** A container port name (IANA_SVC_NAME): no container port has another name. */
const CONTAINER_PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** PM-07: a label expression prometheus-operator can turn into a selector. */
function checkLabelExpression(scope: PodMonitor, field: string, e: kplus.LabelExpression): void {
  checkFactoryValue(scope, field, e, kplus.LabelExpression);
  checkQualifiedName(scope, `${field}.key`, e.key);
  (e.values ?? []).forEach((v, i) => checkLabelValue(scope, `${field}.values[${i}]`, v));
  const needsValues = e.operator === 'In' || e.operator === 'NotIn';
  if (needsValues !== ((e.values ?? []).length > 0)) {
    throw invalidInput(scope, PROMETHEUS_RULES['PM-07'], `${field}.values`, e.values ?? [],
      needsValues ? `needs at least one value with operator ${e.operator}` : `must be empty with operator ${e.operator}`);
  }
}
