import * as crypto from 'crypto';
import { Names, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct, IConstruct } from 'constructs';
import { K6Script } from './k6-script';
import { checkScriptFile, readLocalScript } from './script-checks';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import {
  checkAnnotations, checkDnsLabel, checkFactoryValue, checkInteger, checkLabels, checkLabelValue, checkObjectName, checkOneOf, checkPattern,
  checkQualifiedName, INT32_MAX,
} from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { K6_RULES } from '../core/rules';
import { namespaceOf } from '../core/service-refs';
import { beforeConstruct } from '../core/stand-in';
import { checkCpu, checkSize, toQuantity } from '../core/units';
import { addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** The non-root user the grafana/k6 image runs as. */
const K6_USER = 12345;

/** See TestRun.DEFAULT_IMAGE. */
const DEFAULT_IMAGE = 'grafana/k6:2.3.0';

/** See TestRun.TEST_NAME_LABEL. */
const TEST_NAME_LABEL = 'k6_test';

/**
 * How a TestRun is named, which decides when GitOps re-runs it.
 *
 * The k6-operator runs a TestRun once, when the object is created. Applying the same object again
 * (kubectl apply, an Argo CD sync) finds it unchanged and runs nothing, and changing only the script
 * ConfigMap does not restart it either.
 */
export class TestRunNaming {
  /**
   * The name as given. The test runs when first applied; to run it again, delete the TestRun
   * (`kubectl delete testrun <name>`) and sync. Runner pods carry `k6_cr=<name>`.
   */
  public static stableName(): TestRunNaming {
    return new TestRunNaming(false, undefined);
  }

  /**
   * `<name>-<hash>`, where the hash covers the spec, the script content (for `K6Script.fromFile`)
   * and `runId`. Any change to the test, or a new `runId` (e.g. a CI build number), yields a new
   * object that the operator runs; GitOps prunes the previous one. Runner pods keep the fixed label
   * `k6_test=<name>`, so `kubectl logs -l k6_test=<name>` works across runs.
   *
   * @param runId extra input to the hash, to re-run an unchanged test
   */
  public static contentHash(runId?: string): TestRunNaming {
    return new TestRunNaming(true, runId);
  }

  private constructor(
    /** Whether a content hash is appended to the name. */
    public readonly hashed: boolean,
    /** Extra hash input. */
    public readonly runId: string | undefined) {}
}

/** A toleration for the runner pods (e.g. for a dedicated load-test NodePool, R-17). */
export interface K6Toleration {
  /** Taint key. */
  readonly key: string;

  /**
   * Taint value; when omitted the toleration matches any value (operator Exists).
   *
   * @default - any value
   */
  readonly value?: string;

  /**
   * Taint effect.
   *
   * @default - every effect
   */
  readonly effect?: kplus.TaintEffect;
}

/** Settings of the k6 runner pods (the initializer pod inherits them). */
export interface K6RunnerOptions {
  /**
   * k6 image; must carry a tag other than `latest` or a digest.
   *
   * @default TestRun.DEFAULT_IMAGE
   */
  readonly image?: string;

  /**
   * CPU and memory of each runner. Size them explicitly: the load generator must not be the bottleneck.
   *
   * @default - none
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Node labels the runners must run on.
   *
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Tolerations, e.g. for a tainted load-test NodePool.
   *
   * @default - none
   */
  readonly tolerations?: K6Toleration[];

  /**
   * Extra labels of the runner pods.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Extra annotations of the runner pods.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };

  /**
   * Environment variables (`__ENV` in the script). Do not put secrets here.
   *
   * @default - none
   */
  readonly env?: { [name: string]: string };

  /**
   * Service account of the runner pods.
   *
   * @default - the namespace's default service account, without a mounted token
   */
  readonly serviceAccountName?: string;

  /**
   * Annotate runner pods with `karpenter.sh/do-not-disrupt: "true"` so Karpenter consolidation
   * does not evict a test midway.
   *
   * @default true
   */
  readonly doNotDisrupt?: boolean;

  /**
   * User id the k6 containers run as.
   *
   * @default 12345 (the grafana/k6 image's user)
   */
  readonly runAsUser?: number;
}

/** Properties of a TestRun. */
export interface TestRunProps extends CustomResourceProps {
  /** The k6 script. */
  readonly script: K6Script;

  /**
   * Number of runner pods the test is split across; at most the script's VUs (K6-06).
   *
   * @default 1
   */
  readonly parallelism?: number;

  /**
   * Extra k6 CLI arguments, one element per argument, passed verbatim (`spec.args`, k6-operator >= 1.6).
   *
   * @default - none
   */
  readonly args?: string[];

  /**
   * Run every runner on a different node (pod anti-affinity on the hostname).
   *
   * @default false
   */
  readonly separate?: boolean;

  /**
   * Pass `--quiet` to k6 (hides the progress bar in the runner logs).
   *
   * @default - the operator's default (quiet)
   */
  readonly quiet?: boolean;

  /**
   * Delete the test's resources when it finishes (`cleanup: post`): k6-operator deletes the runner,
   * initializer and starter jobs and the TestRun object itself, so applying the same manifest again runs
   * the test again.
   *
   * @default true
   */
  readonly cleanup?: boolean;

  /**
   * Runner pod settings.
   *
   * @default - pinned image, restricted security context, do-not-disrupt annotation
   */
  readonly runner?: K6RunnerOptions;

  /**
   * Naming scheme; decides whether re-synthesizing re-runs the test under GitOps.
   *
   * @default TestRunNaming.stableName()
   */
  readonly naming?: TestRunNaming;
}

/** Longest TestRun name that keeps the operator's derived names (`<name>-service-<n>`, `<name>-initializer`) within 63 characters. */
const MAX_NAME = 51;

/**
 * A k6-operator TestRun (k6.io/v1alpha1): a distributed k6 load test.
 *
 * Secure and reliable by default: a pinned k6 image, a restricted security context and no service
 * account token on the runner, initializer and starter pods, `karpenter.sh/do-not-disrupt` on the
 * runners, and `cleanup: post`.
 *
 * Re-runs under GitOps: a TestRun runs once, when created. With the default `TestRunNaming.stableName()`
 * re-applying it does nothing; delete it to run again. With `TestRunNaming.contentHash()` the name
 * ends in a hash of the test, so every change (or a new `runId`) creates a new TestRun that runs,
 * while the runner pods keep the stable label `k6_test=<name>`.
 */
export class TestRun extends CustomResource {
  /**
   * The k6 image used when none is given: pinned, never `latest` (K6-10). The k6-operator's own
   * default is `grafana/k6:latest`, which changes the load generator between two runs of the same test.
   */
  public static readonly DEFAULT_IMAGE = DEFAULT_IMAGE;

  /** Label on the TestRun and its runner pods that stays the same across content-hash names. */
  public static readonly TEST_NAME_LABEL = TEST_NAME_LABEL;

  /** The ConfigMap holding the script, when it comes from a local file. */
  public readonly scriptConfigMap?: kplus.ConfigMap;
  /** The name before any content hash; the value of the `k6_test` label. */
  public readonly testName: string;

  private readonly settings: TestRunProps;

  constructor(scope: Construct, id: string, props: TestRunProps) {
    checkProps(scope, id, 'TestRunProps', props);
    const naming = props.naming ?? TestRunNaming.stableName();
    // the name is checked and hashed before the object exists: ApiObject fixes it in its constructor
    const { testName, name, scriptContent } = beforeConstruct(scope, id, standIn => nameTestRun(standIn, props, naming));
    super(scope, id, { apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', resourceType: 'testruns' }, {
      metadata: {
        ...props.metadata,
        name,
        labels: naming.hashed ? { ...props.metadata?.labels, [TEST_NAME_LABEL]: testName } : props.metadata?.labels,
      },
    });
    this.settings = props;
    this.testName = testName;
    if (scriptContent !== undefined) {
      this.warnOnParallelismAboveVus(scriptContent);
      this.scriptConfigMap = new kplus.ConfigMap(this, 'Script', {
        metadata: { name: `${testName}-script`, namespace: props.metadata?.namespace },
        data: { [props.script.file]: scriptContent },
      });
      // the script is applied before the TestRun that reads it
      this.node.addDependency(this.scriptConfigMap);
    }
    addSynthValidation(this, () => this.validateScriptSource());
  }

  protected renderSpec(): unknown {
    return renderTestRunSpec(this.settings, this.testName, quantity => quantity);
  }

  /** a.12 #11: the script ConfigMap lives in the TestRun's namespace and holds the file. */
  private validateScriptSource(): string[] {
    const s = this.settings.script;
    const source = s.configMap ?? s.volumeClaim;
    if (!source || !(source instanceof kplus.Resource)) return [];
    const errors: string[] = [];
    const namespace = this.metadata.namespace;
    if (namespaceOf(source) !== namespace) {
      errors.push(invalidInputMessage(this, K6_RULES['K6-19'], 'script', source.name,
        `must be in the TestRun's namespace ${JSON.stringify(namespace ?? '(unset)')}, not ${JSON.stringify(namespaceOf(source) ?? '(unset)')}`));
    }
    if (source instanceof kplus.ConfigMap && source.data[s.file] === undefined && source.binaryData[s.file] === undefined) {
      const keys = [...Object.keys(source.data), ...Object.keys(source.binaryData)];
      errors.push(invalidInputMessage(this, K6_RULES['K6-20'], 'script.file', s.file,
        `must be a key of ConfigMap "${source.name}" (its keys: ${keys.length ? keys.join(', ') : 'none'})`));
    }
    return errors;
  }

  /** K6-06 is only detectable in the script; warn when its VU counts are all below the parallelism. */
  private warnOnParallelismAboveVus(script: string): void {
    const parallelism = this.settings.parallelism ?? 1;
    const vus = [...script.matchAll(/\b(?:vus|maxVUs|target|preAllocatedVUs)\s*:\s*(\d+)/g)].map(m => Number(m[1]));
    if (vus.length > 0 && Math.max(...vus) < parallelism) {
      addWarning(this, K6_RULES['K6-06'], `parallelism ${parallelism} exceeds the script's largest VU count ${Math.max(...vus)}; the operator fails with "number of instances > number of VUs"`);
    }
  }
}

/** The names of a TestRun and its script, checked: `standIn` has the TestRun's construct path. */
function nameTestRun(standIn: Construct, props: TestRunProps, naming: TestRunNaming): { testName: string; name: string; scriptContent?: string } {
  checkFactoryValue(standIn, 'naming', props.naming, TestRunNaming);
  checkFactoryValue(standIn, 'script', props.script, K6Script);
  const testName = props.metadata?.name ?? Names.toDnsLabel(standIn, { maxLen: naming.hashed ? MAX_NAME - 9 : MAX_NAME });
  checkTestRunProps(standIn, props, testName);
  const scriptContent = props.script.localPath !== undefined ? readLocalScript(standIn, props.script.localPath) : undefined;
  if (!naming.hashed) return { testName, name: testName, scriptContent };
  // the hash input keeps the form it had when quantities were L1 objects ({ value }), so names do not change
  const spec = renderTestRunSpec(props, testName, value => ({ value }));
  const hash = crypto.createHash('sha256')
    .update(JSON.stringify({ spec, script: scriptContent ?? null, runId: naming.runId ?? null }))
    .digest('hex').slice(0, 8);
  return { testName, name: `${testName}-${hash}`, scriptContent };
}

function checkTestRunProps(scope: IConstruct, p: TestRunProps, testName: string): void {
  const r = p.runner ?? {};
  checkDnsLabel(scope, 'metadata.name', p.metadata?.name);
  if (testName.length > MAX_NAME - ((p.naming?.hashed) ? 9 : 0)) {
    throw invalidInput(scope, K6_RULES['K6-15'], 'metadata.name', testName, `must be at most ${MAX_NAME - (p.naming?.hashed ? 9 : 0)} characters: the operator derives job and Service names from it${p.naming?.hashed ? ' and a 9-character hash is appended' : ''}`);
  }
  checkScriptFile(scope, p.script);
  // k6-operator's TestRunSpec.Parallelism is an int32
  checkInteger(scope, K6_RULES['K6-02'], 'parallelism', p.parallelism, 1, INT32_MAX);
  checkScriptSourceName(scope, p.script);
  p.args?.forEach((a, i) => {
    if (a.trim().length === 0) throw invalidInput(scope, K6_RULES['K6-05'], `args[${i}]`, a, 'must not be empty');
  });
  if (p.args?.length && !p.args[0].startsWith('-')) {
    throw invalidInput(scope, K6_RULES['K6-05'], 'args[0]', p.args[0], 'must be a flag starting with "-": the script is passed by the operator, and a stray positional argument fails the run');
  }
  checkK6Image(scope, 'runner.image', r.image);
  checkLabels(scope, 'runner.nodeSelector', r.nodeSelector);
  checkLabels(scope, 'runner.labels', r.labels);
  checkAnnotations(scope, 'runner.annotations', r.annotations);
  // the pod's runAsUser and runAsGroup: Kubernetes takes user ids from 0 to 2147483647
  checkInteger(scope, K6_RULES['K6-16'], 'runner.runAsUser', r.runAsUser, 1, INT32_MAX);
  checkDnsLabel(scope, 'runner.serviceAccountName', r.serviceAccountName);
  r.tolerations?.forEach((t, i) => {
    checkQualifiedName(scope, `runner.tolerations[${i}].key`, t.key);
    // with operator Equal, Kubernetes requires a label value
    if (t.value !== undefined) checkLabelValue(scope, `runner.tolerations[${i}].value`, t.value);
    checkOneOf(scope, K6_RULES['K6-21'], `runner.tolerations[${i}].effect`, t.effect, Object.values(kplus.TaintEffect));
  });
  checkRunnerResources(scope, r.resources);
  Object.keys(r.env ?? {}).forEach(k => checkPattern(scope, K6_RULES['K6-17'], 'runner.env', k, /^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'names must be C identifiers (letters, digits, "_", ".", "-"), not starting with a digit'));
  if (r.labels?.k6_cr !== undefined || r.labels?.app !== undefined || r.labels?.runner !== undefined) {
    throw invalidInput(scope, K6_RULES['K6-18'], 'runner.labels', r.labels, 'must not set "app", "k6_cr" or "runner": the operator owns them and ignores overrides');
  }
}

/** The spec; `quantity` renders a resource quantity (the manifest takes the string itself). */
function renderTestRunSpec(p: TestRunProps, testName: string, quantity: (value: string) => unknown): { [key: string]: unknown } {
  const r = p.runner ?? {};
  const podSecurity = {
    runAsNonRoot: true,
    runAsUser: r.runAsUser ?? K6_USER,
    runAsGroup: r.runAsUser ?? K6_USER,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const containerSecurity = { allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] } };
  const annotations = { ...(r.doNotDisrupt ?? true ? { 'karpenter.sh/do-not-disrupt': 'true' } : {}), ...r.annotations };
  const labels = { ...(p.naming?.hashed ? { [TEST_NAME_LABEL]: testName } : {}), ...r.labels };
  return {
    script: renderScript(p.script, testName),
    parallelism: p.parallelism ?? 1,
    args: p.args,
    separate: p.separate,
    quiet: p.quiet === undefined ? undefined : String(p.quiet),
    cleanup: p.cleanup ?? true ? 'post' : undefined,
    runner: {
      image: r.image ?? DEFAULT_IMAGE,
      metadata: { labels: nonEmpty(labels), annotations: nonEmpty(annotations) },
      resources: renderResources(r.resources, quantity),
      nodeSelector: r.nodeSelector,
      tolerations: r.tolerations?.map(t => ({ key: t.key, operator: t.value === undefined ? 'Exists' : 'Equal', value: t.value, effect: t.effect })),
      env: r.env && Object.entries(r.env).map(([name, value]) => ({ name, value })),
      serviceAccountName: r.serviceAccountName,
      automountServiceAccountToken: 'false',
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity,
    },
    starter: {
      automountServiceAccountToken: 'false',
      securityContext: podSecurity,
      containerSecurityContext: containerSecurity,
    },
  };
}

