import { Duration } from 'cdk8s';
import { RelabelRule } from './relabel-rule';
import { ScrapeAuthorization, ScrapeTlsOptions } from './scrape-auth';
import { ScrapeScheme } from './selectors';

/** Scrape settings shared by ServiceMonitor endpoints and PodMonitor endpoints. */
export interface ScrapeEndpointOptions {
  /**
   * HTTP path metrics are served on.
   *
   * @default "/metrics"
   */
  readonly path?: string;

  /**
   * HTTP scheme.
   *
   * @default ScrapeScheme.HTTP
   */
  readonly scheme?: ScrapeScheme;

  /**
   * How often to scrape. Keep it at or below the polling interval of any autoscaler reading
   * these metrics (KEDA polls every 30s by default), or scaling decisions use stale data.
   *
   * @default - the Prometheus global scrape interval (30s with prometheus-operator)
   */
  readonly interval?: Duration;

  /**
   * Timeout of one scrape; must not exceed `interval` (SM-03).
   *
   * @default - the Prometheus global scrape timeout (10s)
   */
  readonly scrapeTimeout?: Duration;

  /**
   * Keep the target's own labels when they clash with server-side labels.
   *
   * @default false
   */
  readonly honorLabels?: boolean;

  /**
   * Relabeling applied to targets before scraping.
   *
   * @default - none
   */
  readonly relabelings?: RelabelRule[];

  /**
   * Relabeling applied to scraped series before ingestion.
   *
   * @default - none
   */
  readonly metricRelabelings?: RelabelRule[];

  /**
   * Verification of the target's certificate, and mutual TLS. Needs scheme HTTPS.
   *
   * @default - Prometheus verifies HTTPS targets against the CAs it trusts
   */
  readonly tls?: ScrapeTlsOptions;

  /**
   * Credentials sent with each scrape, read from Secrets.
   *
   * @default - none
   */
  readonly authorization?: ScrapeAuthorization;
}
