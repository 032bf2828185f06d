import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { analyzeApp } from './capacity/app-analysis';
import { poolSummaryLine, reportMarkdown } from './capacity/report-text';
import { CapacityCatalog } from './capacity-catalog';
import { CapacityCatalogInfo } from './capacity-types';
import { NodePool } from './node-pool';
import { NodePoolCapacity } from './node-pool-capacity';
import { WorkloadCapacity } from './workload-capacity';

/**
 * What the NodePools under a scope can launch and what it may cost, and where the workloads under it fit, by the
 * vendored instance-type catalog (docs/capacity.md). Workloads are matched against every NodePool of the app, and
 * the DaemonSets and autoscalers of the whole app count. A query: it validates nothing and records no warning.
 *
 * `toJson()` lists every pool's instance types by name; `toMarkdown()` summarises them (count and families) in
 * tables a person reads; `summaryLines()` gives one line per pool. Prices are on-demand, in one region, as of one
 * date (`catalog`): Spot prices are not in the data.
 */
export class CapacityReport {
  /** The report of the NodePools and workloads under `scope` (an App, a Chart or any construct). */
  public static of(scope: IConstruct): CapacityReport {
    return new CapacityReport(scope);
  }

  /** Where the facts and prices come from. */
  public readonly catalog: CapacityCatalogInfo;
  /** The NodePools under the scope, in tree order. */
  public readonly nodePools: NodePoolCapacity[];
  /** The workloads under the scope (DaemonSets aside: they count as overhead on the nodes), in tree order. */
  public readonly workloads: WorkloadCapacity[];

  private constructor(scope: IConstruct) {
    const analysis = analyzeApp(scope);
    const under = scope.node.findAll();
    this.catalog = CapacityCatalog.info();
    this.nodePools = under.filter((c): c is NodePool => c instanceof NodePool).map(pool => NodePoolCapacity.of(pool));
    this.workloads = under.filter((c): c is kplus.Workload => c instanceof kplus.Workload && !(c instanceof kplus.DaemonSet))
      .map(workload => WorkloadCapacity._of(workload, analysis));
  }

  /** One line per pool: instance types, vCPU and memory ranges, GPUs, on-demand prices and ceiling. */
  public summaryLines(): string[] {
    return this.nodePools.map(poolSummaryLine);
  }

  /** The report as Markdown: the sources, a table of pools (types summarised as count and families), a table of workloads. */
  public toMarkdown(): string {
    return reportMarkdown(this.catalog, this.nodePools, this.workloads);
  }

  /** The report as plain JSON: `{ catalog, nodePools: [{ name, instanceTypes: [...], ... }], workloads: [...] }`. */
  public toJson(): any {
    return {
      catalog: this.catalog,
      nodePools: this.nodePools.map(p => p.toJson()),
      workloads: this.workloads.map(w => w.toJson()),
    };
  }
}
