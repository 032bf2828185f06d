// Internal: the checks of an EC2NodeClass's AMI, identity, selector terms, tags and network options.
import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AmiFamily, AmiSelection } from './ami-selection';
import { CapacityReservationSelectorTerm, InstanceMatchCriteria } from './capacity-reservation';
import {
  ConnectionTracking, NetworkInterface, NetworkInterfaceType, PlacementGroupSelector, SecurityGroupSelectorTerm, SubnetSelectorTerm,
} from './ec2-networking';
import { isAwsCdkToken } from '../core/aws-tokens';
import { checkFactoryValue, checkInteger, checkPattern, INT32_MAX } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KARPENTER_RULES, Rule } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { toWholeSeconds } from '../core/units';
import { addWarning } from '../core/warnings';

/** `spec.connectionTracking` of the EC2NodeClass CRD: timeouts in whole seconds. */
export interface ConnectionTrackingJson {
  /** @default - not written (EC2's default: 350 seconds on Nitro v6 types, 5 days on the others) */
  readonly tcpEstablishedTimeout?: number;
  /** @default - not written (EC2's default, 180 seconds) */
  readonly udpStreamTimeout?: number;
  /** @default - not written (EC2's default, 30 seconds) */
  readonly udpTimeout?: number;
}

const ALIAS_FAMILIES = [
  AmiFamily.AL2, AmiFamily.AL2023, AmiFamily.BOTTLEROCKET, AmiFamily.WINDOWS_2019, AmiFamily.WINDOWS_2022, AmiFamily.WINDOWS_2025,
];

// Karpenter's RestrictedTagPatterns and the CRD's tag CEL rules.
const RESTRICTED_TAGS: Array<[RegExp, string]> = [
  [/^kubernetes\.io\/cluster/, 'kubernetes.io/cluster/'],
  [/^eks:eks-cluster-name$/, 'eks:eks-cluster-name'],
  [/^karpenter\.sh\/nodepool$/, 'karpenter.sh/nodepool'],
  [/^karpenter\.sh\/nodeclaim$/, 'karpenter.sh/nodeclaim'],
  [/^karpenter\.k8s\.aws\/ec2nodeclass$/, 'karpenter.k8s.aws/ec2nodeclass'],
];

