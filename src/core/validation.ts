import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/**
 * Registers a synth-time validation of `scope`; each of its errors is prefixed with the construct path. It runs
 * with the app-wide checks, once per synthesis (see `AppChecks.freshResults`): cdk8s validates the whole app once
 * per `app.synth()` and again before writing each chart, which would run it 1 + charts times.
 */
export function addSynthValidation(scope: IConstruct, validate: () => string[]): void {
  AppChecks.of(scope).addConstructCheck(scope, validate);
}

/**
 * A check over the whole app (one autoscaler per workload, ...): it runs once per validation pass, however
 * many constructs register it, so it can build one index of the app instead of one per construct.
 * Its errors name the constructs they are about (`invalidInput(...).message`). Every check of a pass gets the
 * same list of the app's constructs (`root.node.findAll()`), so the app is walked once per pass, not once per check.
 */
export type AppCheck = (root: IConstruct, constructs: readonly IConstruct[], pass: ValidationPass) => string[];

/** What a check can ask of the validation pass it runs in. */
export interface ValidationPass {
  /**
   * The errors of `check`, computed once per synthesis (see `AppChecks.freshResults`) instead of once per pass;
   * `key` names the check. For checks whose work grows with the app: reading every document, fitting every workload.
   */
  oncePerSynth(key: string, check: () => string[]): string[];
}

/** One ApiObject of the app and what its `toJson()` gave: the document, or the error it threw. */
export interface RenderedObject {
  readonly object: ApiObject;
  /** @default - none: rendering threw `error` */
  readonly document?: any;
  /** @default - none: rendering succeeded */
  readonly error?: Error;
}

/**
 * Registers `check` once for `scope`'s app under `key` (later registrations with the same key are ignored).
 * The checks live on one construct at the root of the app, so they hold no state outside the tree and do not
 * depend on the order in which cdk8s validates constructs.
 */
export function addAppCheck(scope: IConstruct, key: string, check: AppCheck): void {
  AppChecks.of(scope).add(key, check);
}

/** The root of `scope`'s tree; unlike `node.root` it builds no list of scopes on the way. */
export function rootOf(scope: IConstruct): IConstruct {
  let current = scope;
  for (let parent = current.node.scope; parent !== undefined; parent = parent.node.scope) current = parent;
  return current;
}

/** Construct id of the app-wide checks; error lines read `[cdk8s-eks-autoscaling] [<path>] <field>: ...`. */
export const APP_CHECKS_ID = 'cdk8s-eks-autoscaling';

/** The key of the constructs' own checks (`addSynthValidation`) among the results of a synthesis. */
const CONSTRUCT_CHECKS = 'construct checks';

/** Holds the app-wide checks of one app, at its root. */
class AppChecks extends Construct {
  public static of(scope: IConstruct): AppChecks {
    const root = rootOf(scope);
    const existing = root.node.tryFindChild(APP_CHECKS_ID);
    return existing instanceof AppChecks ? existing : new AppChecks(root);
  }

  private readonly checks = new Map<string, AppCheck>();
  private readonly constructChecks: Array<{ readonly scope: IConstruct; readonly validate: () => string[] }> = [];
  /** The results of the checks of the current synthesis (see `oncePerSynth`). */
  private results = new Map<string, string[]>();
  private renderedAt = -1;
  private jobOpen = false;

  private constructor(root: IConstruct) {
    super(root, APP_CHECKS_ID);
    this.node.addValidation({
      validate: () => {
        if (this.checks.size === 0 && this.constructChecks.length === 0) return [];
        const constructs = root.node.findAll();
        // counted once per pass, not once per check: the app does not change while cdk8s validates it
        let objects: number | undefined;
        const pass: ValidationPass = {
          oncePerSynth: (key, check) => {
            objects ??= constructs.reduce((n, c) => ApiObject.isApiObject(c) ? n + 1 : n, 0);
            const fresh = this.freshResults(objects);
            const known = fresh.get(key);
            if (known) return known;
            const errors = check();
            fresh.set(key, errors);
            return errors;
          },
        };
        const constructErrors = this.constructChecks.length === 0 ? [] : pass.oncePerSynth(CONSTRUCT_CHECKS, () => {
          // a construct removed from the tree (tryRemoveChild) is no longer checked
          const inTree = new Set(constructs);
          return this.constructChecks
            .filter(check => inTree.has(check.scope))
            .flatMap(check => check.validate().map(error => `[${check.scope.node.path}] ${error}`));
        });
        return [...constructErrors, ...[...this.checks.values()].flatMap(check => check(root, constructs, pass))];
      },
    });
  }

  /**
   * The results of the library's synth-time checks (the constructs' own, the capacity check, the final validation
   * pass and pod security, which render ApiObjects as cdk8s renders them): computed once per synchronous job.
   *
   * Why: cdk8s validates the whole app once per `app.synth()` and again before writing each chart, so such checks
   * would run 1 + charts times. cdk8s gives no public signal that a synth begins, so their results are
   * kept until the current job ends (the next microtask) and while the app has as many ApiObjects as when they were
   * computed; nothing else runs within one `app.synth()`. What this cannot see: code that, in one synchronous job,
   * synthesizes, changes an existing object without adding an ApiObject and synthesizes again; that second synth
   * reuses the first results (its YAML is rendered afresh).
   */
  private freshResults(objects: number): Map<string, string[]> {
    if (this.jobOpen && this.renderedAt === objects) return this.results;
    if (!this.jobOpen) {
      this.jobOpen = true;
      queueMicrotask(() => {
        this.jobOpen = false;
        this.results = new Map();
      });
    }
    this.renderedAt = objects;
    this.results = new Map();
    return this.results;
  }

  public addConstructCheck(scope: IConstruct, validate: () => string[]): void {
    this.constructChecks.push({ scope, validate });
  }

  public add(key: string, check: AppCheck): void {
    if (!this.checks.has(key)) this.checks.set(key, check);
  }
}

/** `object` rendered as cdk8s renders it, or the error rendering threw. */
export function renderObject(object: ApiObject): RenderedObject {
  try {
    return { object, document: object.toJson() };
  } catch (e) {
    return { object, error: e instanceof Error ? e : new Error(String(e)) };
  }
}