function renderScript(s: K6Script, testName: string): { [source: string]: unknown } {
  if (s.volumeClaim) return { volumeClaim: { name: s.volumeClaim.name, file: s.file, readOnly: s.readOnly || undefined } };
  const configMapName = s.configMap?.name ?? `${testName}-script`;
  return { configMap: { name: configMapName, file: s.file } };
}

/** A path component of an image repository (distribution/reference): lower-case alphanumerics joined by ".", "_", "__" or dashes. */
const IMAGE_PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A registry host with an optional port: DNS labels, or a bracketed IPv6 address. */
const IMAGE_REGISTRY = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
const IMAGE_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/**
 * Whether `image` is a reference the container runtime parses (distribution/reference): `[registry/]path[:tag][@digest]`,
 * where the first component is a registry only when it holds a "." or a ":" or is `localhost`.
 */
function isImageReference(image: string): boolean {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
  const name = tag !== undefined ? named.slice(0, colon) : named;
  const parts = name.split('/');
  const registry = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost') ? parts.shift()! : undefined;
  return name.length <= 255
    && (registry === undefined || IMAGE_REGISTRY.test(registry))
    && parts.every(p => IMAGE_PATH_COMPONENT.test(p))
    && (tag === undefined || IMAGE_TAG.test(tag))
    && (digest === undefined || IMAGE_DIGEST.test(digest));
}