/** Checks the AMI selection against `amiFamily` and returns the family the nodes boot. */
export function checkAmi(scope: IConstruct, selection: AmiSelection, amiFamily: AmiFamily | undefined): AmiFamily {
  checkFactoryValue(scope, 'amiSelection', selection, AmiSelection);
  checkFactoryValue(scope, 'amiFamily', amiFamily, AmiFamily);
  const { aliasValue: alias, selectorTerms: terms } = selection;
  if (alias !== undefined) {
    const [familyName, version] = alias.split('@');
    if (!/^[a-zA-Z0-9]+@.+$/.test(alias)) {
      throw invalidInput(scope, KARPENTER_RULES['EC-38'], 'amiSelectorTerms[0].alias', alias, 'must have the format family@version, e.g. al2023@latest');
    }
    const family = ALIAS_FAMILIES.find(f => f.aliasName === familyName);
    if (!family) {
      throw invalidInput(scope, KARPENTER_RULES['EC-03'], 'amiSelectorTerms[0].alias', alias, `family must be one of ${ALIAS_FAMILIES.map(f => f.aliasName).join(', ')}`);
    }
    if (alias.length > 30) throw invalidInput(scope, KARPENTER_RULES['EC-05'], 'amiSelectorTerms[0].alias', alias, 'must be at most 30 characters');
    if (family.isWindows && version !== 'latest') {
      throw invalidInput(scope, KARPENTER_RULES['EC-04'], 'amiSelectorTerms[0].alias', alias, 'Windows families may only use version latest');
    }
    if (version !== 'latest' && !/^v?\d+(\.\d+)*$/.test(version)) {
      throw invalidInput(scope, KARPENTER_RULES['EC-39'], 'amiSelectorTerms[0].alias', alias, 'version must be latest or a release such as v20240807 (Amazon Linux) or v1.20.3 (Bottlerocket)');
    }
    if (amiFamily && amiFamily !== family && amiFamily !== AmiFamily.CUSTOM) {
      throw invalidInput(scope, KARPENTER_RULES['EC-40'], 'amiFamily', amiFamily.value, `must be ${family.value} or Custom with alias ${alias}, or unset`);
    }
    if (version === 'latest' && !family.isWindows) {
      addWarning(scope, KARPENTER_RULES['EC-31'], `uses AMI alias ${alias}: every new AMI release drifts and replaces all nodes; pin a version in production and roll it out with a Drifted disruption budget`);
    }
    if (family === AmiFamily.AL2) {
      addWarning(scope, KARPENTER_RULES['EC-41'], 'uses Amazon Linux 2, which has no EKS-optimized AMIs for Kubernetes 1.33 and later; prefer al2023 or bottlerocket');
    }
    return amiFamily ?? family;
  }
  const list = terms ?? [];
  if (list.length < 1 || list.length > 30) throw invalidInput(scope, KARPENTER_RULES['EC-01'], 'amiSelectorTerms', list.length, 'must have 1 to 30 terms');
  list.forEach((term, i) => {
    const field = `amiSelectorTerms[${i}]`;
    const set = ['id', 'name', 'owner', 'tags', 'ssmParameter'].filter(k => (term as any)[k] !== undefined);
    if (!term.id && !term.name && !term.tags && !term.ssmParameter) {
      throw invalidInput(scope, KARPENTER_RULES['EC-08'], field, term, 'must select by at least one of id, name, tags or ssmParameter');
    }
    if (term.id !== undefined) {
      if (set.some(k => k !== 'id' && k !== 'ssmParameter')) throw invalidInput(scope, KARPENTER_RULES['EC-42'], field, term, 'id must stand alone in its term (no name, owner or tags)');
      if (!isAwsCdkToken(term.id)) checkPattern(scope, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^ami-[0-9a-z]+$/, 'must be an AMI id such as ami-0123456789abcdef0');
    }
    checkSelectorTags(scope, term.tags, `${field}.tags`);
  });
  if (!amiFamily) {
    throw invalidInput(scope, KARPENTER_RULES['EC-09'], 'amiFamily', undefined, 'must be set when the AMI is selected by terms instead of an alias (it decides the user-data format)');
  }
  return amiFamily;
}

/** Exactly one of the node role and the instance profile, neither empty. */
export function checkIdentity(scope: IConstruct, role: string | undefined, instanceProfile: string | undefined): void {
  if ((role === undefined) === (instanceProfile === undefined)) {
    throw invalidInput(scope, KARPENTER_RULES['EC-12'], 'role/instanceProfile', { role, instanceProfile }, 'exactly one of role and instanceProfile must be set');
  }
  if (role === '') throw invalidInput(scope, KARPENTER_RULES['EC-12'], 'role', '', 'must not be empty');
  if (instanceProfile === '') throw invalidInput(scope, KARPENTER_RULES['EC-12'], 'instanceProfile', '', 'must not be empty');
  if (role !== undefined && !isUnresolvedToken(role) && !IAM_ROLE_NAME.test(role) && !IAM_ROLE_ARN.test(role)) {
    throw invalidInput(scope, KARPENTER_RULES['EC-68'], 'role', role, 'must be an IAM role name (at most 64 letters, digits and +=,.@_-) or a role ARN, e.g. KarpenterNodeRole-my-cluster');
  }
  if (instanceProfile !== undefined && !isUnresolvedToken(instanceProfile) && !IAM_INSTANCE_PROFILE_NAME.test(instanceProfile)) {
    throw invalidInput(scope, KARPENTER_RULES['EC-68'], 'instanceProfile', instanceProfile, 'must be an IAM instance profile name: at most 128 letters, digits and +=,.@_-');
  }
}

