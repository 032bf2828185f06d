import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { SynthWarnings } from '../../../src';
import { Ec2NodeClass, INodeClass, NodePool, NodePoolProps } from '../../../src/karpenter';

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;

/** An app with one chart `c`, and the EC2NodeClass `default` applied outside it. */
export function newApp(): { app: App; chart: Chart; nodeClass: INodeClass } {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  return { app, chart, nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default') };
}

/** A NodePool named like its id, with a cpu limit unless props set limits. */
export function pool(chart: Chart, id: string, nodeClass: INodeClass, props: Partial<NodePoolProps> = {}): NodePool {
  return new NodePool(chart, id, { metadata: { name: id }, nodeClass, limits: { cpu: kplus.Cpu.units(1000) }, ...props });
}

/** A Deployment with one container requesting `cpu` cores and `memory` bytes. */
export function deployment(chart: Chart, name: string, cpu: number, memory: number, props: Partial<kplus.DeploymentProps> = {}): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    replicas: 1,
    containers: [{
      name: 'main',
      image: 'registry.example.com/app:1',
      securityContext: { user: 10001 },
      resources: { cpu: { request: kplus.Cpu.millis(Math.round(cpu * 1000)) }, memory: { request: Size.kibibytes(memory / 1024) } },
    }],
    ...props,
  });
}

/** A DaemonSet whose one container requests `cpu` cores and `memory` bytes. */
export function daemonSet(chart: Chart, name: string, cpu: number, memory: number): kplus.DaemonSet {
  return new kplus.DaemonSet(chart, name, {
    metadata: { name },
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1',
      securityContext: { user: 10001 },
      resources: { cpu: { request: kplus.Cpu.millis(Math.round(cpu * 1000)) }, memory: { request: Size.kibibytes(memory / 1024) } },
    }],
  });
}

/** The message of the error `app.synth()` throws, or undefined when it synthesizes. */
export function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The unacknowledged warnings of one rule after synth. */
export function warningsOfRule(app: App, ruleId: string): string[] {
  return SynthWarnings.of(app).filter(w => w.endsWith(`(${ruleId})`));
}

/** The lines of a validation error that end with a rule id. */
export function errorLines(message: string | undefined, ruleId: string): string[] {
  return (message ?? '').split('\n').map(l => l.trim()).filter(l => l.endsWith(`(${ruleId})`));
}