/** Rejects malformed, untagged and `latest` images (K6-10, S-13). */
function checkK6Image(scope: IConstruct, field: string, image: string | undefined): void {
  if (image === undefined) return;
  const digest = /@sha256:[0-9a-f]{64}$/.test(image);
  const lastSegment = image.replace(/@.*$/, '').split('/').pop() ?? '';
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
  if (!isImageReference(image)) {
    throw invalidInput(scope, K6_RULES['K6-10'], field, image,
      'must be an image reference "[registry/]repository:tag" or "...@sha256:<digest>": lower-case path components of letters, digits, ".", "_" and "-" (e.g. "grafana/k6:2.3.0")');
  }
  if (!digest && (tag === undefined || tag === 'latest')) {
    throw invalidInput(scope, K6_RULES['K6-10'], field, image, 'must be pinned to a tag other than "latest" or to a digest (e.g. "grafana/k6:2.3.0")');
  }
}

/** The ConfigMap or volume claim holding the script is referenced by name, which must be an object name (GEN-04). */
function checkScriptSourceName(scope: IConstruct, script: K6Script): void {
  if (script.configMap) checkObjectName(scope, 'script.configMap.name', script.configMap.name);
  if (script.volumeClaim) checkObjectName(scope, 'script.volumeClaim.name', script.volumeClaim.name);
}