// IAM name requirements (IAM User Guide, "IAM object quotas" and the CreateRole/CreateInstanceProfile API). The fields
// have no CRD pattern, so a value that is one deploy-time placeholder (`${KARPENTER_ROLE}` for envsubst) passes; ids
// with a CRD pattern (subnet-, sg-, ...) skip their check for AWS CDK tokens only, as the schema rejects any other `${...}`.
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const IAM_INSTANCE_PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;

function checkSelectorTags(scope: IConstruct, tags: { [key: string]: string } | undefined, field: string): void {
  if (tags === undefined) return;
  const entries = Object.entries(tags);
  if (entries.length === 0 || entries.length > 20) throw invalidInput(scope, KARPENTER_RULES['EC-16'], field, tags, 'must have 1 to 20 tags');
  for (const [k, v] of entries) {
    if (k === '' || v === '') throw invalidInput(scope, KARPENTER_RULES['EC-16'], field, { [k]: v }, 'empty tag keys or values are not supported');
  }
}

function checkTermList(scope: IConstruct, terms: unknown[], rule: Rule, field: string): void {
  if (terms.length < 1 || terms.length > 30) throw invalidInput(scope, rule, field, terms.length, 'must have 1 to 30 terms');
}

export function checkSubnets(scope: IConstruct, terms: SubnetSelectorTerm[]): void {
  checkTermList(scope, terms, KARPENTER_RULES['EC-13'], 'subnetSelectorTerms');
  terms.forEach((term, i) => {
    const field = `subnetSelectorTerms[${i}]`;
    if ((term.id === undefined) === (term.tags === undefined)) throw invalidInput(scope, KARPENTER_RULES['EC-46'], field, term, 'must select by exactly one of id or tags');
    if (term.id !== undefined && !isAwsCdkToken(term.id)) checkPattern(scope, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^subnet-[0-9a-z]+$/, 'must be a subnet id such as subnet-0123456789abcdef0');
    checkSelectorTags(scope, term.tags, `${field}.tags`);
  });
}

export function checkSecurityGroups(scope: IConstruct, terms: SecurityGroupSelectorTerm[]): void {
  checkTermList(scope, terms, KARPENTER_RULES['EC-15'], 'securityGroupSelectorTerms');
  terms.forEach((term, i) => {
    const field = `securityGroupSelectorTerms[${i}]`;
    const count = [term.id, term.name, term.tags].filter(x => x !== undefined).length;
    if (count !== 1) throw invalidInput(scope, KARPENTER_RULES['EC-15'], field, term, 'must select by exactly one of id, name or tags');
    if (term.id !== undefined && !isAwsCdkToken(term.id)) checkPattern(scope, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^sg-[0-9a-z]+$/, 'must be a security group id such as sg-0123456789abcdef0');
    if (term.name === '') throw invalidInput(scope, KARPENTER_RULES['EC-52'], `${field}.name`, '', 'must not be empty');
    checkSelectorTags(scope, term.tags, `${field}.tags`);
  });
}

/** The tags of the instances: none of Karpenter's or AWS's reserved keys, within EC2's lengths. */
export function checkTags(scope: IConstruct, tags: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (key === '') throw invalidInput(scope, KARPENTER_RULES['EC-17'], 'tags key', key, 'must not be empty');
    const restricted = RESTRICTED_TAGS.find(([pattern]) => pattern.test(key));
    if (restricted) throw invalidInput(scope, KARPENTER_RULES['EC-17'], 'tags key', key, `must not match the restricted tag ${restricted[1]}: Karpenter sets it`);
    if (/^aws:/i.test(key)) throw invalidInput(scope, KARPENTER_RULES['EC-47'], 'tags key', key, 'must not start with "aws:", which AWS reserves');
    if (key.length > 128) throw invalidInput(scope, KARPENTER_RULES['EC-47'], 'tags key', key, 'must be at most 128 characters');
    if (value.length > 256) throw invalidInput(scope, KARPENTER_RULES['EC-47'], `tags[${JSON.stringify(key)}]`, value, 'must be at most 256 characters');
  }
}

