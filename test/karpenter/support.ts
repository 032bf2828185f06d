import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import * as YAML from 'yaml';
import {
  AmiSelection, Arch, CapacityType, Ec2NodeClass, Ec2NodeClassProps, NodeClassReference, NodeLabel, NodePool, NodePoolProps, OperatingSystem,
  Requirement,
} from '../../src/karpenter';
import { expectValidManifests } from '../support/manifest-validator';
import { vendorPath } from '../support/vendor';

/** Runs `fn` and expects it to throw a message containing every fragment (path, field, value, what is allowed). */
export function expectInvalid(fn: () => unknown, ...fragments: string[]): void {
  let message: string | undefined;
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toBeDefined();
  for (const fragment of fragments) expect(message).toContain(fragment);
}

/** The documents of a reference manifest in vendor/manifests/reference. */
export function referenceDocs(relative: string): any[] {
  const file = vendorPath('manifests', 'reference', relative);
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJSON()).filter(d => d);
}

/** The synthesized document of a kind and name. */
export function docOf(docs: any[], kind: string, name?: string): any {
  const found = docs.find(d => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''} in ${docs.map(d => `${d.kind}/${d.metadata?.name}`).join(', ')}`);
  return found;
}

/** A pool shaped like seed 000's, on EKS Auto Mode: labelled and tainted with its name, c/m/r generation > 4, Linux. */
export function autoModeSeedPool(chart: Chart, name: string, archs: Arch[], capacity: CapacityType[], extra: Partial<NodePoolProps> = {}): NodePool {
  return new NodePool(chart, name, {
    metadata: { name },
    nodeClass: NodeClassReference.eksAutoMode(),
    labels: { intent: name },
    taints: [{ key: name, effect: kplus.TaintEffect.NO_SCHEDULE }],
    requirements: [
      Requirement.capacityType(...capacity),
      Requirement.instanceCategory('c', 'm', 'r'),
      NodeLabel.INSTANCE_GENERATION.greaterThan(4),
      Requirement.arch(...archs),
      Requirement.os(OperatingSystem.LINUX),
    ],
    ...extra,
  });
}

/** The discovery tags the base node class selects its subnets and security groups by. */
export const DISCOVERY = { 'karpenter.sh/discovery': 'my-cluster' };

/** The smallest valid EC2NodeClass of the tests: AL2023, a node role, and discovery-tag selectors. */
export const BASE_NODE_CLASS: Ec2NodeClassProps = {
  metadata: { name: 'default' },
  amiSelection: AmiSelection.al2023('v20240807'),
  role: 'KarpenterNodeRole-my-cluster',
  subnetSelectorTerms: [{ tags: DISCOVERY }],
  securityGroupSelectorTerms: [{ tags: DISCOVERY }],
};

/** An Ec2NodeClass with `props` over the base ones, alone in a test chart. */
export function nodeClassIn(props: Partial<Ec2NodeClassProps> = {}): { chart: Chart; nodeClass: Ec2NodeClass } {
  const chart = Testing.chart();
  const created = new Ec2NodeClass(chart, 'Class', { ...BASE_NODE_CLASS, ...props });
  return { chart, nodeClass: created };
}

/** The validated spec of such a node class. */
export function nodeClassSpec(props: Partial<Ec2NodeClassProps> = {}): any {
  const docs = Testing.synth(nodeClassIn(props).chart);
  expectValidManifests(docs);
  return docs[0].spec;
}
