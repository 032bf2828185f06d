import { Construct } from 'constructs';
import {
  addPrometheusSelectorLabels, scrapeReferenceErrors, warnOnScrapeEndpoint, warnOnUnknownTargetNamespace,
} from './scrape-checks';
import { ScrapeEndpointOptions } from './scrape-endpoint';
import { LabelSelectorJson, NamespaceSelectorJson, ScrapeEndpointJson } from './scrape-json';
import { namespaceSelectorFor, renderNamespaceSelector, renderScrapeEndpoint } from './scrape-render';
import { MonitorNamespaceSelector, PrometheusSelector } from './selectors';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkServiceReference } from '../common/reference-checks';
import { ServiceReference } from '../common/references';
import { checkDnsLabel, checkPattern, checkQualifiedName } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { PROMETHEUS_RULES } from '../core/rules';
import { describeServicePorts, servicePortNamed } from '../core/service-refs';
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
export interface ServiceMonitorProps extends CustomResourceProps, ServiceMonitorEndpoint {
  /**
   * The Service to scrape. The monitor selects it by all of its metadata labels, so the Service
   * must carry labels (its pod selector is not used): a Service of this app is read at synth, a
   * Service referenced by name must give them (`ServiceReference.fromServiceName(name, { labels })`).
   */
  readonly service: ServiceReference;

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

/** The spec of a monitoring.coreos.com/v1 ServiceMonitor, as far as the library writes it. */
interface ServiceMonitorSpecJson {
  readonly selector: LabelSelectorJson;
  /** @default - not written (the monitor's own namespace) */
  readonly namespaceSelector?: NamespaceSelectorJson;
  /** @default - not written (the job is the Service name) */
  readonly jobLabel?: string;
  /** @default - not written (the Prometheus default scrape class) */
  readonly scrapeClass?: string;
  readonly endpoints: Array<ScrapeEndpointJson & { readonly port: string }>;
}

/**
 * A prometheus-operator ServiceMonitor (monitoring.coreos.com/v1) that scrapes a Service.
 *
 * The selector is taken from the Service's labels. For a Service of this app, endpoint ports are
 * checked against the Service's named ports at synth (ports may be bound after the monitor is
 * created). A namespaceSelector is added when the Service lives in another namespace.
 *
 * @example
 * new ServiceMonitor(this, 'Monitor', {
 *   service: ServiceReference.fromService(service),
 *   port: 'http',
 *   interval: Duration.seconds(10),
 *   prometheusSelector: PrometheusSelector.helmRelease('prometheus'),
 * });
 */
export class ServiceMonitor extends CustomResource {
  /** The monitored Service. */
  public readonly service: ServiceReference;

  private readonly endpoints: ServiceMonitorEndpoint[] = [];
  private readonly monitorProps: ServiceMonitorProps;

  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    checkProps(scope, id, 'ServiceMonitorProps', props);
    super(scope, id, { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', resourceType: 'servicemonitors' }, props);
    this.monitorProps = props;
    this.service = props.service;
    checkServiceReference(this, 'service', props.service);
    checkPattern(this, PROMETHEUS_RULES['SM-12'], 'scrapeClass', props.scrapeClass, /^.+$/, 'must not be empty');
    if (props.jobLabel !== undefined) checkQualifiedName(this, 'jobLabel', props.jobLabel);
    if (!props.service.service && Object.keys(props.service.labels ?? {}).length === 0) {
      throw invalidInput(this, PROMETHEUS_RULES['SM-05'], 'service', props.service.name,
        'a Service referenced by name needs the labels to select it by: ServiceReference.fromServiceName(name, { labels }) (an empty selector would match every Service)');
    }
    addPrometheusSelectorLabels(this, props.prometheusSelector, props.metadata?.labels);
    renderNamespaceSelector(this, props.namespaceSelector);
    const { port, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization } = props;
    this.addEndpoint({ port, path, scheme, interval, scrapeTimeout, honorLabels, relabelings, metricRelabelings, tls, authorization });
    addSynthValidation(this, () => this.validateService());
  }

  /** Scrapes another named port of the Service. */
  public addEndpoint(endpoint: ServiceMonitorEndpoint): void {
    // fail early on bad scrape settings; port names are checked at synth
    const field = `endpoints[${this.endpoints.length}]`;
    // a Service port is named by a DNS label; no port of any Service has another name
    checkDnsLabel(this, `${field}.port`, endpoint.port);
    renderScrapeEndpoint(this, field, endpoint);
    warnOnScrapeEndpoint(this, field, endpoint);
    this.endpoints.push(endpoint);
  }

  protected renderSpec(): unknown {
    const namespaceSelector = this.monitorProps.namespaceSelector
      ?? namespaceSelectorFor(this.metadata.namespace, this.service.namespace);
    const spec: ServiceMonitorSpecJson = {
      selector: { matchLabels: this.service.labels ?? {} },
      namespaceSelector: renderNamespaceSelector(this, namespaceSelector),
      jobLabel: this.monitorProps.jobLabel,
      scrapeClass: this.monitorProps.scrapeClass,
      endpoints: this.endpoints.map((e, i) => ({ port: e.port, ...renderScrapeEndpoint(this, `endpoints[${i}]`, e) })),
    };
    return spec;
  }

  private validateService(): string[] {
    const errors: string[] = [];
    const service = this.service.service;
    if (service) {
      if (!this.monitorProps.namespaceSelector) {
        warnOnUnknownTargetNamespace(this, this.metadata.namespace, this.service.namespace, `Service "${service.name}"`);
      }
      if (Object.keys(this.service.labels ?? {}).length === 0) {
        errors.push(invalidInputMessage(this, PROMETHEUS_RULES['SM-05'], 'service', service.name,
          'the Service has no metadata labels to select it by; add metadata.labels to the Service (an empty selector would match every Service)'));
      }
    }
    this.endpoints.forEach((e, i) => {
      if (service && !servicePortNamed(service, e.port)) {
        errors.push(invalidInputMessage(this, PROMETHEUS_RULES['SM-05'], `endpoints[${i}].port`, e.port,
          `must be the name of a port of Service "${service.name}" (its ports: ${describeServicePorts(service)}); name the port when binding it`));
      }
      errors.push(...scrapeReferenceErrors(this, `endpoints[${i}]`, e));
    });
    return errors;
  }
}