export function checkCapacityReservations(scope: IConstruct, terms: CapacityReservationSelectorTerm[] | undefined): void {
  if (terms === undefined) return;
  if (terms.length > 30) throw invalidInput(scope, KARPENTER_RULES['EC-48'], 'capacityReservationSelectorTerms', terms.length, 'must have at most 30 terms');
  terms.forEach((term, i) => {
    const field = `capacityReservationSelectorTerms[${i}]`;
    checkFactoryValue(scope, `${field}.instanceMatchCriteria`, term.instanceMatchCriteria, InstanceMatchCriteria);
    const shown = { ...term, instanceMatchCriteria: term.instanceMatchCriteria?.value };
    if (term.id === undefined && term.tags === undefined && term.instanceMatchCriteria === undefined) {
      throw invalidInput(scope, KARPENTER_RULES['EC-49'], field, shown, 'must select by at least one of id, tags or instanceMatchCriteria (ownerId only narrows a term)');
    }
    // Stricter than the CRD, whose rule only fires when every term combines id with other fields: Karpenter
    // looks the id up on its own and the other fields up separately, so such a term selects more, not less.
    if (term.id !== undefined && (term.tags !== undefined || term.ownerId !== undefined || term.instanceMatchCriteria !== undefined)) {
      throw invalidInput(scope, KARPENTER_RULES['EC-50'], field, shown, 'id must stand alone in its term (no tags, ownerId or instanceMatchCriteria); put the other fields in a term of their own');
    }
    if (term.id !== undefined && !isAwsCdkToken(term.id)) {
      checkPattern(scope, KARPENTER_RULES['EC-43'], `${field}.id`, term.id, /^cr-[0-9a-z]+$/, 'must be a capacity reservation id such as cr-0123456789abcdef0');
    }
    if (term.ownerId !== undefined && !isAwsCdkToken(term.ownerId)) {
      checkPattern(scope, KARPENTER_RULES['EC-44'], `${field}.ownerId`, term.ownerId, /^[0-9]{12}$/, 'must be a 12-digit AWS account id');
    }
    checkSelectorTags(scope, term.tags, `${field}.tags`);
  });
}

export function checkPlacementGroup(scope: IConstruct, selector: PlacementGroupSelector | undefined): void {
  if (selector === undefined) return;
  if (selector.name === undefined && selector.id === undefined) {
    throw invalidInput(scope, KARPENTER_RULES['EC-51'], 'placementGroupSelector', selector, 'must select by name or by id');
  }
  if (selector.name !== undefined && selector.id !== undefined) {
    throw invalidInput(scope, KARPENTER_RULES['EC-51'], 'placementGroupSelector', selector, 'name and id are mutually exclusive; select by one of them');
  }
  if (selector.name === '') throw invalidInput(scope, KARPENTER_RULES['EC-52'], 'placementGroupSelector.name', '', 'must not be empty');
  if (selector.id !== undefined && !isAwsCdkToken(selector.id)) {
    checkPattern(scope, KARPENTER_RULES['EC-43'], 'placementGroupSelector.id', selector.id, /^pg-[0-9a-z]+$/, 'must be a placement group id such as pg-0123456789abcdef0');
  }
}

