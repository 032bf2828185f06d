/**
 * Measures one pass of the capacity checks on a large app: 50 NodePools and 5,000 Deployments placed on them, with
 * a few DaemonSets and autoscalers. The app check reads rendered pod specs; at synth it shares the renders with the
 * final validation pass, so the renders are timed apart here. Not a test (timings on shared CI cores are noise); run it by hand:
 *
 *   npx ts-node --transpile-only --project tsconfig.dev.json test/karpenter/capacity/measure-app-check.ts
 */
import { ApiObject, App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { CapacityType, Ec2NodeClass, NodeLabel, NodePool, Requirement } from '../../../src/karpenter';
import { capacityDocumentCheck, poolCapacityErrors } from '../../../src/karpenter/capacity/checks';
import { loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';
import { CapacityPoolSource } from '../../../src/karpenter/capacity/pool-model';

const POOLS = Number(process.env.POOLS ?? 50);
const WORKLOADS = Number(process.env.WORKLOADS ?? 5000);

function build(): { app: App; pools: NodePool[] } {
  const app = new App({ outdir: '/tmp/capacity-measure' });
  const infra = new Chart(app, 'infra');
  const nodeClass = Ec2NodeClass.fromEc2NodeClassName(infra, 'NodeClass', 'default');
  const categories = [['c'], ['m'], ['r'], ['c', 'm'], ['c', 'm', 'r']];
  const pools: NodePool[] = [];
  for (let i = 0; i < POOLS; i++) {
    pools.push(new NodePool(infra, `pool-${i}`, {
      metadata: { name: `pool-${i}` },
      nodeClass,
      labels: { team: `team-${i}` },
      taints: [{ key: 'team', value: `team-${i}`, effect: kplus.TaintEffect.NO_SCHEDULE }],
      requirements: [
        Requirement.instanceCategory(...categories[i % categories.length]),
        NodeLabel.INSTANCE_GENERATION.greaterThan(4 + (i % 3)),
        Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND),
      ],
      limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(4000) },
    }));
  }
  for (let d = 0; d < 3; d++) {
    const ds = new kplus.DaemonSet(infra, `agent-${d}`, {
      containers: [{ image: 'agent', resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } } }],
    });
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('team')));
  }
  const workloads = new Chart(app, 'workloads');
  for (let w = 0; w < WORKLOADS; w++) {
    const cpu = [250, 500, 900, 2000, 4000][w % 5];
    const deployment = new kplus.Deployment(workloads, `app-${w}`, {
      replicas: 2,
      containers: [{ image: 'app', resources: { cpu: { request: kplus.Cpu.millis(cpu) }, memory: { request: Size.mebibytes(cpu * 2) } } }],
    });
    pools[w % POOLS].schedule(deployment);
    if (w % 10 === 0) new kplus.HorizontalPodAutoscaler(workloads, `hpa-${w}`, { target: deployment, maxReplicas: 20 });
  }
  return { app, pools };
}

const isPool = (c: IConstruct): c is NodePool & CapacityPoolSource => c instanceof NodePool;
const scheduledOf = (p: CapacityPoolSource) => (p as NodePool).scheduledWorkloads.map(s => s.workload);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

let t = process.hrtime.bigint();
const { app, pools } = build();
console.log(`built ${POOLS} pools and ${WORKLOADS} workloads in ${ms(t).toFixed(0)} ms`);
t = process.hrtime.bigint();
loadInstanceCatalog();
console.log(`loaded the catalog in ${ms(t).toFixed(0)} ms`);
for (let pass = 1; pass <= 3; pass++) {
  t = process.hrtime.bigint();
  const poolErrors = pools.flatMap(p => poolCapacityErrors(p));
  const poolMs = ms(t);
  const constructs = app.node.findAll();
  const reader = capacityDocumentCheck(constructs, isPool, scheduledOf)!;
  t = process.hrtime.bigint();
  const batch = constructs.filter(ApiObject.isApiObject).filter(o => reader.selects(o)).map(object => ({ object, document: object.toJson() }));
  const renderMs = ms(t);
  t = process.hrtime.bigint();
  reader.check(batch);
  const appErrors = reader.finish!();
  console.log(`pass ${pass}: pool checks ${poolMs.toFixed(1)} ms (${poolErrors.length} errors), renders ${renderMs.toFixed(0)} ms, app check ${ms(t).toFixed(1)} ms (${appErrors.length} errors)`);
}
