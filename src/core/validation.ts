import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/**
 * Registers a synth-time validation of `scope`; each of its errors is prefixed with the construct path. It runs
 * with the app-wide checks, once per synthesis (see `AppChecks`): cdk8s validates the whole app once per
 * `app.synth()` and again before writing each chart, which would run it 1 + charts times.
 */
export function addSynthValidation(scope: IConstruct, validate: () => string[]): void {
  AppChecks.of(scope).addConstructCheck(scope, validate);
}

/**
 * A check over the whole app (one autoscaler per workload): it runs
 * once per synthesis, however many constructs register it, so it can build one index of the app instead of one
 * per construct. Its errors name the constructs they are about (`invalidInput(...).message`). Every check gets the
 * same list of the app's constructs (`root.node.findAll()`), so the app is walked once, not once per check.
 */
export type AppCheck = (root: IConstruct, constructs: readonly IConstruct[]) => string[];

/** One ApiObject of the app and what its `toJson()` gave: the document, or the error it threw. */
export interface RenderedObject {
  readonly object: ApiObject;
  /** @default - none: rendering threw `error` */
  readonly document?: any;
  /** @default - none: rendering succeeded */
  readonly error?: Error;
}

/**
 * What a check that reads documents does in one synthesis (see `addDocumentCheck`): which ApiObjects it reads, and
 * the errors of a batch of them, rendered as cdk8s renders them.
 */
export interface DocumentReader {
  selects(object: ApiObject): boolean;
  check(batch: readonly RenderedObject[]): string[];
  /** Errors found once every selected object was read (a check over the whole app); none when absent. */
  finish?(): string[];
}

/**
 * Starts a document check for one synthesis of the app at `root`, given the app's constructs
 * (`root.node.findAll()`); undefined when it has nothing to read.
 */
export type DocumentCheck = (root: IConstruct, constructs: readonly IConstruct[]) => DocumentReader | undefined;

/**
 * Registers a check over rendered documents once for `scope`'s app under `key`, like `addAppCheck`. The app's
 * ApiObjects are rendered once per synthesis for all such checks together (the final validation pass, pod security
 * and the capacity check read the same Deployments), in batches, so the renders of the whole app are never all held.
 * A check over the whole app reads what it needs from each batch and reports in `finish()`.
 */
