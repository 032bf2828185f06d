import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import {
  CapacityCatalog, CapacityType, Ec2NodeClass, INodeClass, NodeClassReference, NodePoolCapacity, Requirement, WorkloadCapacity,
} from '../../src/karpenter';
import { GpuNodePool } from '../../src/patterns';
import { docOf, expectInvalid } from '../karpenter/support';
import { expectValidManifests } from '../support/manifest-validator';

/** The EC2NodeClass `default`, applied outside the chart. */
function ec2(chart: Chart): INodeClass {
  return Ec2NodeClass.fromEc2NodeClassName(chart, 'ImportedClass', 'default');
}

function phpApache(chart: Chart): kplus.Deployment {
  return new kplus.Deployment(chart, 'php-apache', {
    metadata: { name: 'php-apache', namespace: 'hpa-example' },
    replicas: 1,
    containers: [{
      name: 'php-apache',
      image: 'registry.k8s.io/hpa-example:latest',
      portNumber: 80,
      securityContext: { user: 10001 },
      resources: { cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(500) } },
    }],
  });
}

describe('GpuNodePool', () => {
  test('renders an NVIDIA pool of g and p instances, tainted and capped in GPUs, with the device plugin', () => {
    const chart = Testing.chart();
    new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), metadata: { name: 'gpu' }, maxGpus: 8, limits: { cpu: kplus.Cpu.units(256) } });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const pool = docOf(docs, 'NodePool', 'gpu').spec;
    expect(pool.template.spec.requirements).toEqual([
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['g', 'p'] },
      { key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
    ]);
    expect(pool.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
    expect(pool.limits).toEqual({ 'cpu': '256', 'nvidia.com/gpu': '8' });

    const plugin = docOf(docs, 'DaemonSet', 'nvidia-device-plugin-daemonset');
    expect(plugin.metadata.namespace).toBe('kube-system');
    expect(plugin.spec.selector.matchLabels).toEqual({ name: 'nvidia-device-plugin-ds' });
    const podSpec = plugin.spec.template.spec;
    expect(podSpec.priorityClassName).toBe('system-node-critical');
    expect(podSpec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(podSpec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] }] },
    ]);
    expect(podSpec.volumes).toEqual([{ name: 'device-plugin', hostPath: { path: '/var/lib/kubelet/device-plugins', type: '' } }]);
    const container = podSpec.containers[0];
    expect(container).toMatchObject({
      name: 'nvidia-device-plugin-ctr',
      image: 'nvcr.io/nvidia/k8s-device-plugin:v0.17.4',
      env: [{ name: 'FAIL_ON_INIT_ERROR', value: 'false' }],
      volumeMounts: [{ name: 'device-plugin', mountPath: '/var/lib/kubelet/device-plugins' }],
      securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: false, capabilities: { drop: ['ALL'] } },
    });
  });

  test('makes a workload request GPUs (requests equal limits) next to its CPU resources and tolerate the taint (seed 001-6)', () => {
    const chart = Testing.chart();
    const gpu = new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), maxGpus: 4 });
    gpu.schedule(phpApache(chart));
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const spec = docOf(docs, 'Deployment', 'php-apache').spec.template.spec;
    expect(spec.containers[0].resources).toEqual({ limits: { 'cpu': '500m', 'nvidia.com/gpu': '1' }, requests: { 'cpu': '200m', 'nvidia.com/gpu': '1' } });
    expect(spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists' }]);
    expect(gpu.pool.scheduledWorkloads.map(s => s.options)).toEqual([{}]);
  });

  test('adds GPU requests and limits to a container that has only requests, or several GPUs to a chosen container', () => {
    const chart = Testing.chart();
    const gpu = new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), maxGpus: 4, devicePlugin: false });
    const job = new kplus.Job(chart, 'train', {
      containers: [{ name: 'main', image: 'trainer:1', securityContext: { user: 10001 }, resources: { memory: { request: Size.gibibytes(1) } } }],
    });
    const sidecar = job.addContainer({ name: 'side', image: 'side:1', securityContext: { user: 10001 }, resources: {} });
    gpu.schedule(job);
    gpu.schedule(job, { container: sidecar, gpusPerPod: 2 });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    const containers = docOf(docs, 'Job').spec.template.spec.containers;
    expect(containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': '1' }, requests: { 'memory': '1024Mi', 'nvidia.com/gpu': '1' } });
    expect(containers[1].resources).toEqual({ limits: { 'nvidia.com/gpu': '2' }, requests: { 'nvidia.com/gpu': '2' } });
    expect(docs.filter(d => d.kind === 'DaemonSet')).toEqual([]);
  });

  test('on EKS Auto Mode uses eks.amazonaws.com labels and skips the device plugin Auto Mode ships', () => {
    const chart = Testing.chart();
    new GpuNodePool(chart, 'Gpu', {
      nodeClass: NodeClassReference.eksAutoMode(),
      maxGpus: 2,
      instanceCategories: ['g'],
      capacityTypes: [CapacityType.SPOT, CapacityType.ON_DEMAND],
      requirements: [Requirement.instanceGpuName('a10g')],
    });
    const docs = Testing.synth(chart);
    expectValidManifests(docs);
    expect(docs.map(d => d.kind)).toEqual(['NodePool']);
    expect(docs[0].spec.template.spec.requirements.map((r: any) => r.key)).toEqual([
      'eks.amazonaws.com/instance-category', 'eks.amazonaws.com/instance-gpu-manufacturer', 'karpenter.sh/capacity-type', 'eks.amazonaws.com/instance-gpu-name',
    ]);
  });

  test('matches the snapshot', () => {
    const chart = Testing.chart();
    const gpu = new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), metadata: { name: 'gpu' }, maxGpus: 8 });
    gpu.schedule(phpApache(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('throws on a GPU limit below 1, a limit set twice, no categories or a bad namespace', () => {
    const chart = Testing.chart();
    const nodeClass = ec2(chart);
    expectInvalid(() => new GpuNodePool(chart, 'A', { nodeClass, maxGpus: 0 }), '[test/A]', 'maxGpus', 'got 0', 'integer >= 1');
    expectInvalid(() => new GpuNodePool(chart, 'B', { nodeClass, maxGpus: 1, limits: { nvidiaGpus: 2 } }), '[test/B]', 'limits.nvidiaGpus', 'got 2', 'use maxGpus');
    expectInvalid(() => new GpuNodePool(chart, 'C', { nodeClass, maxGpus: 1, instanceCategories: [] }), '[test/C]', 'instanceCategories', 'at least one');
    expectInvalid(() => new GpuNodePool(chart, 'D', { nodeClass, maxGpus: 1, devicePluginNamespace: 'Kube_System' }), '[test/D]', 'devicePluginNamespace', '"Kube_System"');
  });

  // Found by the seeded fuzzing (test/fuzz/karpenter.fuzz.test.ts): Kubernetes accepts any image string on a DaemonSet.
  test('throws on a device plugin image that is no image reference, empty included', () => {
    const chart = Testing.chart();
    const nodeClass = ec2(chart);
    for (const [i, image] of ['', ' ', 'nvcr.io/NVIDIA/k8s-device-plugin:v0.17.4', 'k8s-device-plugin:v0.17 4', '-plugin', 'x'.repeat(300)].entries()) {
      expectInvalid(() => new GpuNodePool(chart, `Bad${i}`, { nodeClass, maxGpus: 1, devicePluginImage: image }),
        `[test/Bad${i}]`, 'devicePluginImage', JSON.stringify(image), 'container image reference', '(PAT-14)');
    }
    const images = ['nvcr.io/nvidia/k8s-device-plugin:v0.17.4', 'localhost:5000/plugin', 'registry.example.com/gpu/plugin@sha256:' + 'a'.repeat(64), '${Token[TOKEN.401]}'];
    images.forEach((image, i) => expect(() => new GpuNodePool(chart, `Good${i}`, { nodeClass, maxGpus: 1, devicePluginImage: image })).not.toThrow());
  });

  test('throws on capacity types that are plain objects cast to CapacityType, or on an empty node class name', () => {
    const chart = Testing.chart();
    const nodeClass = ec2(chart);
    const forged = { value: 'spot' } as unknown as CapacityType;
    expectInvalid(() => new GpuNodePool(chart, 'A', { nodeClass, maxGpus: 1, capacityTypes: [CapacityType.SPOT, forged] }),
      '[test/A]', 'capacityTypes[1]', 'must be made by CapacityType', '(GEN-70)');
    expectInvalid(() => new GpuNodePool(chart, 'B', { nodeClass: NodeClassReference.eksAutoMode(''), maxGpus: 1 }), '[test/B/Pool]', 'nodeClass.nodeClassName', 'got ""');
    expectInvalid(() => new GpuNodePool(chart, 'C', { nodeClass: Ec2NodeClass.fromEc2NodeClassName(chart, 'Empty', ''), maxGpus: 1 }), '[test/Empty]', 'name', 'got ""');
  });

  test('throws on fractional or zero GPUs per pod and on a container of another workload', () => {
    const chart = Testing.chart();
    const gpu = new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), maxGpus: 4 });
    const app = phpApache(chart);
    expectInvalid(() => gpu.schedule(app, { gpusPerPod: 0.5 }), '[test/php-apache]', 'containers[0].resources["nvidia.com/gpu"]', 'got 0.5', 'positive integer');
    const other = new kplus.Deployment(chart, 'other', { containers: [{ name: 'x', image: 'x:1' }] });
    expectInvalid(() => gpu.schedule(app, { container: other.containers[0] }), '[test/php-apache]', 'container', '"x"', 'php-apache');
  });

  describe('capacity', () => {
    test('fails a GpuNodePool whose instance categories contain no GPU instance type (PAT-12), instead of the pool\'s CAP-01', () => {
      const chart = Testing.chart();
      new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), metadata: { name: 'gpu' }, maxGpus: 4, instanceCategories: ['c', 'm'] });
      expectInvalid(() => Testing.synth(chart),
        '[test/Gpu/Pool] requirements: got ["karpenter.k8s.aws/instance-category In [c, m]","karpenter.k8s.aws/instance-gpu-manufacturer In [nvidia]","karpenter.sh/capacity-type In [on-demand]"]; '
        + 'must admit at least one instance type with nvidia.com/gpu for a GpuNodePool; they admit 0 instance types, none with nvidia.com/gpu. '
        + 'Types with nvidia.com/gpu are in instance categories g, gr, p (PAT-12)');
      let message = '';
      try {
        Testing.synth(chart);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toContain('CAP-01');
    });

    test('fails a GpuNodePool whose own requirements leave only types without NVIDIA GPUs on EKS Auto Mode', () => {
      const chart = Testing.chart();
      new GpuNodePool(chart, 'Gpu', {
        nodeClass: NodeClassReference.eksAutoMode(), maxGpus: 4, instanceCategories: ['g'], requirements: [Requirement.instanceGpuName('radeon-pro-v520')],
      });
      expectInvalid(() => Testing.synth(chart), '[test/Gpu/Pool] requirements', 'eks.amazonaws.com/instance-gpu-name In [radeon-pro-v520]', '(PAT-12)');
    });

    test('lists the GPU types a GpuNodePool launches, and fits a workload asking for 8 GPUs only on 8-GPU types', () => {
      const chart = Testing.chart();
      const gpu = new GpuNodePool(chart, 'Gpu', { nodeClass: ec2(chart), metadata: { name: 'gpu' }, maxGpus: 8 });
      const capacity = NodePoolCapacity.of(gpu.pool);
      expect(capacity.instanceTypes.every(t => t.gpuManufacturer === 'nvidia')).toBe(true);
      // g6f types carry a fraction of a GPU: instance-gpu-count 0.
      expect(capacity.instanceTypes.filter(t => t.gpus === 0).map(t => t.family)).toEqual(['g6f', 'g6f', 'g6f', 'g6f']);
      expect(capacity.instanceTypeNames).toEqual(expect.arrayContaining(['g4dn.xlarge', 'g5.xlarge', 'p5.48xlarge']));
      const app = phpApache(chart);
      gpu.schedule(app, { gpusPerPod: 8 });
      const fits = WorkloadCapacity.of(app).pools[0].fittingInstanceTypes;
      expect(fits.length).toBeGreaterThan(0);
      expect(fits.every(name => CapacityCatalog.instanceType(name)!.gpus === 8)).toBe(true);
      expect(() => Testing.synth(chart)).not.toThrow();
    });
  });
});