/** The runners' requests and limits: quantities Kubernetes can parse (GEN-71). */
function checkRunnerResources(scope: IConstruct, resources: kplus.ContainerResources | undefined): void {
  if (!resources) return;
  checkCpu(scope, 'runner.resources.cpu.request', resources.cpu?.request);
  checkCpu(scope, 'runner.resources.cpu.limit', resources.cpu?.limit);
  checkSize(scope, 'runner.resources.memory.request', resources.memory?.request);
  checkSize(scope, 'runner.resources.memory.limit', resources.memory?.limit);
  checkSize(scope, 'runner.resources.ephemeralStorage.request', resources.ephemeralStorage?.request);
  checkSize(scope, 'runner.resources.ephemeralStorage.limit', resources.ephemeralStorage?.limit);
  const kib = (s: Size | undefined) => s?.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  const pairs: Array<[string, number | undefined, number | undefined, string | undefined]> = [
    ['cpu', cpuMillis(resources.cpu?.request), cpuMillis(resources.cpu?.limit), resources.cpu?.request?.amount],
    ['memory', kib(resources.memory?.request), kib(resources.memory?.limit), resources.memory?.request && toQuantity(resources.memory.request)],
    ['ephemeralStorage', kib(resources.ephemeralStorage?.request), kib(resources.ephemeralStorage?.limit),
      resources.ephemeralStorage?.request && toQuantity(resources.ephemeralStorage.request)],
  ];
  for (const [name, request, limit, shown] of pairs) {
    if (request !== undefined && limit !== undefined && request > limit) {
      throw invalidInput(scope, K6_RULES['K6-22'], `runner.resources.${name}.request`, shown, `must not exceed the ${name} limit; Kubernetes refuses the runner pods`);
    }
  }
}

