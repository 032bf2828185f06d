import { vendoredPrice, vendoredTable } from './vendored';
import {
  cheapestForReplicas, fitByInstanceType, fitsInstanceType, nodeRequests, planReplicas, replicasPerNode,
} from '../../../src/karpenter/capacity/fit';
import { InstanceCatalog, InstanceTypeInfo, loadInstanceCatalog } from '../../../src/karpenter/capacity/instance-catalog-data';

const MIB = 2 ** 20;
const GIB = 2 ** 30;

describe('pod fit', () => {
  let catalog: InstanceCatalog;
  let type: (name: string) => InstanceTypeInfo;
  beforeAll(() => {
    catalog = loadInstanceCatalog();
    type = name => catalog.byName.get(name)!;
  });

  test('uses the vendored allocatable of the types these cases rely on', () => {
    expect(vendoredTable('t3.nano', 'Resources')).toMatchObject({ cpu: '1930m', memory: '74Mi', pods: '4' });
    expect(vendoredTable('m5.large', 'Resources')).toMatchObject({ cpu: '1930m', memory: '6903Mi', pods: '29' });
    expect(vendoredTable('m5.xlarge', 'Resources')).toMatchObject({ cpu: '3920m', memory: '14162Mi', pods: '58' });
    expect(vendoredTable('c5.large', 'Resources')).toMatchObject({ cpu: '1930m', memory: '3114Mi', pods: '29' });
  });

  test('fails 8 CPU / 64 GiB on t3.nano, naming cpu first', () => {
    expect(fitsInstanceType(type('t3.nano'), { pod: { cpu: 8, memory: 64 * GIB } }))
      .toEqual({ fits: false, resource: 'cpu', needed: 8, available: 1.93 });
  });

  test('fails on memory when the cpu fits', () => {
    expect(fitsInstanceType(type('t3.nano'), { pod: { cpu: 1, memory: 128 * MIB } }))
      .toEqual({ fits: false, resource: 'memory', needed: 128 * MIB, available: 74 * MIB });
  });

  test('fits a pod of 1 CPU and 1 GiB on m5.large', () => {
    expect(fitsInstanceType(type('m5.large'), { pod: { cpu: 1, memory: GIB } })).toEqual({ fits: true });
  });

  test('fits a pod that asks for exactly the allocatable cpu, at millicore resolution', () => {
    expect(fitsInstanceType(type('m5.large'), { pod: { cpu: 0.93 }, daemonSets: [{ cpu: 0.5 }, { cpu: 0.5 }] })).toEqual({ fits: true });
    expect(fitsInstanceType(type('m5.large'), { pod: { cpu: 0.9301 }, daemonSets: [{ cpu: 0.5 }, { cpu: 0.5 }] }))
      .toEqual({ fits: false, resource: 'cpu', needed: 1.931, available: 1.93 });
  });

  test('adds the DaemonSet pods and a pod slot for each', () => {
    expect(nodeRequests({ pod: { cpu: 0.25, memory: 512 * MIB }, daemonSets: [{ cpu: 0.1, memory: 128 * MIB }, { 'cpu': 0.1, 'vpc.amazonaws.com/efa': 1 }] }))
      .toEqual({ 'cpu': 0.45, 'memory': 640 * MIB, 'pods': 3, 'vpc.amazonaws.com/efa': 1 });
  });

  test('fails on pods when the DaemonSet pods and the pod outnumber the pod slots', () => {
    const tiny = { cpu: 0.001, memory: MIB };
    expect(fitsInstanceType(type('t3.nano'), { pod: tiny, daemonSets: [tiny, tiny, tiny] })).toEqual({ fits: true });
    expect(fitsInstanceType(type('t3.nano'), { pod: tiny, daemonSets: [tiny, tiny, tiny, tiny] }))
      .toEqual({ fits: false, resource: 'pods', needed: 5, available: 4 });
  });

  test('fails a GPU pod on a type without GPUs and fits it on one with', () => {
    const gpuPod = { pod: { 'cpu': 1, 'memory': 4 * GIB, 'nvidia.com/gpu': 1 } };
    expect(fitsInstanceType(type('m5.large'), gpuPod)).toEqual({ fits: false, resource: 'nvidia.com/gpu', needed: 1, available: 0 });
    expect(fitsInstanceType(type('g4dn.xlarge'), gpuPod)).toEqual({ fits: true });
  });

  test('reports per type whether the pod fits', () => {
    const result = fitByInstanceType([type('t3.nano'), type('m5.large')], { pod: { cpu: 1, memory: GIB } });
    expect(result.get('t3.nano')).toEqual({ fits: false, resource: 'memory', needed: GIB, available: 74 * MIB });
    expect(result.get('m5.large')).toEqual({ fits: true });
  });

  test('throws on a pods request or a negative request', () => {
    expect(() => fitsInstanceType(type('m5.large'), { pod: { pods: 1 } })).toThrow(/pod: requests do not name "pods"/);
    expect(() => fitsInstanceType(type('m5.large'), { pod: { cpu: 1 }, daemonSets: [{ memory: -1 }] }))
      .toThrow(/daemonSets\[0\]: memory request must be a non-negative number, got -1/);
  });

  describe('packing', () => {
    const placement = { pod: { cpu: 0.25, memory: 512 * MIB }, daemonSets: [{ cpu: 0.1, memory: 128 * MIB }, { cpu: 0.1, memory: 128 * MIB }] };

    test('fits as many replicas as the scarcest resource allows after the DaemonSets', () => {
      // m5.large: cpu (1930m - 200m) / 250m = 6, memory (6903Mi - 256Mi) / 512Mi = 12, pods 29 - 2 = 27
      expect(replicasPerNode(type('m5.large'), placement)).toBe(6);
      // memory-bound: 6903Mi / 2048Mi = 3
      expect(replicasPerNode(type('m5.large'), { pod: { cpu: 0.1, memory: 2 * GIB } })).toBe(3);
      // pod-slot-bound: t3.nano has 4 pods, three go to DaemonSets
      const tiny = { cpu: 0.001, memory: MIB };
      expect(replicasPerNode(type('t3.nano'), { pod: tiny })).toBe(4);
      expect(replicasPerNode(type('t3.nano'), { pod: tiny, daemonSets: [tiny, tiny, tiny] })).toBe(1);
    });

    test('returns no replicas when the DaemonSets alone do not fit', () => {
      expect(replicasPerNode(type('t3.nano'), { pod: { cpu: 0.001 }, daemonSets: [{ memory: 100 * MIB }] })).toBe(0);
      expect(planReplicas(type('t3.nano'), 3, { pod: { cpu: 0.001 }, daemonSets: [{ memory: 100 * MIB }] })).toBeUndefined();
    });

    test('gives the nodes and on-demand $/hour for N replicas on a type', () => {
      expect(planReplicas(type('m5.large'), 20, placement)).toEqual({
        instanceType: 'm5.large', replicas: 20, perNode: 6, nodes: 4, pricePerHour: 4 * vendoredPrice('m5.large')!,
      });
    });

    test('picks the cheapest type by $/hour for N replicas, leaving unpriced and non-fitting types out', () => {
      const pod = { pod: { cpu: 1, memory: GIB } };
      const types = ['t3.nano', 'm5.large', 'm5.xlarge', 'c5.large', 'hpc7a.12xlarge'].map(type);
      const result = cheapestForReplicas(types, 4, pod);
      // c5.large: 1 replica per node (1930m), 4 nodes × $0.085 = $0.34, less than m5.large's or m5.xlarge's $0.384
      expect(result.best).toEqual({ instanceType: 'c5.large', replicas: 4, perNode: 1, nodes: 4, pricePerHour: 4 * vendoredPrice('c5.large')! });
      expect(result.unpriced).toEqual(['hpc7a.12xlarge']);
      expect(result.notFitting).toEqual(['t3.nano']);
    });

    test('breaks a price tie with fewer nodes', () => {
      // m5.large: 4 nodes × $0.096; m5.xlarge: 3 per node, 2 nodes × $0.192: both $0.384
      const result = cheapestForReplicas([type('m5.large'), type('m5.xlarge')], 4, { pod: { cpu: 1, memory: GIB } });
      expect(result.best).toMatchObject({ instanceType: 'm5.xlarge', nodes: 2 });
    });

    test('returns no cheapest type when none is priced and fits', () => {
      expect(cheapestForReplicas([type('t3.nano'), type('hpc7a.12xlarge')], 2, { pod: { cpu: 1, memory: GIB } }).best).toBeUndefined();
    });

    test('throws on a replica count that is not a non-negative integer', () => {
      expect(() => planReplicas(type('m5.large'), 1.5, placement)).toThrow(/replicas must be a non-negative integer, got 1.5/);
    });
  });
});
