import { ApiObject, Duration, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { DashboardPanel } from './panel';
import { checkPromQl } from './promql-check';
import {
  checkAnnotations, checkDnsLabel, checkFactoryValue, checkInteger, checkLabels, checkObjectName, checkPattern, checkQualifiedName, INT32_MAX,
} from '../core/checks';
import { invalidInput } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { PROMETHEUS_RULES } from '../core/rules';
import { durationText, toHoursMinutesSeconds } from '../core/units';
import { SynthValidation } from '../validation/synth-validation';

/** Dashboard settings shared by `GrafanaDashboard` and the prebuilt dashboards. */
export interface GrafanaDashboardOptions extends kplus.ResourceProps {
  /**
   * Dashboard uid (stable URL `/d/<uid>`); letters, digits, "-" and "_", at most 40 characters.
   *
   * @default - derived from the construct path
   */
  readonly uid?: string;

  /**
   * Auto-refresh interval.
   *
   * @default Duration.seconds(10)
   */
  readonly refresh?: Duration;

  /**
   * Time range shown, ending now.
   *
   * @default Duration.minutes(15)
   */
  readonly timeRange?: Duration;

  /**
   * Dashboard tags.
   *
   * @default - none
   */
  readonly tags?: string[];

  /**
   * The label the Grafana dashboard sidecar watches ConfigMaps for (`sidecar.dashboards.label`).
   *
   * @default "grafana_dashboard"
   */
  readonly sidecarLabel?: string;

  /**
   * The value of the sidecar label (`sidecar.dashboards.labelValue`).
   *
   * @default "1"
   */
  readonly sidecarLabelValue?: string;
}

/** Properties of a GrafanaDashboard. */
export interface GrafanaDashboardProps extends GrafanaDashboardOptions {
  /** Dashboard title. */
  readonly title: string;

  /**
   * Panels and rows, laid out left to right in rows of 24 columns; more can be added with `addPanel`.
   *
   * @default - none
   */
  readonly panels?: DashboardPanel[];
}

/**
 * A Grafana dashboard shipped as a ConfigMap that Grafana's dashboard sidecar (kube-prometheus-stack,
 * the grafana chart) imports: labeled `grafana_dashboard: "1"` by default.
 *
 * Panels query a `datasource` template variable of type Prometheus, so the dashboard works with
 * whichever Prometheus data source the Grafana instance has.
 */
export class GrafanaDashboard extends kplus.Resource {
  /** @see kplus.Resource.apiObject */
  protected readonly apiObject: ApiObject;
  /** The plural resource name used in RBAC rules. */
  public readonly resourceType = 'configmaps';
  /** The dashboard uid. */
  public readonly uid: string;

  private readonly panels: DashboardPanel[] = [];
  private readonly props: GrafanaDashboardProps;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    checkProps(scope, id, 'GrafanaDashboardProps', props);
    super(scope, id);
    SynthValidation.enable(this);
    this.props = props;
    checkObjectName(this, 'metadata.name', props.metadata?.name);
    checkDnsLabel(this, 'metadata.namespace', props.metadata?.namespace);
    checkAnnotations(this, 'metadata.annotations', props.metadata?.annotations);
    if (props.title.trim().length === 0) throw invalidInput(this, PROMETHEUS_RULES['GD-01'], 'title', props.title, 'must not be empty');
    this.uid = props.uid ?? Names.toDnsLabel(this, { maxLen: 40 });
    checkPattern(this, PROMETHEUS_RULES['GD-02'], 'uid', this.uid, /^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, "-" or "_"');
    const labelKey = props.sidecarLabel ?? 'grafana_dashboard';
    checkQualifiedName(this, 'sidecarLabel', labelKey);
    const labels = { ...props.metadata?.labels, [labelKey]: props.sidecarLabelValue ?? '1' };
    checkLabels(this, 'metadata.labels', labels);
    this.renderTime();

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...props.metadata, labels },
      data: Lazy.any({ produce: () => ({ [`${this.uid}.json`]: this.toDashboardJson() }) }),
    });
    for (const panel of props.panels ?? []) this.addPanel(panel);
  }

  /** Appends a panel or row. */
  public addPanel(panel: DashboardPanel): void {
    const field = `panels[${this.panels.length}]`;
    checkFactoryValue(this, field, panel, DashboardPanel);
    if (panel.title.trim().length === 0) throw invalidInput(this, PROMETHEUS_RULES['GD-03'], `${field}.title`, panel.title, 'must not be empty');
    const o = panel.options;
    if (o) {
      checkInteger(this, PROMETHEUS_RULES['GD-04'], `${field}.width`, o.width, 1, 24);
      checkInteger(this, PROMETHEUS_RULES['GD-04'], `${field}.height`, o.height, 1, INT32_MAX);
      if (o.queries.length === 0 || o.queries.length > 26) {
        throw invalidInput(this, PROMETHEUS_RULES['GD-05'], `${field}.queries`, o.queries.length, 'a panel needs 1 to 26 queries');
      }
      o.queries.forEach((q, i) => checkPromQl(this, `${field}.queries[${i}].expr`, q.expr));
    }
    this.panels.push(panel);
  }

  /** The dashboard model as Grafana imports it (JSON text). */
  public toDashboardJson(): string {
    const { refresh, from } = this.renderTime();
    return JSON.stringify({
      uid: this.uid,
      title: this.props.title,
      tags: this.props.tags ?? [],
      editable: true,
      schemaVersion: 39,
      refresh,
      time: { from, to: 'now' },
      templating: {
        list: [{ name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }],
      },
      panels: this.layout(),
    }, undefined, 2);
  }

  private renderTime() {
    const refresh = this.props.refresh ?? Duration.seconds(10);
    const range = this.props.timeRange ?? Duration.minutes(15);
    const rendered = {
      refresh: toHoursMinutesSeconds(this, 'refresh', refresh),
      from: `now-${toHoursMinutesSeconds(this, 'timeRange', range)}`,
    };
    for (const [field, duration] of [['refresh', refresh], ['timeRange', range]] as const) {
      if (duration.toMilliseconds() < 1000) throw invalidInput(this, PROMETHEUS_RULES['GD-09'], field, durationText(duration), 'must be at least one second');
    }
    return rendered;
  }

  /** Flows panels left to right, wrapping at 24 columns; a row starts a new line. */
  private layout(): any[] {
    let x = 0;
    let y = 0;
    let lineHeight = 0;
    return this.panels.map((panel, index) => {
      const id = index + 1;
      if (!panel.options) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
        const row = { id, type: 'row', title: panel.title, collapsed: false, panels: [], gridPos: { h: 1, w: 24, x: 0, y } };
        y += 1;
        return row;
      }
      const o = panel.options;
      const w = o.width ?? 12;
      const h = o.height ?? 8;
      if (x + w > 24) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const gridPos = { h, w, x, y };
      x += w;
      lineHeight = Math.max(lineHeight, h);
      return {
        id,
        type: panel.panelType,
        title: panel.title,
        gridPos,
        datasource: { type: 'prometheus', uid: '${datasource}' },
        targets: o.queries.map((q, i) => ({
          refId: String.fromCharCode(65 + i),
          expr: q.expr,
          ...(q.legend !== undefined ? { legendFormat: q.legend } : {}),
          datasource: { type: 'prometheus', uid: '${datasource}' },
        })),
        fieldConfig: {
          defaults: { unit: o.unit ?? 'short', custom: { stacking: { mode: o.stacked ? 'normal' : 'none' } } },
          overrides: [],
        },
        options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
      };
    });
  }
}