export function addDocumentCheck(scope: IConstruct, key: string, check: DocumentCheck): void {
  AppChecks.of(scope).addDocumentCheck(key, check);
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

/** Documents handed to a document check at a time: enough to amortize a call, few enough to hold. */
const DOCUMENT_BATCH = 500;

/** Construct id of the app-wide checks; error lines read `[cdk8s-eks-autoscaling] [<path>] <field>: ...`. */
export const APP_CHECKS_ID = 'cdk8s-eks-autoscaling';

/**
 * Holds the app-wide checks of one app, at its root, and runs them with the constructs' own checks once per
 * synthesis.
 *
 * Why once: cdk8s validates the whole app once per `app.synth()` and again before writing each chart, and the
 * checks grow with the app (reading every document, fitting every workload). cdk8s gives no public signal that a
 * synth begins, so the errors of a pass are kept until the current synchronous job ends (the next microtask) and
 * while the app keeps its shape: the children of the root and of every chart, and the library constructs
 * registered. That is checked without walking the tree, which at N=5000 would cost ~50 ms a pass. Nothing else
 * runs within one `app.synth()`. What this cannot see: code that, in one synchronous job, synthesizes, then adds
 * a construct below another non-chart construct (or changes an existing one) and synthesizes again; that second
 * synth reuses the first errors (its YAML is rendered afresh).
 */
class AppChecks extends Construct {
  public static of(scope: IConstruct): AppChecks {
    const root = rootOf(scope);
    const existing = root.node.tryFindChild(APP_CHECKS_ID);
    return existing instanceof AppChecks ? existing : new AppChecks(root);
  }

  private readonly checks = new Map<string, AppCheck>();
  private readonly documentChecks = new Map<string, DocumentCheck>();
  private readonly constructChecks: Array<{ readonly scope: IConstruct; readonly validate: () => string[] }> = [];
  /** The errors of the last pass of the current job, and the shape of the app they were computed for. */
  private errors: string[] | undefined;
  private errorsShape = '';

  private constructor(root: IConstruct) {
    super(root, APP_CHECKS_ID);
    this.node.addValidation({ validate: () => this.validate(root) });
  }

  public addConstructCheck(scope: IConstruct, validate: () => string[]): void {
    this.constructChecks.push({ scope, validate });
  }

  public add(key: string, check: AppCheck): void {
    if (!this.checks.has(key)) this.checks.set(key, check);
  }

  public addDocumentCheck(key: string, check: DocumentCheck): void {
    if (!this.documentChecks.has(key)) this.documentChecks.set(key, check);
  }

  private validate(root: IConstruct): string[] {
    if (this.checks.size === 0 && this.documentChecks.size === 0 && this.constructChecks.length === 0) return [];
    if (this.errors && this.shapeOf(root) === this.errorsShape) return this.errors;
    const constructs = root.node.findAll();
    const shape = this.shapeOfConstructs(root, constructs);
    const errors = this.constructChecks
      .filter(check => isInTree(check.scope, root))
      .flatMap(check => check.validate().map(error => `[${check.scope.node.path}] ${error}`));
    for (const check of this.checks.values()) errors.push(...check(root, constructs));
    errors.push(...this.readDocuments(root, constructs));
    if (!this.errors) queueMicrotask(() => this.errors = undefined);
    this.errors = errors;
    this.errorsShape = shape;
    return errors;
  }

  /** Renders each ApiObject that some document check reads once, and hands it to every such check. */
  private readDocuments(root: IConstruct, constructs: readonly IConstruct[]): string[] {
    const readers = [...this.documentChecks.values()].map(check => check(root, constructs)).filter((r): r is DocumentReader => r !== undefined);
    if (readers.length === 0) return [];
    const pending = readers.map(() => [] as RenderedObject[]);
    const found = readers.map(() => [] as string[]);
    const flush = (i: number) => {
      if (pending[i].length > 0) found[i].push(...readers[i].check(pending[i]));
      pending[i] = [];
    };
    for (const construct of constructs) {
      if (!ApiObject.isApiObject(construct)) continue;
      let entry: RenderedObject | undefined;
      for (let i = 0; i < readers.length; i++) {
        if (!readers[i].selects(construct)) continue;
        entry ??= renderObject(construct);
        pending[i].push(entry);
        if (pending[i].length === DOCUMENT_BATCH) flush(i);
      }
    }
    readers.forEach((reader, i) => {
      flush(i);
      if (reader.finish) found[i].push(...reader.finish());
    });
    return found.flat();
  }

  /** The number of children of the root and of every chart under it (charts of charts), and of the library's checks. */
  private shapeOf(root: IConstruct): string {
    const counts = this.checkCounts();
    const visit = (scope: IConstruct) => {
      const children = scope.node.children;
      counts.push(children.length);
      for (const child of children) if (Chart.isChart(child)) visit(child);
    };
    visit(root);
    return counts.join(',');
  }

  /**
   * `shapeOf`, from the constructs of a full pass (`findAll`, in pre-order): the same counts in the same order, without
   * listing the children of a chart again (`node.children` of a chart of 35,000 constructs takes ~25 ms).
   */
  private shapeOfConstructs(root: IConstruct, constructs: readonly IConstruct[]): string {
    const children = new Map<IConstruct, number>();
    for (const construct of constructs) {
      const parent = construct.node.scope;
      if (parent) children.set(parent, (children.get(parent) ?? 0) + 1);
    }
    const counts = this.checkCounts();
    const visited = new Set<IConstruct>([root]);
    counts.push(children.get(root) ?? 0);
    for (const construct of constructs) {
      if (construct === root || !Chart.isChart(construct) || !visited.has(construct.node.scope!)) continue;
      visited.add(construct);
      counts.push(children.get(construct) ?? 0);
    }
    return counts.join(',');
  }

  private checkCounts(): number[] {
    return [this.constructChecks.length, this.checks.size, this.documentChecks.size];
  }
}

/** Whether `scope` is still attached under `root`: a construct removed from the tree (tryRemoveChild) is no longer checked. */
function isInTree(scope: IConstruct, root: IConstruct): boolean {
  let current = scope;
  for (let parent = current.node.scope; parent !== undefined; parent = parent.node.scope) {
    if (parent.node.tryFindChild(current.node.id) !== current) return false;
    current = parent;
  }
  return current === root;
}

/** `object` rendered as cdk8s renders it, or the error rendering threw. */
function renderObject(object: ApiObject): RenderedObject {
  try {
    return { object, document: object.toJson() };
  } catch (e) {
    return { object, error: e instanceof Error ? e : new Error(String(e)) };
  }
}
