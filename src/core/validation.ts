import { Construct, IConstruct } from 'constructs';

/**
 * Registers a synth-time validation on `scope`: cdk8s runs it whenever it validates the app, and prefixes
 * each error with the construct path. Keep these cheap and local to the construct: cdk8s validates the
 * whole app once per `app.synth()` and again before writing each chart.
 */
export function addSynthValidation(scope: IConstruct, validate: () => string[]): void {
  scope.node.addValidation({ validate });
}

/**
 * A check over the whole app (one autoscaler per workload, ...): it runs once per validation pass, however
 * many constructs register it, so it can build one index of the app instead of one per construct.
 * Its errors name the constructs they are about (`invalidInput(...).message`). Every check of a pass gets the
 * same list of the app's constructs (`root.node.findAll()`), so the app is walked once per pass, not once per check.
 */
export type AppCheck = (root: IConstruct, constructs: readonly IConstruct[]) => string[];

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

/** Holds the app-wide checks of one app, at its root. */
class AppChecks extends Construct {
  public static of(scope: IConstruct): AppChecks {
    const root = rootOf(scope);
    const existing = root.node.tryFindChild(APP_CHECKS_ID);
    return existing instanceof AppChecks ? existing : new AppChecks(root);
  }

  private readonly checks = new Map<string, AppCheck>();

  private constructor(root: IConstruct) {
    super(root, APP_CHECKS_ID);
    this.node.addValidation({
      validate: () => {
        if (this.checks.size === 0) return [];
        const constructs = root.node.findAll();
        return [...this.checks.values()].flatMap(check => check(root, constructs));
      },
    });
  }

  public add(key: string, check: AppCheck): void {
    if (!this.checks.has(key)) this.checks.set(key, check);
  }
}
