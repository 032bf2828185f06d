import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Context key that keeps cdk8s's own chart synthesis: set it to `true` on the app
 * (`app.node.setContext(REVALIDATE_EACH_CHART, true)`) if something in the app adds constructs or
 * dependencies while charts are being written, which cdk8s then validates before the next chart.
 */
export const REVALIDATE_EACH_CHART = 'cdk8s-eks-autoscaling:revalidateEachChart';

/**
 * Before writing each chart, cdk8s resolves dependencies and validates the whole app again, although
 * `app.synth()` has just done both: an app with C charts walks its tree C + 1 times, and every construct
 * of every chart pays for it. The library wraps `synth()` and `synthYaml()` of apps holding its
 * constructs so that within one call:
 * - each chart is written without repeating those passes (cdk8s's chart synthesis less the repeats);
 * - the results of the library's validations are kept, so they also run once when the context key
 *   above restores the repeats.
 * The output is the same; the tree is not expected to change while it is being written. A cdk8s whose
 * chart synthesis does more than the two passes and writing the chart keeps its own.
 */
const resultsDuringSynth = new WeakMap<IConstruct, Map<object, unknown>>();
const instrumentedApps = new WeakSet<App>();

function instrumentSynth(app: App): void {
  if (instrumentedApps.has(app)) return;
  instrumentedApps.add(app);
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as () => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: App) {
        resultsDuringSynth.set(app, new Map());
        const restore = app.node.tryGetContext(REVALIDATE_EACH_CHART) === true ? undefined : writeChartsWithoutRepeats(app);
        try {
          return original.call(this);
        } finally {
          restore?.();
          resultsDuringSynth.delete(app);
        }
      },
    });
  }
}

type ChartSynthesizer = (chart: Chart) => unknown[];
const appInternals = App as unknown as { _synthChart?: ChartSynthesizer };

// cdk8s's chart synthesis as this library knows it (cdk8s 2.x): the two repeated passes, then chartToKube.
const KNOWN_CHART_SYNTHESIS = [
  'const app = App.of(chart);', 'const cache = new SynthRequestCache();', 'resolveDependencies(app, cache);',
  'validate(app, cache);', 'return chartToKube(chart).map(obj => obj.toJson());',
].join('');

/** Whether `synthChart` does what KNOWN_CHART_SYNTHESIS does; a cdk8s that does more keeps its own. */
function isKnownChartSynthesis(synthChart: ChartSynthesizer): boolean {
  const source = synthChart.toString();
  const body = source.slice(source.indexOf('{') + 1, source.lastIndexOf('}'));
  return body.replace(/\/\/.*$/gm, '').replace(/\s*\n\s*/g, '') === KNOWN_CHART_SYNTHESIS;
}

/** Swaps cdk8s's chart synthesis for the app's charts until the returned function restores it. */
function writeChartsWithoutRepeats(app: App): (() => void) | undefined {
  const original = appInternals._synthChart;
  if (typeof original !== 'function' || !isKnownChartSynthesis(original)) return undefined;
  appInternals._synthChart = function (this: unknown, chart: Chart) {
    if (App.of(chart) !== app) return original.call(this, chart);
    // cdk8s's chartToKube: the chart's own objects in dependency order
    return new DependencyGraph(chart.node).topology()
      .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
      .map(o => o.toJson());
  };
  return () => { appInternals._synthChart = original; };
}

/**
 * Registers a synth-time validation on `scope` whose result is computed once per `app.synth()`.
 * Outside an app synth (a chart's `toJson()`, `node.validate()` in tests) it runs every time.
 */
export function addSynthValidation(scope: IConstruct, validate: () => string[]): void {
  const root = rootOf(scope);
  if (root instanceof App) instrumentSynth(root);
  // the root is looked up here, not on every call; the validation object is its own cache key
  const validation = { validate: () => keepInSynthOf(root, validation, validate) };
  scope.node.addValidation(validation);
}

/**
 * `compute()`, kept under `key` for the rest of the current `app.synth()` of `scope`'s app, for values
 * that validations and rendering both read. Outside an app synth, or in an app without synth
 * validations, it computes every time.
 */
export function keepDuringSynth<T>(scope: IConstruct, key: object, compute: () => T): T {
  return keepInSynthOf(rootOf(scope), key, compute);
}

/** The root of `scope`'s tree; unlike `node.root` it builds no list of scopes on the way. */
export function rootOf(scope: IConstruct): IConstruct {
  let current = scope;
  for (let parent = current.node.scope; parent !== undefined; parent = parent.node.scope) current = parent;
  return current;
}

function keepInSynthOf<T>(root: IConstruct, key: object, compute: () => T): T {
  const results = resultsDuringSynth.get(root);
  if (!results) return compute();
  if (results.has(key)) return results.get(key) as T;
  const value = compute();
  results.set(key, value);
  return value;
}
