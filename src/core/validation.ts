import { App } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * cdk8s validates the whole app again before it synthesizes each chart, so an app with C charts runs
 * every validation C times in one `app.synth()`. Within one synth the tree no longer changes, so the
 * results of the library's validations are kept for the length of that call and reused.
 */
const resultsDuringSynth = new WeakMap<IConstruct, Map<object, unknown>>();
const instrumentedApps = new WeakSet<App>();

function keepResultsDuringSynth(app: App): void {
  if (instrumentedApps.has(app)) return;
  instrumentedApps.add(app);
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as () => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: App) {
        resultsDuringSynth.set(app, new Map());
        try {
          return original.call(this);
        } finally {
          resultsDuringSynth.delete(app);
        }
      },
    });
  }
}

/**
 * Registers a synth-time validation on `scope` whose result is computed once per `app.synth()`.
 * Outside an app synth (a chart's `toJson()`, `node.validate()` in tests) it runs every time.
 */
export function addSynthValidation(scope: IConstruct, validate: () => string[]): void {
  const root = scope.node.root;
  if (root instanceof App) keepResultsDuringSynth(root);
  const key = {};
  // the root is looked up once: cdk8s calls validations once per chart, and node.root walks the tree
  scope.node.addValidation({ validate: () => keepInSynthOf(root, key, validate) });
}

/**
 * `compute()`, kept under `key` for the rest of the current `app.synth()` of `scope`'s app, for values
 * that validations and rendering both read. Outside an app synth, or in an app without synth
 * validations, it computes every time.
 */
export function keepDuringSynth<T>(scope: IConstruct, key: object, compute: () => T): T {
  return keepInSynthOf(scope.node.root, key, compute);
}

function keepInSynthOf<T>(root: IConstruct, key: object, compute: () => T): T {
  const results = resultsDuringSynth.get(root);
  if (!results) return compute();
  if (results.has(key)) return results.get(key) as T;
  const value = compute();
  results.set(key, value);
  return value;
}