/** A CPU quantity in millicores ("250m", "2", "1e3"), once `checkCpu` has accepted it. */
function cpuMillis(cpu: kplus.Cpu | undefined): number | undefined {
  if (cpu === undefined) return undefined;
  return cpu.amount.endsWith('m') ? Number(cpu.amount.slice(0, -1)) : Number(cpu.amount) * 1000;
}

function renderResources(resources: kplus.ContainerResources | undefined,
  quantity: (value: string) => unknown): { [key: string]: unknown } | undefined {
  if (!resources) return undefined;
  const requests: { [key: string]: unknown } = {};
  const limits: { [key: string]: unknown } = {};
  const put = (name: string, request?: string, limit?: string) => {
    if (request) requests[name] = quantity(request);
    if (limit) limits[name] = quantity(limit);
  };
  put('cpu', resources.cpu?.request?.amount, resources.cpu?.limit?.amount);
  put('memory', resources.memory?.request && toQuantity(resources.memory.request), resources.memory?.limit && toQuantity(resources.memory.limit));
  put('ephemeral-storage', resources.ephemeralStorage?.request && toQuantity(resources.ephemeralStorage.request),
    resources.ephemeralStorage?.limit && toQuantity(resources.ephemeralStorage.limit));
  return { requests: nonEmpty(requests), limits: nonEmpty(limits) };
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length > 0 ? o : undefined;
}
