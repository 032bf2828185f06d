import { App, Chart, Testing } from 'cdk8s';
import { isCloser, Match } from './match';
import { describe, Matcher, MatchResult } from './matcher';

/** How many names a message lists before it says "and N more". */
const MAX_LISTED = 10;

/**
 * Kubernetes manifests to assert on in tests: what `Template` of `aws-cdk-lib/assertions` is for
 * CloudFormation, for the documents a cdk8s chart or app synthesizes.
 *
 * Every assertion throws an `Error` that says what it found: the count and names for counts, the
 * closest document and every place it differs for a properties check.
 *
 * @example
 * const manifests = Manifests.fromChart(chart);
 * manifests.resourceCountIs('ScaledObject', 1);
 * manifests.hasResource('Deployment', { metadata: { name: 'web' }, spec: { replicas: Match.absent() } });
 */
export class Manifests {
  /** The documents `Testing.synth(chart)` returns. */
  public static fromChart(chart: Chart): Manifests {
    return new Manifests(Testing.synth(chart));
  }

  /** The documents of every chart of the app, in the order `app.synth()` writes them. */
  public static fromApp(app: App): Manifests {
    const documents = new Map<Chart, any[]>();
    for (const chart of app.charts) documents.set(chart, Testing.synth(chart));
    // Synthesis resolves the dependencies between charts, which decide their order.
    return new Manifests(app.charts.flatMap(chart => documents.get(chart) ?? Testing.synth(chart)));
  }

