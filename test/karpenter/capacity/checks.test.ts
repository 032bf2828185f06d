import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { daemonSet, deployment, errorLines, GIB, MIB, newApp, pool, synthError, warningsOfRule } from './support';
import { WorkloadReference } from '../../../src/common/references';
import {
  AmiSelection, CapacityType, Ec2NodeClass, NodeClassReference, NodeLabel, NodePool, Requirement,
} from '../../../src/karpenter';
import { ScaledObject, ScalerTrigger } from '../../../src/keda';
import { GpuNodePool } from '../../../src/patterns';
import { SynthValidation } from '../../../src/validation';
import { expectInvalid } from '../support';

const DISCOVERY = { 'karpenter.sh/discovery': 'my-cluster' };
const PROM = { serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: 'sum(rate(http_requests_total[1m]))', threshold: 10 };

describe('capacity checks at synth', () => {
  describe('a workload placed on pools (CAP-03)', () => {
    test('fails the issue\'s example: 8 CPUs and 64 GiB placed on a pool of t3 nano Spot instances', () => {
      const { app, chart, nodeClass } = newApp();
      const tiny = pool(chart, 'tiny', nodeClass, {
        requirements: [Requirement.instanceFamily('t3'), Requirement.instanceSize('nano'), Requirement.capacityType(CapacityType.SPOT)],
      });
      tiny.schedule(deployment(chart, 'web', 8, 64 * GIB));
      const [line, ...others] = errorLines(synthError(app), 'CAP-03');
      expect(others).toEqual([]);
      expect(line).toBe('[cdk8s-eks-autoscaling] [c/web] resources.requests (one pod): got {"cpu":"8","memory":"64Gi"}; '
        + 'must fit one replica on an instance type of the NodePool it is placed on: NodePool c/tiny ("tiny") launches 1 instance type for it (t3.nano); '
        + 'the largest candidate, t3.nano, has cpu 1.93 allocatable for 8 needed, memory 74Mi allocatable for 64Gi needed (CAP-03)');
    });

    test('accepts the same workload on a pool that admits larger types', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'big', nodeClass, { requirements: [Requirement.instanceFamily('r5')] }).schedule(deployment(chart, 'web', 8, 64 * GIB));
      expect(synthError(app)).toBeUndefined();
    });

    test('fails on the pods ceiling when the DaemonSet pods take the pod slots', () => {
      const { app, chart, nodeClass } = newApp();
      const tiny = pool(chart, 'tiny', nodeClass, { requirements: [Requirement.instanceType('t3.nano')] });
      for (const name of ['a', 'b', 'c', 'd']) daemonSet(chart, `agent-${name}`, 0.001, MIB);
      tiny.schedule(deployment(chart, 'web', 0.001, MIB));
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toContain('the largest candidate, t3.nano, has pods 4 allocatable for 5 needed (1 for the pod, 4 for DaemonSets agent-a, agent-b, agent-c, agent-d)');
    });

    test('fails a GPU request that no GPU type of the pool holds, naming nvidia.com/gpu', () => {
      const { app, chart, nodeClass } = newApp();
      const gpu = new GpuNodePool(chart, 'gpu', { nodeClass, maxGpus: 8, devicePlugin: false });
      gpu.schedule(deployment(chart, 'trainer', 1, GIB), { gpusPerPod: 16 });
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toContain('[c/trainer] resources.requests (one pod): got {"cpu":"1","memory":"1Gi","nvidia.com/gpu":"16"}');
      expect(line).toMatch(/the largest candidate, \S+, has nvidia.com\/gpu 8 allocatable for 16 needed/);
    });

    test('fails a workload that a DaemonSet\'s pods no longer leave room for, and accepts it without the DaemonSet', () => {
      const build = (withAgent: boolean) => {
        const { app, chart, nodeClass } = newApp();
        // t3.medium: 1.93 cores allocatable.
        const small = pool(chart, 'small', nodeClass, { requirements: [Requirement.instanceType('t3.medium')] });
        if (withAgent) daemonSet(chart, 'agent', 0.5, 64 * MIB);
        small.schedule(deployment(chart, 'web', 1.5, 512 * MIB));
        return synthError(app);
      };
      expect(build(false)).toBeUndefined();
      const [line] = errorLines(build(true), 'CAP-03');
      expect(line).toContain('the largest candidate, t3.medium, has cpu 1.93 allocatable for 2 needed (1.5 for the pod, 0.5 for DaemonSets agent)');
    });

    test('does not count a DaemonSet that does not tolerate the pool\'s taint, or that selects other nodes', () => {
      const { app, chart, nodeClass } = newApp();
      const small = pool(chart, 'small', nodeClass, {
        requirements: [Requirement.instanceType('t3.medium')],
        taints: [{ key: 'dedicated', effect: kplus.TaintEffect.NO_SCHEDULE }],
      });
      daemonSet(chart, 'untolerating', 1, GIB);
      const elsewhere = daemonSet(chart, 'elsewhere', 1, GIB);
      elsewhere.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('dedicated')));
      elsewhere.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('team', 'other')));
      const gpuOnly = daemonSet(chart, 'gpu-only', 1, GIB);
      gpuOnly.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('dedicated')));
      gpuOnly.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is(NodeLabel.INSTANCE_GPU_MANUFACTURER.key, 'nvidia')));
      small.schedule(deployment(chart, 'web', 1.5, 512 * MIB));
      expect(synthError(app)).toBeUndefined();
    });

    test('fails a workload that fits only on instance types whose capacity exceeds the pool\'s limits', () => {
      const { app, chart, nodeClass } = newApp();
      const capped = pool(chart, 'capped', nodeClass, { requirements: [Requirement.instanceFamily('m5')], limits: { cpu: kplus.Cpu.units(4) } });
      capped.schedule(deployment(chart, 'web', 6, GIB));
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toContain('NodePool c/capped ("capped"): one replica fits only on instance types whose capacity exceeds the pool\'s limits (m5.2xlarge; limits cpu 4), which Karpenter never launches');
    });

    test('fails a workload whose node selection matches none of the pool\'s types', () => {
      const { app, chart, nodeClass } = newApp();
      const graviton = pool(chart, 'graviton', nodeClass, { requirements: [Requirement.instanceCategory('c'), NodeLabel.INSTANCE_GENERATION.greaterThan(6)] });
      // c6g: category c, generation 6, which the pool's generation > 6 does not allow.
      expect(() => graviton.schedule(deployment(chart, 'web', 1, GIB), { instanceFamily: 'c6g' })).toThrow(/NP-43/);
      const web = deployment(chart, 'web2', 1, GIB);
      graviton.schedule(web, { instanceType: 'c7g.nano' });
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toMatch(/NodePool c\/graviton \("graviton"\) admits \d+ instance types, none matching the pod's node selection/);
    });

    test('reads the node selection from the rendered pod spec, so a nodeSelector added by a JSON patch counts', () => {
      const { app, chart, nodeClass } = newApp();
      const compute = pool(chart, 'compute', nodeClass, { requirements: [Requirement.instanceCategory('c')] });
      const web = deployment(chart, 'web', 1, GIB);
      compute.schedule(web);
      ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', { [NodeLabel.INSTANCE_CATEGORY.key]: 'm' }));
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toContain('NodePool c/compute ("compute") cannot host it');
      expect(line).toContain('karpenter.k8s.aws/instance-category');
    });

    test('reads tolerations and node affinity with the final validation pass off too', () => {
      const build = (tolerate: boolean) => {
        const { app, chart, nodeClass } = newApp();
        SynthValidation.disable(app, 'the test checks the capacity check alone');
        const dedicated = pool(chart, 'dedicated', nodeClass, {
          requirements: [Requirement.instanceFamily('m5')],
          taints: [{ key: 'dedicated', effect: kplus.TaintEffect.NO_SCHEDULE }],
        });
        const web = deployment(chart, 'web', 1, GIB);
        dedicated.schedule(web);
        // schedule() tolerates the pool's taint; a patch that drops the tolerations from the YAML is seen
        if (!tolerate) ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/template/spec/tolerations', []));
        web.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is(NodeLabel.INSTANCE_SIZE.key, 'large')));
        return synthError(app);
      };
      expect(build(true)).toBeUndefined();
      expect(errorLines(build(false), 'CAP-03')[0]).toContain('it does not tolerate the pool\'s taint dedicated:NoSchedule');
    });

    test('renders each workload once per synth for the capacity check and the final validation pass together', () => {
      const { app, chart, nodeClass } = newApp();
      const compute = pool(chart, 'compute', nodeClass, { requirements: [Requirement.instanceCategory('c', 'm')] });
      const web = deployment(chart, 'web', 1, GIB);
      compute.schedule(web);
      const toJson = jest.spyOn(ApiObject.of(web), 'toJson');
      expect(synthError(app)).toBeUndefined();
      // one render for the app's document checks, one for the YAML
      expect(toJson).toHaveBeenCalledTimes(2);
    });

    test('reports each pool of a workload spread over several pools, and passes when one of them fits', () => {
      const { app, chart, nodeClass } = newApp();
      const a = pool(chart, 'a', nodeClass, { labels: { spread: 'x' }, requirements: [Requirement.instanceType('t3.nano')] });
      const b = pool(chart, 'b', nodeClass, { labels: { spread: 'x' }, requirements: [Requirement.instanceType('t3.micro')] });
      const web = deployment(chart, 'web', 4, GIB);
      a.schedule(web);
      b.schedule(web);
      const [line] = errorLines(synthError(app), 'CAP-03');
      expect(line).toContain('of the NodePools it is placed on: NodePool c/a ("a")');
      expect(line).toContain('; NodePool c/b ("b") launches 1 instance type for it (t3.micro)');
    });
  });

  describe('pools that launch nothing (CAP-01, CAP-02)', () => {
    test('fails a pool whose requirements admit no instance type, naming the requirement that admits none', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceFamily('c6'), Requirement.capacityType(CapacityType.SPOT)] });
      const [line] = errorLines(synthError(app), 'CAP-01');
      expect(line).toBe('[cdk8s-eks-autoscaling] [c/pool] requirements: got ["karpenter.k8s.aws/instance-family In [c6]","karpenter.sh/capacity-type In [spot]"]; '
        + 'must admit at least one of the 1363 instance types Karpenter knows (docs/capacity.md): karpenter.k8s.aws/instance-family In [c6] alone admits no instance type, '
        + 'so no node can be launched (CAP-01)');
    });

    test('fails only the pool, not the workloads placed on it, when the pool admits no instance type', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceFamily('c6')] }).schedule(deployment(chart, 'web', 1, GIB));
      const message = synthError(app);
      expect(errorLines(message, 'CAP-01')).toHaveLength(1);
      expect(errorLines(message, 'CAP-03')).toEqual([]);
    });

    test('fails a pool whose requirements each admit types but none together', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceFamily('m5'), NodeLabel.INSTANCE_GPU_COUNT.greaterThan(0)] });
      expect(errorLines(synthError(app), 'CAP-01')[0]).toContain('each requirement admits some instance types, but no type satisfies all of them together');
    });

    test('fails a pool whose label contradicts the instance facts', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { labels: { 'node.kubernetes.io/instance-type': 'm5.huge' } });
      expect(errorLines(synthError(app), 'CAP-01')[0]).toContain('node.kubernetes.io/instance-type In [m5.huge] alone admits no instance type');
    });

    test('fails an arm64 family on a Windows node class, naming what the node class allows', () => {
      const { app, chart } = newApp();
      const windows = new Ec2NodeClass(chart, 'Windows', {
        metadata: { name: 'windows' },
        amiSelection: AmiSelection.windows2022(),
        role: 'NodeRole',
        subnetSelectorTerms: [{ tags: DISCOVERY }],
        securityGroupSelectorTerms: [{ tags: DISCOVERY }],
      });
      pool(chart, 'pool', windows, { requirements: [Requirement.instanceFamily('c7g')] });
      const [line] = errorLines(synthError(app), 'CAP-01');
      expect(line).toMatch(/karpenter.k8s.aws\/instance-family In \[c7g\] alone admits no instance type of the \d+ the node class allows \(Windows2022 AMI family: Windows, amd64 only\)/);
    });

    test('fails an EKS Auto Mode pool that asks only for sizes Auto Mode does not launch', () => {
      const { app, chart } = newApp();
      pool(chart, 'pool', NodeClassReference.eksAutoMode(), { requirements: [Requirement.instanceFamily('t3'), Requirement.instanceSize('nano', 'micro')] });
      const [line] = errorLines(synthError(app), 'CAP-01');
      expect(line).toContain('["eks.amazonaws.com/instance-family In [t3]","eks.amazonaws.com/instance-size In [nano, micro]"]');
      expect(line).toContain('(EKS Auto Mode: its supported instance families, more than 1 vCPU, no nano, micro or small sizes)');
    });

    test('fails a minValues the admitted instance types cannot meet', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, {
        requirements: [Requirement.instanceFamily('c5', 'm5', 'r5', 't3').withMinValues(4), NodeLabel.INSTANCE_CPU.greaterThan(8)],
      });
      const [line] = errorLines(synthError(app), 'CAP-02');
      expect(line).toMatch(/^\[cdk8s-eks-autoscaling\] \[c\/pool\] requirements \(karpenter.k8s.aws\/instance-family\).minValues: got 4; must be at most the 3 distinct values of karpenter.k8s.aws\/instance-family offered by the \d+ instance types the pool admits/);
    });

    test('records no error or warning for pools on custom labels, zones and capacity types only', () => {
      const { app, chart, nodeClass } = newApp();
      const zonal = pool(chart, 'zonal', nodeClass, {
        labels: { team: 'payments' },
        requirements: [Requirement.zone('us-east-1a'), NodeLabel.custom('workload-class').isIn('batch').withMinValues(1),
          Requirement.capacityType(CapacityType.SPOT, CapacityType.ON_DEMAND).withMinValues(2)],
      });
      zonal.schedule(deployment(chart, 'web', 2, 4 * GIB), { zone: 'us-east-1a' });
      expect(synthError(app)).toBeUndefined();
      expect(warningsOfRule(app, 'CAP-04')).toEqual([]);
    });
  });

  describe('limits (CAP-04, CAP-05)', () => {
    test('warns once when the pool\'s limits are below the smallest node it can launch', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceFamily('c5')], limits: { cpu: kplus.Cpu.units(1) } });
      // A second chart: cdk8s validates the app once per synth and once per chart.
      new Chart(app, 'other');
      expect(synthError(app)).toBeUndefined();
      expect(warningsOfRule(app, 'CAP-04')).toEqual([
        '[c/pool] launches no node: limits.cpu 1 is below the 2 vCPU of the smallest instance type it admits (c5.large); Karpenter launches only instance types whose capacity fits in the limits, so its pods stay Pending. Raise the limits (CAP-04)',
      ]);
    });

    test('warns when the memory limit is below every node\'s memory capacity, and when limits.nodes is 0', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'memory', nodeClass, { requirements: [Requirement.instanceFamily('r5')], limits: { memory: Size.gibibytes(8) } });
      pool(chart, 'none', nodeClass, { limits: { nodes: 0 } });
      app.synth();
      const warnings = warningsOfRule(app, 'CAP-04');
      expect(warnings[0]).toContain('[c/memory] launches no node: limits.memory 8Gi is below the 14.8Gi of memory capacity of the smallest instance type it admits (r5.large)');
      expect(warnings[1]).toContain('[c/none] launches no node: limits.nodes 0 allows no node');
    });

    test('warns when a KEDA-scaled workload at maxReplicas requests more cpu than its pool\'s limit', () => {
      const { app, chart, nodeClass } = newApp();
      const x86 = pool(chart, 'x86', nodeClass, { requirements: [Requirement.instanceFamily('c7i')], limits: { cpu: kplus.Cpu.units(40) } });
      const web = deployment(chart, 'web', 0.9, 512 * MIB, { replicas: undefined });
      x86.schedule(web);
      new ScaledObject(chart, 'scaler', { target: WorkloadReference.fromWorkload(web), maxReplicas: 100, triggers: [ScalerTrigger.prometheus(PROM)] });
      app.synth();
      expect(warningsOfRule(app, 'CAP-05')).toEqual([
        '[c/scaler] maxReplicas: 100 replicas of Deployment "web" request cpu 90 (0.9 each), beyond the cpu limit 40 of NodePool c/x86 ("x86") it is placed on: '
        + 'scale-out stalls at about 44 replicas (fewer once system reserve, DaemonSets and other pods count), and the rest stay Pending; raise the pool\'s limits or lower maxReplicas (CAP-05)',
      ]);
    });

    test('warns when an HPA at maxReplicas requests more memory than its pool\'s limit, and not within it', () => {
      const { app, chart, nodeClass } = newApp();
      const pools = pool(chart, 'mem', nodeClass, { limits: { cpu: kplus.Cpu.units(1000), memory: Size.gibibytes(10) } });
      const web = deployment(chart, 'web', 0.1, GIB, { replicas: undefined });
      pools.schedule(web);
      new kplus.HorizontalPodAutoscaler(chart, 'hpa', { target: web, maxReplicas: 20 });
      const within = deployment(chart, 'within', 0.1, 256 * MIB, { replicas: undefined });
      pools.schedule(within);
      new kplus.HorizontalPodAutoscaler(chart, 'hpa-within', { target: within, maxReplicas: 20 });
      app.synth();
      const warnings = warningsOfRule(app, 'CAP-05');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('[c/hpa] maxReplicas: 20 replicas of Deployment "web" request memory 20Gi (1Gi each), beyond the memory limit 10Gi');
    });

    test('uses KEDA\'s default of 100 replicas and adds up the limits of every pool the workload is placed on', () => {
      const { app, chart, nodeClass } = newApp();
      const a = pool(chart, 'a', nodeClass, { labels: { spread: 'x' }, limits: { cpu: kplus.Cpu.units(30) } });
      const b = pool(chart, 'b', nodeClass, { labels: { spread: 'x' }, limits: { cpu: kplus.Cpu.units(30) } });
      const web = deployment(chart, 'web', 1, GIB, { replicas: undefined });
      a.schedule(web);
      b.schedule(web);
      new ScaledObject(chart, 'scaler', { target: WorkloadReference.fromWorkload(web), triggers: [ScalerTrigger.prometheus(PROM)] });
      app.synth();
      expect(warningsOfRule(app, 'CAP-05')[0]).toContain('100 replicas of Deployment "web" request cpu 100 (1 each), beyond the cpu limits of NodePool c/a ("a") and NodePool c/b ("b") (60 together)');
    });
  });

  describe('budgets (CAP-06, CAP-07)', () => {
    test('throws on a budget that is not a positive number', () => {
      const { chart, nodeClass } = newApp();
      expectInvalid(() => pool(chart, 'pool', nodeClass, { limits: { maxOnDemandPricePerHour: 0 } }),
        '[c/pool] limits.maxOnDemandPricePerHour: got 0; must be a positive number of US dollars per hour (CAP-06)');
    });

    test('throws on a budget on a static pool', () => {
      const { chart, nodeClass } = newApp();
      expectInvalid(() => new NodePool(chart, 'pool', { nodeClass, replicas: 2, limits: { maxOnDemandPricePerHour: 5 } }), 'limits: got ["maxOnDemandPricePerHour"]', '(NP-37)');
    });

    test('fails a budget on a pool whose instance types have no price', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceType('hpc7a.12xlarge')], limits: { maxOnDemandPricePerHour: 10 } });
      expect(errorLines(synthError(app), 'CAP-07')).toEqual([
        '[cdk8s-eks-autoscaling] [c/pool] limits.maxOnDemandPricePerHour: got 10; needs an instance type with an on-demand price to derive the cpu and memory limits from; the pool admits 1 instance type (hpc7a.12xlarge), none priced in the catalog; set limits.cpu and limits.memory instead (CAP-07)',
      ]);
    });

    test('warns when the budget is below the price of one vCPU of the priciest type', () => {
      const { app, chart, nodeClass } = newApp();
      pool(chart, 'pool', nodeClass, { requirements: [Requirement.instanceFamily('m5')], limits: { maxOnDemandPricePerHour: 0.01 } });
      app.synth();
      expect(warningsOfRule(app, 'CAP-04')[0]).toContain('limits.cpu 0 is below the 2 vCPU of the smallest instance type it admits (m5.large)');
      expect(warningsOfRule(app, 'CAP-04')[0]).toContain('(maxOnDemandPricePerHour $0.01/h derives cpu 0, memory 0)');
    });
  });
});
