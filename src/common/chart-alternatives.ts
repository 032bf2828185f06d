import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { describeValue } from '../core/errors';
import { GENERAL_RULES, ruleSuffix } from '../core/rules';
import { existingStateOf, stateOf } from '../core/tree-state';

const ALTERNATIVES_ID = 'cdk8s-eks-autoscaling.alternatives';

/**
 * Charts that are alternatives: steps or variants applied one at a time, never together (an HPA
 * on CPU, then a ScaledObject on request rate for the same Deployment). App-wide checks that assume
 * every chart is applied together, such as one autoscaler per workload, skip pairs of objects that
 * sit in two charts declared alternatives of each other.
 */
export class ChartAlternatives {
  /**
   * Declares that at most one of `charts` is applied at a time.
   */
  public static declare(...charts: Chart[]): void {
    if (charts.length < 2 || new Set(charts).size !== charts.length) {
      throw new Error(`[ChartAlternatives.declare] charts: got ${describeValue(charts.map(c => c.node.path))}; declare at least two different charts${ruleSuffix(GENERAL_RULES['GEN-37'])}`);
    }
    // Each declaration is its own group; a chart remembers the groups it belongs to.
    const group = {};
    for (const chart of charts) stateOf(chart, ALTERNATIVES_ID, () => new Set<object>()).add(group);
  }

  /**
   * Whether two constructs sit in charts declared alternatives of each other.
   */
  public static areAlternatives(a: IConstruct, b: IConstruct): boolean {
    const chartA = Chart.of(a);
    const chartB = Chart.of(b);
    if (chartA === chartB) return false;
    const groupsB = existingStateOf<Set<object>>(chartB, ALTERNATIVES_ID);
    return [...existingStateOf<Set<object>>(chartA, ALTERNATIVES_ID) ?? []].some(group => groupsB?.has(group));
  }
}
