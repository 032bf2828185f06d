/**
 * How the Prometheus instance picks up this monitor.
 *
 * prometheus-operator only loads monitors whose labels match the Prometheus
 * `serviceMonitorSelector` / `podMonitorSelector`. A monitor without the right labels is
 * ignored silently (SM-11), so every monitor states the selection explicitly.
 */
export class PrometheusSelector {
  /**
   * kube-prometheus-stack's default selection: the Helm release label (`release: <releaseName>`).
   *
   * @param releaseName the Helm release name of kube-prometheus-stack, e.g. `prometheus`
   */
  public static helmRelease(releaseName: string): PrometheusSelector {
    return new PrometheusSelector({ release: releaseName });
  }

  /** Any label set your Prometheus `serviceMonitorSelector` / `podMonitorSelector` matches. */
  public static withLabels(labels: { [key: string]: string }): PrometheusSelector {
    return new PrometheusSelector({ ...labels });
  }

  /**
   * The Prometheus selects every monitor (for example kube-prometheus-stack with
   * `serviceMonitorSelectorNilUsesHelmValues: false`); no label is added.
   */
  public static all(): PrometheusSelector {
    return new PrometheusSelector({});
  }

  /** The labels added to the monitor's metadata. */
  public readonly matchLabels: { [key: string]: string };

  private constructor(matchLabels: { [key: string]: string }) {
    this.matchLabels = matchLabels;
  }
}

/** Which namespaces a monitor looks for its targets in (`spec.namespaceSelector`). */
export class MonitorNamespaceSelector {
  /** Every namespace (`any: true`). */
  public static all(): MonitorNamespaceSelector {
    return new MonitorNamespaceSelector(true, []);
  }

  /** Only the named namespaces. */
  public static of(...namespaces: string[]): MonitorNamespaceSelector {
    return new MonitorNamespaceSelector(false, namespaces);
  }

  /** True when every namespace is selected. */
  public readonly allNamespaces: boolean;

  /** The selected namespaces when not `allNamespaces`. */
  public readonly namespaces: string[];

  private constructor(allNamespaces: boolean, namespaces: string[]) {
    this.allNamespaces = allNamespaces;
    this.namespaces = namespaces;
  }
}

/** HTTP scheme used to scrape a target. */
export class ScrapeScheme {
  /** Plain HTTP (the Prometheus default). */
  public static readonly HTTP = new ScrapeScheme('http');
  /** HTTPS. */
  public static readonly HTTPS = new ScrapeScheme('https');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string) {}
}
