import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { NAMESPACE, WorkloadsChart } from './workloads-chart';
import { K6Script, TestRun } from '../../src';

/** Properties of a load tests chart. */
export interface LoadTestsChartProps {
  /**
   * The workloads chart whose state the tests measure; apply it, and wait until its Deployments
   * are rolled out, before this chart. The scripts come from its ConfigMap `k6-test-scripts`.
   */
  readonly workloads: WorkloadsChart;

  /** The k6 TestRuns, each named like its script (`<name>.js` in `k6-test-scripts`). */
  readonly testRuns: string[];
}

/**
 * k6 TestRuns, on their own so that they start only once the workload they load is Ready: a TestRun
 * runs once, when it is created, so applying it together with the Deployment it loads sends its first
 * requests to pods that do not exist yet. No other chart holds these TestRuns, so applying another
 * chart never runs them again; to re-run one, delete it and apply this chart again.
 */
export class LoadTestsChart extends Chart {
  public readonly testRuns: TestRun[];

  public constructor(scope: Construct, id: string, props: LoadTestsChartProps) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    this.testRuns = props.testRuns.map(name => new TestRun(this, name, {
      metadata: { name },
      script: K6Script.fromConfigMap(props.workloads.scripts, `${name}.js`),
      quiet: false,
      runner: {
        resources: {
          cpu: { request: kplus.Cpu.millis(500) },
          // Upstream sets no limit; 512Mi holds 100 VUs of plain GETs with room to spare.
          memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) },
        },
      },
    }));
  }
}
