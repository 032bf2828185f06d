import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { AmiSelection, CapacityType, Ec2NodeClass, NodePool, Requirement } from '../../src';

/** A pool of t3.nano Spot nodes and a Deployment that needs 8 CPUs and 64 GiB placed on it: no node fits. */
export function buildUnschedulableApp(): App {
  const app = new App();
  const chart = new Chart(app, 'batch', { namespace: 'batch' });
  const nodeClass = new Ec2NodeClass(chart, 'Nodes', {
    metadata: { name: 'batch' },
    amiSelection: AmiSelection.al2023('v20250715'),
    role: 'KarpenterNodeRole-my-cluster',
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
  });
  const pool = new NodePool(chart, 'Tiny', {
    metadata: { name: 'tiny' },
    nodeClass,
    limits: { cpu: kplus.Cpu.units(16), memory: Size.gibibytes(32) },
    requirements: [Requirement.capacityType(CapacityType.SPOT), Requirement.instanceFamily('t3'), Requirement.instanceSize('nano')],
  });
  const job = new kplus.Deployment(chart, 'Crunch', {
    containers: [{ image: 'public.ecr.aws/docker/library/busybox:1.37', resources: { cpu: { request: kplus.Cpu.units(8) }, memory: { request: Size.gibibytes(64) } } }],
  });
  pool.schedule(job);
  return app;
}