/** The interface layout: the primary ENA interface, no card/device pair twice, at most one EFA device per card. */
export function checkNetworkInterfaces(scope: IConstruct, interfaces: NetworkInterface[] | undefined, publicIp: boolean | undefined): void {
  if (interfaces === undefined) return;
  if (interfaces.length > 150) throw invalidInput(scope, KARPENTER_RULES['EC-53'], 'networkInterfaces', interfaces.length, 'must have at most 150 interfaces');
  const describe = (n: NetworkInterface) =>
    ({ networkCardIndex: n.networkCardIndex, deviceIndex: n.deviceIndex, interfaceType: n.interfaceType?.value });
  interfaces.forEach((n, i) => {
    checkInteger(scope, KARPENTER_RULES['EC-54'], `networkInterfaces[${i}].networkCardIndex`, n.networkCardIndex, 0, INT32_MAX);
    checkInteger(scope, KARPENTER_RULES['EC-54'], `networkInterfaces[${i}].deviceIndex`, n.deviceIndex, 0, INT32_MAX);
    const types = [NetworkInterfaceType.INTERFACE, NetworkInterfaceType.EFA_ONLY];
    if (!types.includes(n.interfaceType)) {
      throw invalidInput(scope, KARPENTER_RULES['EC-55'], `networkInterfaces[${i}].interfaceType`, n.interfaceType?.value, 'must be NetworkInterfaceType.INTERFACE or NetworkInterfaceType.EFA_ONLY');
    }
    const same = interfaces.findIndex(o => o.networkCardIndex === n.networkCardIndex && o.deviceIndex === n.deviceIndex);
    if (same < i) {
      throw invalidInput(scope, KARPENTER_RULES['EC-56'], `networkInterfaces[${i}]`, describe(n), `must not repeat the networkCardIndex and deviceIndex of networkInterfaces[${same}]`);
    }
    const efa = interfaces.findIndex(o => o.networkCardIndex === n.networkCardIndex && o.interfaceType === NetworkInterfaceType.EFA_ONLY);
    if (n.interfaceType === NetworkInterfaceType.EFA_ONLY && efa < i) {
      throw invalidInput(scope, KARPENTER_RULES['EC-56'], `networkInterfaces[${i}]`, describe(n), `must not be a second efa-only interface on network card ${n.networkCardIndex} (networkInterfaces[${efa}] is one); a card takes at most one`);
    }
  });
  const primary = interfaces.some(n => n.networkCardIndex === 0 && n.deviceIndex === 0 && n.interfaceType === NetworkInterfaceType.INTERFACE);
  if (interfaces.length > 0 && !primary) {
    throw invalidInput(scope, KARPENTER_RULES['EC-57'], 'networkInterfaces', interfaces.map(describe),
      'must include the primary interface: networkCardIndex 0, deviceIndex 0, interfaceType NetworkInterfaceType.INTERFACE');
  }
  if (publicIp && interfaces.length > 1) {
    addWarning(scope, KARPENTER_RULES['EC-58'], `sets associatePublicIpAddress with ${interfaces.length} network interfaces: EC2 refuses a public IP on instances launched with several interfaces, so every launch fails`);
  }
}

function renderTimeout(scope: IConstruct, field: string, duration: Duration | undefined, min: number, max: number): number | undefined {
  if (duration === undefined) return undefined;
  const seconds = toWholeSeconds(scope, field, duration);
  if (seconds < min || seconds > max) throw invalidInput(scope, KARPENTER_RULES['EC-59'], field, duration.toHumanString(), `must be from ${min} to ${max} seconds`);
  return seconds;
}

/** Checks the connection tracking timeouts and renders them in whole seconds. */
export function renderConnectionTracking(scope: IConstruct, tracking: ConnectionTracking | undefined): ConnectionTrackingJson | undefined {
  if (tracking === undefined) return undefined;
  if (tracking.tcpEstablishedTimeout === undefined && tracking.udpStreamTimeout === undefined && tracking.udpTimeout === undefined) {
    throw invalidInput(scope, KARPENTER_RULES['EC-60'], 'connectionTracking', {}, 'must set at least one of tcpEstablishedTimeout, udpStreamTimeout or udpTimeout');
  }
  return {
    tcpEstablishedTimeout: renderTimeout(scope, 'connectionTracking.tcpEstablishedTimeout', tracking.tcpEstablishedTimeout, 60, 432000),
    udpStreamTimeout: renderTimeout(scope, 'connectionTracking.udpStreamTimeout', tracking.udpStreamTimeout, 60, 180),
    udpTimeout: renderTimeout(scope, 'connectionTracking.udpTimeout', tracking.udpTimeout, 30, 60),
  };
}
