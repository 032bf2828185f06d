import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { istioDuration } from './istio-checks';
import { serviceFqdn } from './service-hosts';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { checkServiceReference } from '../common/reference-checks';
import { ServiceReference } from '../common/references';
import { checkDnsLabel, checkFactoryValue, checkInteger, checkLabels, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { ISTIO_RULES } from '../core/rules';

/** Connection limits towards the destination (circuit breaking). */
export interface ConnectionPoolOptions {
  /**
   * Maximum TCP connections to the destination.
   *
   * @default - 2^32-1 (unlimited)
   */
  readonly maxConnections?: number;

  /**
   * TCP connect timeout.
   *
   * @default 10s
   */
  readonly connectTimeout?: Duration;

  /**
   * Maximum requests queued while waiting for a connection (HTTP/1.1).
   *
   * @default - 2^32-1 (unlimited)
   */
  readonly http1MaxPendingRequests?: number;

  /**
   * Maximum concurrent requests (HTTP/2).
   *
   * @default - 2^32-1 (unlimited)
   */
  readonly http2MaxRequests?: number;

  /**
   * Maximum requests per connection; 1 disables keep-alive.
   *
   * @default - unlimited
   */
  readonly maxRequestsPerConnection?: number;

  /**
   * Maximum concurrent retries across all hosts.
   *
   * @default - 2^32-1 (unlimited)
   */
  readonly maxRetries?: number;

  /**
   * Idle timeout of upstream connections.
   *
   * @default 1h
   */
  readonly idleTimeout?: Duration;
}

/** Ejection of failing endpoints from the load-balancing pool. */
export interface OutlierDetectionOptions {
  /**
   * Consecutive 5xx responses (or connect failures) before an endpoint is ejected.
   *
   * @default 5
   */
  readonly consecutive5xxErrors?: number;

  /**
   * Consecutive 502/503/504 responses before an endpoint is ejected.
   *
   * @default - disabled
   */
  readonly consecutiveGatewayErrors?: number;

  /**
   * Time between ejection sweeps.
   *
   * @default 10s
   */
  readonly interval?: Duration;

  /**
   * Minimum ejection duration (multiplied by the number of ejections).
   *
   * @default 30s
   */
  readonly baseEjectionTime?: Duration;

  /**
   * Maximum percentage of endpoints ejected at once (0-100).
   *
   * @default 10
   */
  readonly maxEjectionPercent?: number;

  /**
   * Outlier detection is disabled while fewer than this percentage of endpoints are healthy (0-100).
   *
   * @default 0
   */
  readonly minHealthPercent?: number;
}

/** Load-balancing algorithm. */
export class LoadBalancerAlgorithm {
  /** Round robin. */
  public static readonly ROUND_ROBIN = new LoadBalancerAlgorithm('ROUND_ROBIN');
  /** Fewest active requests (Istio's default). */
  public static readonly LEAST_REQUEST = new LoadBalancerAlgorithm('LEAST_REQUEST');
  /** Random endpoint. */
  public static readonly RANDOM = new LoadBalancerAlgorithm('RANDOM');
  /** Original destination address, no load balancing. */
  public static readonly PASSTHROUGH = new LoadBalancerAlgorithm('PASSTHROUGH');

  private constructor(
    /** The algorithm as written to the manifest. */
    public readonly value: string) {}
}

/** Properties of a DestinationRule. */
export interface DestinationRuleProps extends CustomResourceProps {
  /**
   * The Service the policy applies to; rendered as its FQDN (a Service referenced by name without a
   * namespace is taken to be in the DestinationRule's namespace).
   */
  readonly service: ServiceReference;

  /**
   * Connection pool limits.
   *
   * @default - Istio defaults (unlimited)
   */
  readonly connectionPool?: ConnectionPoolOptions;

  /**
   * Outlier detection.
   *
   * @default - disabled
   */
  readonly outlierDetection?: OutlierDetectionOptions;

  /**
   * Load-balancing algorithm.
   *
   * @default - Istio's default (LEAST_REQUEST)
   */
  readonly loadBalancer?: LoadBalancerAlgorithm;
}

const MAX_UINT32 = 4294967295;

/** A manifest object as rendered (plain JSON). */
type Json = { [key: string]: unknown };

/** One entry of `spec.subsets`. */
interface SubsetJson {
  readonly name: string;
  readonly labels: { [key: string]: string };
}

/**
 * An Istio DestinationRule (networking.istio.io/v1): connection pool, outlier detection,
 * load balancing and subsets for one Service.
 */
export class DestinationRule extends CustomResource {
  private readonly settings: DestinationRuleProps;
  private readonly subsets: SubsetJson[] = [];

  constructor(scope: Construct, id: string, props: DestinationRuleProps) {
    checkProps(scope, id, 'DestinationRuleProps', props);
    super(scope, id, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      resourceType: 'destinationrules',
    }, { metadata: props.metadata });
    this.settings = props;
    checkServiceReference(this, 'service', props.service);
    checkFactoryValue(this, 'loadBalancer', props.loadBalancer, LoadBalancerAlgorithm);
    this.renderTrafficPolicy();
  }

  /** Defines a named subset of the Service's pods (for weighted routing by version). */
  public addSubset(name: string, labels: { [key: string]: string }): void {
    const field = `subsets[${this.subsets.length}]`;
    checkDnsLabel(this, `${field}.name`, name);
    checkLabels(this, `${field}.labels`, labels);
    if (Object.keys(labels).length === 0) throw invalidInput(this, ISTIO_RULES['DR-01'], `${field}.labels`, {}, 'a subset needs at least one label');
    if (this.subsets.some(s => s.name === name)) throw invalidInput(this, ISTIO_RULES['DR-02'], `${field}.name`, name, 'subset names must be unique');
    this.subsets.push({ name, labels });
  }

  protected renderSpec(): unknown {
    return {
      host: serviceFqdn(this.settings.service, this.metadata.namespace),
      trafficPolicy: this.renderTrafficPolicy(),
      subsets: this.subsets.length > 0 ? this.subsets : undefined,
    };
  }

  private renderTrafficPolicy(): Json | undefined {
    const { connectionPool: pool, outlierDetection: outlier, loadBalancer } = this.settings;
    if (!pool && !outlier && !loadBalancer) return undefined;
    return {
      connectionPool: pool && this.renderConnectionPool(pool),
      outlierDetection: outlier && this.renderOutlierDetection(outlier),
      loadBalancer: loadBalancer && { simple: loadBalancer.value },
    };
  }

  private renderConnectionPool(pool: ConnectionPoolOptions): Json {
    const f = 'connectionPool';
    // int32 fields in the CRD (format: int32), unlike outlier detection's uint32 error counts
    checkInteger(this, ISTIO_RULES['DR-03'], `${f}.maxConnections`, pool.maxConnections, 1, INT32_MAX);
    checkInteger(this, ISTIO_RULES['DR-03'], `${f}.http1MaxPendingRequests`, pool.http1MaxPendingRequests, 1, INT32_MAX);
    checkInteger(this, ISTIO_RULES['DR-03'], `${f}.http2MaxRequests`, pool.http2MaxRequests, 1, INT32_MAX);
    checkInteger(this, ISTIO_RULES['DR-03'], `${f}.maxRequestsPerConnection`, pool.maxRequestsPerConnection, 0, INT32_MAX);
    checkInteger(this, ISTIO_RULES['DR-03'], `${f}.maxRetries`, pool.maxRetries, 0, INT32_MAX);
    const tcp = {
      maxConnections: pool.maxConnections,
      connectTimeout: istioDuration(this, ISTIO_RULES['DR-05'], `${f}.connectTimeout`, pool.connectTimeout),
    };
    const http = {
      http1MaxPendingRequests: pool.http1MaxPendingRequests,
      http2MaxRequests: pool.http2MaxRequests,
      maxRequestsPerConnection: pool.maxRequestsPerConnection,
      maxRetries: pool.maxRetries,
      idleTimeout: istioDuration(this, ISTIO_RULES['DR-05'], `${f}.idleTimeout`, pool.idleTimeout),
    };
    const hasAny = (o: object) => Object.values(o).some(v => v !== undefined);
    if (!hasAny(tcp) && !hasAny(http)) throw invalidInput(this, ISTIO_RULES['DR-04'], f, {}, 'set at least one limit, or omit connectionPool');
    return { tcp: hasAny(tcp) ? tcp : undefined, http: hasAny(http) ? http : undefined };
  }

  private renderOutlierDetection(o: OutlierDetectionOptions): Json {
    const f = 'outlierDetection';
    checkInteger(this, ISTIO_RULES['DR-06'], `${f}.consecutive5xxErrors`, o.consecutive5xxErrors, 0, MAX_UINT32);
    checkInteger(this, ISTIO_RULES['DR-06'], `${f}.consecutiveGatewayErrors`, o.consecutiveGatewayErrors, 0, MAX_UINT32);
    checkInteger(this, ISTIO_RULES['DR-07'], `${f}.maxEjectionPercent`, o.maxEjectionPercent, 0, 100);
    checkInteger(this, ISTIO_RULES['DR-07'], `${f}.minHealthPercent`, o.minHealthPercent, 0, 100);
    return {
      consecutive5xxErrors: o.consecutive5xxErrors,
      consecutiveGatewayErrors: o.consecutiveGatewayErrors,
      interval: istioDuration(this, ISTIO_RULES['DR-05'], `${f}.interval`, o.interval),
      baseEjectionTime: istioDuration(this, ISTIO_RULES['DR-05'], `${f}.baseEjectionTime`, o.baseEjectionTime),
      maxEjectionPercent: o.maxEjectionPercent,
      minHealthPercent: o.minHealthPercent,
    };
  }
}
