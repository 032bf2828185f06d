import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import {
  monitorLabels, namespaceSelectorFor, renderNamespaceSelector, renderScrapeEndpoint, ScrapeEndpointOptions, scrapeReferenceErrors,
  warnOnScrapeEndpoint, warnOnUnknownTargetNamespace,
} from './scrape-endpoint';
import { MonitorNamespaceSelector, PrometheusSelector } from './selectors';
import * as l1 from '../../imports/monitoring-servicemonitors-monitoring.coreos.com';
import { checkObjectName, checkPattern, checkQualifiedName } from '../core/checks';
import { invalidInputMessage } from '../core/errors';
import { merge } from '../core/merge';
import { PROMETHEUS_RULES } from '../core/rules';
import { describeServicePorts, labelsOf, namespaceOf, servicePortNamed } from '../core/service-refs';
import { addSynthValidation } from '../core/validation';

/** One scraped Service port. */
export interface ServiceMonitorEndpoint extends ScrapeEndpointOptions {
  /**
   * Name of the Service port to scrape. prometheus-operator matches ports by name only,
   * so the Service port must be named (`service.bind(8080, { name: 'http' })`).
   */
  readonly port: string;
}

/** Properties of a ServiceMonitor: the monitored Service, its first endpoint and the Prometheus selection. */
export interface ServiceMonitorProps extends kplus.ResourceProps, ServiceMonitorEndpoint {
  /**
   * The Service to scrape. The monitor selects it by all of its metadata labels, so the Service
   * must carry labels (its pod selector is not used).
   */
  readonly service: kplus.Service;

  /**
   * How the Prometheus instance selects this monitor. Required because a monitor without the
   * label the Prometheus `serviceMonitorSelector` expects is silently ignored (SM-11).
   */
  readonly prometheusSelector: PrometheusSelector;

  /**
   * Namespaces to look for the Service in.
   *
   * @default - the Service's namespace when it differs from the monitor's, otherwise the monitor's own namespace
   */
  readonly namespaceSelector?: MonitorNamespaceSelector;

  /**
   * Service label whose value becomes the `job` label of the scraped series.
   *
   * @default - the Service name
   */
  readonly jobLabel?: string;

  /**
   * Scrape class (defined on the Prometheus resource) whose settings apply to this monitor.
   *
   * @default - the Prometheus default scrape class
   */
  readonly scrapeClass?: string;
}

/**
 * A prometheus-operator ServiceMonitor (monitoring.coreos.com/v1) that scrapes a cdk8s-plus Service.
 *
 * The selector is taken from the Service's labels and endpoint ports are checked against the
 * Service's named ports at synth (ports may be bound after the monitor is created). A
 * namespaceSelector is added when the Service lives in another namespace.
 *
 * @example
 * new ServiceMonitor(this, 'Monitor', {
 *   service,
 *   port: 'http',
 *   interval: Duration.seconds(10),
 *   prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
 * });
 */
export class ServiceMonitor extends kplus.Resource {
  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The plural resource name used in RBAC rules. */
  public readonly resourceType = 'servicemonitors';
  /** The monitored Service. */
  public readonly service: kplus.Service;

  private readonly endpoints: ServiceMonitorEndpoint[] = [];
  private readonly props: ServiceMonitorProps;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    this.props = props;
    this.service = props.service;
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    checkPattern(this, PROMETHEUS_RULES['SM-12'], 'scrapeClass', props.scrapeClass, /^.+$/, 'must not be empty');
    if (props.jobLabel !== undefined) checkQualifiedName(this, 'jobLabel', props.jobLabel);

    this.apiObject = new l1.ServiceMonitor(this, 'Resource', {
      metadata: merge(props.metadata, { labels: monitorLabels(this, props.prometheusSelector, props.metadata?.labels) }),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    const { port, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization } = props;
    this.addEndpoint({ port, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization });
    addSynthValidation(this, () => this.validateService());
  }

  /** Scrapes another named port of the Service. */
  public addEndpoint(endpoint: ServiceMonitorEndpoint): void {
    // fail early on bad scrape settings; port names are checked at synth
    const field = `endpoints[${this.endpoints.length}]`;
    renderScrapeEndpoint(this, field, endpoint);
    warnOnScrapeEndpoint(this, field, endpoint);
    this.endpoints.push(endpoint);
  }

  private renderSpec(): l1.ServiceMonitorSpec {
    const namespaceSelector = this.props.namespaceSelector
      ?? namespaceSelectorFor(namespaceOf(this), namespaceOf(this.service));
    return {
      selector: { matchLabels: labelsOf(this.service) },
      namespaceSelector: renderNamespaceSelector(this, namespaceSelector),
      jobLabel: this.props.jobLabel,
      scrapeClass: this.props.scrapeClass,
      endpoints: this.endpoints.map((e, i) => ({ port: e.port, ...renderScrapeEndpoint(this, `endpoints[${i}]`, e) })) as l1.ServiceMonitorSpecEndpoints[],
    };
  }

  private validateService(): string[] {
    const errors: string[] = [];
    if (!this.props.namespaceSelector) {
      warnOnUnknownTargetNamespace(this, namespaceOf(this), namespaceOf(this.service), `Service "${this.service.name}"`);
    }
    if (Object.keys(labelsOf(this.service)).length === 0) {
      errors.push(invalidInputMessage(this, PROMETHEUS_RULES['SM-05'], 'service', this.service.name,
        'the Service has no metadata labels to select it by; add metadata.labels to the Service (an empty selector would match every Service)'));
    }
    this.endpoints.forEach((e, i) => {
      if (!servicePortNamed(this.service, e.port)) {
        errors.push(invalidInputMessage(this, PROMETHEUS_RULES['SM-05'], `endpoints[${i}].port`, e.port,
          `must be the name of a port of Service "${this.service.name}" (its ports: ${describeServicePorts(this.service)}); name the port when binding it`));
      }
      errors.push(...scrapeReferenceErrors(this, `endpoints[${i}]`, e));
    });
    return errors;
  }
}
