/** One PromQL query of a panel. */
export interface DashboardQuery {
  /** PromQL expression. */
  readonly expr: string;

  /**
   * Legend template, e.g. `{{instance_type}}`.
   *
   * @default - Grafana's default (the series labels)
   */
  readonly legend?: string;
}

/** Options of a time series panel. */
export interface TimeSeriesPanelOptions {
  /** Panel title. */
  readonly title: string;

  /** Queries drawn in the panel (at most 26, refIds A-Z). */
  readonly queries: DashboardQuery[];

  /**
   * Grafana unit id of the values, e.g. `reqps`, `short`, `percentunit`, `s`.
   *
   * @default "short"
   */
  readonly unit?: string;

  /**
   * Stack the series (e.g. nodes by instance type).
   *
   * @default false
   */
  readonly stacked?: boolean;

  /**
   * Width in grid columns (1-24).
   *
   * @default 12
   */
  readonly width?: number;

  /**
   * Height in grid rows.
   *
   * @default 8
   */
  readonly height?: number;
}

/** A dashboard panel; rows group the panels added after them. */
export class DashboardPanel {
  /** A time series graph. */
  public static timeSeries(options: TimeSeriesPanelOptions): DashboardPanel {
    return new DashboardPanel('timeseries', options.title, options);
  }

  /** A row header. */
  public static row(title: string): DashboardPanel {
    return new DashboardPanel('row', title, undefined);
  }

  private constructor(
    /** Grafana panel type. */
    public readonly panelType: string,
    /** Title. */
    public readonly title: string,
    /** Options of a time series panel. */
    public readonly options: TimeSeriesPanelOptions | undefined) {}
}
