import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { invalidInput } from '../core/errors';
import { GENERAL_RULES, Rule } from '../core/rules';
import { addDocumentCheck, RenderedObject } from '../core/validation';

const EXEMPTION_METADATA_TYPE = 'cdk8s-eks-autoscaling/pod-security-exemption';

/** The user and group ids restricted containers run as unless told otherwise (kube-score asks for >= 10000). */
const DEFAULT_ID = 10001;

/**
 * Options for `PodSecurity.restrictedContainer`.
 */
export interface RestrictedContainerProps extends kplus.ContainerProps {
  /**
   * Mount an emptyDir at /tmp, since the root filesystem is read-only.
   * Applied by `PodSecurity.addRestrictedContainer`.
   *
   * @default true
   */
  readonly writableTmp?: boolean;
}

/**
 * Pod Security Standards "restricted" for cdk8s-plus workloads: helpers that build hardened
 * containers, and a synth-time check that every pod in a scope meets the profile.
 */
export class PodSecurity {
  /**
   * Container props with the restricted profile filled in: non-root with a numeric user and group
   * (10001 unless given), no privilege escalation, all capabilities dropped, RuntimeDefault seccomp
   * and a read-only root filesystem. Anything set in `props` wins.
   */
  public static restrictedContainer(props: kplus.ContainerProps): kplus.ContainerProps {
    // Keys set to undefined must not erase a default (`capabilities: undefined` would keep every capability).
    const given: kplus.ContainerSecurityContextProps = Object.fromEntries(
      Object.entries(props.securityContext ?? {}).filter(([, value]) => value !== undefined));
    return {
      ...props,
      securityContext: {
        ensureNonRoot: true,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        ...given,
        user: given.user ?? DEFAULT_ID,
        group: given.group ?? DEFAULT_ID,
      },
    };
  }

  /**
   * Adds a restricted container to a workload, with a writable emptyDir at /tmp by default.
   */
  public static addRestrictedContainer(workload: kplus.AbstractPod, props: RestrictedContainerProps): kplus.Container {
    const { writableTmp, ...containerProps } = props;
    const container = workload.addContainer(PodSecurity.restrictedContainer(containerProps));
    if (writableTmp ?? true) {
      const id = `tmp-${workload.containers.length}`;
      container.mount('/tmp', kplus.Volume.fromEmptyDir(workload, id, `tmp-${container.name}`));
    }
    return container;
  }

  /**
   * Marks a workload as exempt from `enforceRestricted`, with the reason that has to stand in code
   * next to the exception (a device plugin that needs host paths, an image that must run as root).
   */
  public static exempt(workload: IConstruct, reason: string): void {
    workload.node.addMetadata(EXEMPTION_METADATA_TYPE, reason);
  }

  /**
   * Fails synthesis when any pod template under `scope` (Deployments, StatefulSets, DaemonSets,
   * Jobs, CronJobs, Pods) misses the restricted profile or cpu/memory requests and a memory limit,
   * unless its construct was marked with `PodSecurity.exempt`.
   */
  public static enforceRestricted(scope: IConstruct): void {
    const key = `pod-security ${scope.node.path}`;
    addDocumentCheck(scope, key, () => ({
      selects: object => POD_TEMPLATE_KINDS.has(object.kind) && isWithin(object, scope) && !isExempt(object),
      check: batch => restrictedViolations(batch),
    }));
  }
}

interface PodTemplate {
  readonly spec: any;
  readonly field: string;
}

function podTemplateOf(manifest: any): PodTemplate | undefined {
  switch (manifest?.kind) {
    case 'Pod': return { spec: manifest.spec, field: 'spec' };
    case 'CronJob': return { spec: manifest.spec?.jobTemplate?.spec?.template?.spec, field: 'spec.jobTemplate.spec.template.spec' };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return { spec: manifest.spec?.template?.spec, field: 'spec.template.spec' };
    default: return undefined;
  }
}

function isExempt(construct: IConstruct): boolean {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    if (c.node.metadata.some(m => m.type === EXEMPTION_METADATA_TYPE)) return true;
  }
  return false;
}