  /**
   * Documents already synthesized or parsed from YAML. Empty documents (`null`) are skipped.
   */
  public static fromObjects(docs: any[]): Manifests {
    if (!Array.isArray(docs)) throw new Error(`Manifests.fromObjects needs an array of documents, got ${describe(docs)}`);
    docs.forEach((doc, index) => {
      if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
        throw new Error(`Manifests.fromObjects: document ${index} is not an object: ${describe(doc)}`);
      }
    });
    return new Manifests(docs.filter(doc => doc !== null && doc !== undefined));
  }

  private readonly docs: any[];

  private constructor(docs: any[]) {
    this.docs = copy(docs);
  }

  /** A copy of every document. */
  public toJson(): any[] {
    return copy(this.docs);
  }

  /**
   * Asserts how many documents of a kind there are, e.g. `expected 2 ScaledObject, found 1: web/web`.
   *
   * @param apiVersion count only documents of this apiVersion (e.g. `keda.sh/v1alpha1`).
   * @default - any apiVersion
   */
  public resourceCountIs(kind: string, count: number, apiVersion?: string): void {
    const ofKind = this.ofKind(kind);
    const found = apiVersion === undefined ? ofKind : ofKind.filter(doc => doc.apiVersion === apiVersion);
    if (found.length === count) return;
    let message = `expected ${count} ${apiVersion === undefined ? kind : `${apiVersion} ${kind}`}, found ${found.length}`;
    if (found.length > 0) message += `: ${list(found.map(shortName))}`;
    const otherVersions = ofKind.filter(doc => !found.includes(doc));
    if (otherVersions.length > 0) {
      message += ` (and ${otherVersions.length} ${kind} of another apiVersion: ${list(otherVersions.map(doc => `${doc.apiVersion} ${shortName(doc)}`))})`;
    } else if (ofKind.length === 0) {
      message += ` (${this.kindsPresent()})`;
    }
    throw new Error(message);
  }

  /**
   * Asserts that at least one document of the kind matches the properties. Otherwise the error shows the
   * closest one (the most matching values) and every place it differs:
   * `at /spec/template/spec/containers/0/image: expected "x", got "y"`, `missing key /spec/replicas`,
   * `/metadata/labels/app should be absent, but is "web"`.
   *
   * @param props a partial document (plain objects match object-like, deep; arrays exactly unless
   * `Match.arrayWith`) or a matcher for the whole document.
   */
  public hasResource(kind: string, props: any): void {
    const { candidates, matching, failed } = this.match(kind, props);
    if (matching.length > 0) return;
    const wanted = `expected ${article(kind)} ${kind} matching the properties`;
    if (candidates.length === 0) throw new Error(`${wanted}, found no ${kind} (${this.kindsPresent()})`);
    const closest = failed.reduce((best, next) => isCloser(next.result, best.result) ? next : best);
    throw new Error(`${wanted}; none of ${candidates.length} does (${list(candidates.map(shortName))}). `
      + `Closest: ${identity(closest.doc)}\n${indent(closest.result.toHumanStrings())}`);
  }

  /**
   * Asserts that no document of the kind matches the properties, e.g.
   * `expected no Deployment matching the properties, found 1: web/web`.
   *
   * @param props a partial document or a matcher, as for `hasResource`.
   */
  public hasNoResource(kind: string, props: any): void {
    const { matching } = this.match(kind, props);
    if (matching.length === 0) return;
    throw new Error(`expected no ${kind} matching the properties, found ${matching.length}: ${list(matching.map(shortName))}`);
  }

  /**
   * The documents of the kind that match the properties (copies, in document order).
   *
   * @param props a partial document or a matcher, as for `hasResource`.
   * @default - every document of the kind
   */
  public findResources(kind: string, props?: any): any[] {
    if (props === undefined) return copy(this.ofKind(kind));
    return copy(this.match(kind, props).matching);
  }

  /**
   * Asserts that there is at least one document of the kind and that every one matches the
   * properties; the error lists each that does not, with every place it differs.
   *
   * @param props a partial document or a matcher, as for `hasResource`.
   */
  public allResources(kind: string, props: any): void {
    const { candidates, failed } = this.match(kind, props);
    const wanted = `expected every ${kind} to match the properties`;
    if (candidates.length === 0) throw new Error(`${wanted}, found no ${kind} (${this.kindsPresent()})`);
    if (failed.length === 0) return;
    const details = failed.map(({ doc, result }) => `${identity(doc)}\n${indent(result.toHumanStrings())}`);
    throw new Error(`${wanted}; ${failed.length} of ${candidates.length} ${failed.length === 1 ? 'does' : 'do'} not:\n${details.join('\n')}`);
  }

  private ofKind(kind: string): any[] {
    return this.docs.filter(doc => doc.kind === kind);
  }

  private match(kind: string, props: any) {
    const matcher = topLevelMatcher(props);
    const candidates = this.ofKind(kind);
    const matching: any[] = [];
    const failed: Array<{ doc: any; result: MatchResult }> = [];
    for (const doc of candidates) {
      const result = matcher.test(doc);
      result.finished();
      if (result.isSuccess) matching.push(doc);
      else failed.push({ doc, result });
    }
    return { candidates, matching, failed };
  }

  private kindsPresent(): string {
    const kinds = [...new Set(this.docs.map(doc => String(doc.kind)))];
    return kinds.length === 0 ? 'there are no documents' : `kinds present: ${list(kinds)}`;
  }
}

function topLevelMatcher(props: any): Matcher {
  if (Matcher.isMatcher(props)) return props;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    throw new Error(`the properties must be an object or a matcher, got ${describe(props)}`);
  }
  return Match.objectLike(props);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** `namespace/name`, `name` for cluster-scoped documents, `(unnamed)` without a name. */
function shortName(doc: any): string {
  const name = doc.metadata?.name ?? doc.metadata?.generateName ?? '(unnamed)';
  return doc.metadata?.namespace ? `${doc.metadata.namespace}/${name}` : String(name);
}

/** `apiVersion kind namespace/name`, e.g. `apps/v1 Deployment web/web`. */
function identity(doc: any): string {
  return `${doc.apiVersion} ${doc.kind} ${shortName(doc)}`;
}

function list(items: string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function indent(lines: string[]): string {
  return lines.map(line => `  ${line}`).join('\n');
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}