/** Kinds with a pod template: only these are read, rendered as cdk8s renders them. */
const POD_TEMPLATE_KINDS: ReadonlySet<string> = new Set(['Pod', 'CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function restrictedViolations(batch: readonly RenderedObject[]): string[] {
  const errors: string[] = [];
  for (const { object, document } of batch) {
    const template = podTemplateOf(document);
    if (!template?.spec) continue;
    errors.push(...podViolations(object.node.scope ?? object, template));
  }
  return errors;
}

function isWithin(construct: IConstruct, scope: IConstruct): boolean {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) if (c === scope) return true;
  return false;
}

function podViolations(owner: IConstruct, template: PodTemplate): string[] {
  const errors: string[] = [];
  const pod = template.spec;
  const podContext = pod.securityContext ?? {};
  const fail = (rule: Rule, field: string, value: unknown, allowed: string) => errors.push(invalidInput(owner, rule, field, value, allowed).message);

  for (const flag of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod[flag]) fail(GENERAL_RULES['GEN-25'], `${template.field}.${flag}`, pod[flag], 'must be unset or false under the restricted profile');
  }
  for (const volume of pod.volumes ?? []) {
    if (volume.hostPath) fail(GENERAL_RULES['GEN-26'], `${template.field}.volumes[${volume.name}].hostPath`, volume.hostPath.path, 'hostPath volumes are not allowed under the restricted profile');
  }

  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of containers) {
    const field = `${template.field}.containers[${container.name}]`;
    const ctx = container.securityContext ?? {};
    const runAsNonRoot = ctx.runAsNonRoot ?? podContext.runAsNonRoot;
    const runAsUser = ctx.runAsUser ?? podContext.runAsUser;
    const seccomp = ctx.seccompProfile?.type ?? podContext.seccompProfile?.type;
    if (runAsNonRoot !== true) fail(GENERAL_RULES['GEN-27'], `${field}.securityContext.runAsNonRoot`, runAsNonRoot, 'must be true');
    if (typeof runAsUser !== 'number' || runAsUser === 0) fail(GENERAL_RULES['GEN-28'], `${field}.securityContext.runAsUser`, runAsUser, 'must be a numeric non-zero user id, so the kubelet can verify runAsNonRoot');
    if (ctx.allowPrivilegeEscalation !== false) fail(GENERAL_RULES['GEN-29'], `${field}.securityContext.allowPrivilegeEscalation`, ctx.allowPrivilegeEscalation, 'must be false');
    if (ctx.privileged) fail(GENERAL_RULES['GEN-30'], `${field}.securityContext.privileged`, ctx.privileged, 'must be false');
    if (!(ctx.capabilities?.drop ?? []).includes('ALL')) fail(GENERAL_RULES['GEN-31'], `${field}.securityContext.capabilities.drop`, ctx.capabilities?.drop, 'must include "ALL"');
    const added = (ctx.capabilities?.add ?? []).filter((c: string) => c !== 'NET_BIND_SERVICE');
    if (added.length > 0) fail(GENERAL_RULES['GEN-32'], `${field}.securityContext.capabilities.add`, added, 'only NET_BIND_SERVICE may be added');
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') fail(GENERAL_RULES['GEN-33'], `${field}.securityContext.seccompProfile.type`, seccomp, 'must be RuntimeDefault or Localhost');
    if (ctx.readOnlyRootFilesystem !== true) fail(GENERAL_RULES['GEN-34'], `${field}.securityContext.readOnlyRootFilesystem`, ctx.readOnlyRootFilesystem, 'must be true; mount an emptyDir where the app writes');
    const resources = container.resources ?? {};
    if (resources.requests?.cpu === undefined) fail(GENERAL_RULES['GEN-35'], `${field}.resources.requests.cpu`, undefined, 'a cpu request is required so the scheduler and autoscalers can size capacity');
    if (resources.requests?.memory === undefined) fail(GENERAL_RULES['GEN-35'], `${field}.resources.requests.memory`, undefined, 'a memory request is required');
    if (resources.limits?.memory === undefined) fail(GENERAL_RULES['GEN-35'], `${field}.resources.limits.memory`, undefined, 'a memory limit is required');
  }
  return errors;
}
