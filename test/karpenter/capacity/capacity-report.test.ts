import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { deployment, GIB, MIB, newApp, pool } from './support';
import { VENDORED_NAMES, VENDORED_PRICES, vendoredPrice } from './vendored';
import { CapacityReport, CapacityType, NodeClassReference, Requirement } from '../../../src/karpenter';

/** The issue's app: a t3 nano Spot pool with a small workload, and a c7i pool with 17 replicas of 900m / 512Mi. */
function issueApp() {
  const { app, chart, nodeClass } = newApp();
  const tiny = pool(chart, 'tiny', nodeClass, {
    requirements: [Requirement.instanceFamily('t3'), Requirement.instanceSize('nano'), Requirement.capacityType(CapacityType.SPOT)],
    limits: { cpu: kplus.Cpu.units(10) },
  });
  tiny.schedule(deployment(chart, 'probe', 0.05, 16 * MIB));
  const x86 = pool(chart, 'x86', nodeClass, { requirements: [Requirement.instanceFamily('c7i', 'm7i')], limits: { maxOnDemandPricePerHour: 10 } });
  x86.schedule(deployment(chart, 'web', 0.9, 512 * MIB, { replicas: 17 }));
  return { app, chart };
}

describe('CapacityReport', () => {
  test('has the JSON shape {"nodePools":[{"name", "instanceTypes": [...]}], "workloads": [...]} with the catalog\'s counts', () => {
    const { app } = issueApp();
    const json = JSON.parse(JSON.stringify(CapacityReport.of(app).toJson()));
    expect(json.catalog).toEqual({
      karpenterVersion: '1.14',
      sourceRepository: 'aws/karpenter-provider-aws',
      sourceCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
      sourceDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      amiFamily: 'AL2023',
      instanceTypeCount: VENDORED_NAMES.length,
      pricedInstanceTypeCount: VENDORED_NAMES.filter(n => VENDORED_PRICES.has(n)).length,
      pricingRegion: 'us-east-1',
      pricingDate: '2026-07-20',
      pricingGeneratedAt: '2026-07-20T13:44:30Z',
      pricingNote: 'on-demand only; Spot prices are not in the data',
    });
    expect(json.catalog.instanceTypeCount).toBe(1363);
    expect(json.catalog.pricedInstanceTypeCount).toBe(1345);
    expect(json.nodePools.map((p: any) => p.name)).toEqual(['tiny', 'x86']);
    expect(json.nodePools[0]).toMatchObject({
      name: 'tiny',
      path: 'c/tiny',
      instanceTypes: ['t3.nano'],
      instanceTypeCount: 1,
      families: ['t3'],
      vcpu: { min: 2, max: 2 },
      memoryGiB: { min: 0.5, max: 0.5 },
      gpus: null,
      pricePerHour: { min: 0.0052, max: 0.0052, cheapest: 't3.nano', priciest: 't3.nano' },
      pricePerVcpuHour: { min: 0.0026, max: 0.0026 },
      limits: { cpu: '10' },
      ceilingPricePerHour: 0.026,
      unpricedInstanceTypes: [],
      unevaluatedKeys: ['karpenter.sh/capacity-type'],
    });
    expect(json.nodePools[1].instanceTypes).toEqual(expect.arrayContaining(['c7i.large', 'm7i.48xlarge']));
    expect(json.nodePools[1].maxOnDemandPricePerHour).toBe(10);
    expect(json.nodePools[1].ceilingPricePerHour).toBeLessThanOrEqual(10);
    expect(json.workloads.map((w: any) => [w.path, w.name, w.pools])).toEqual([['c/probe', 'probe', ['tiny', 'x86']], ['c/web', 'web', ['tiny', 'x86']]]);
    const web = json.workloads[1];
    expect(web).toMatchObject({ replicas: 17, requests: { cpu: '0.9', memory: '512Mi' }, scheduledOn: ['x86'] });
    expect(web.cheapest).toEqual({
      poolName: 'x86',
      poolPath: 'c/x86',
      instanceType: 'c7i.4xlarge',
      replicas: 17,
      replicasPerNode: 17,
      nodes: 1,
      pricePerHour: vendoredPrice('c7i.4xlarge'),
      pricePerMonth: vendoredPrice('c7i.4xlarge')! * 730,
    });
    expect(web.placements.find((p: any) => p.pool === 'tiny')).toMatchObject({ fittingInstanceTypeCount: 0, problem: expect.stringContaining('t3.nano') });
  });

  test('summarises each pool in Markdown by count and families, and states the price table\'s region and date wherever prices appear', () => {
    const { app } = issueApp();
    const markdown = CapacityReport.of(app).toMarkdown();
    expect(markdown).toContain('Prices: on-demand US dollars per hour in us-east-1, from the price table of 2026-07-20 (1345 of 1363 types priced); on-demand only; Spot prices are not in the data.');
    expect(markdown).toContain('Requirements on capacity type and zones do not narrow the instance types: the data has no offerings.');
    expect(markdown).toContain('| `tiny` | 1 (1 family: t3) | 2 | 0.5 | – | $0.0052 | $0.0026 | cpu 10 | $0.026 |');
    expect(markdown).toMatch(/\| `x86` \| \d+ \(2 families: c7i, m7i\) \| 2–192 \|/);
    expect(markdown).not.toContain('c7i.large');
    expect(markdown).toContain('| `c/web` | 17 | cpu 0.9, memory 512Mi | x86 | tiny, x86 | ');
    expect(markdown).toContain('17 replicas: 1 × c7i.4xlarge (17 per node) in x86 | $0.714 | $521.22 |');
    expect(markdown).toContain('us-east-1 prices of 2026-07-20, on-demand only; Spot prices are not in the data.');
  });

  test('gives one summary line per pool, with prices qualified by region, date and on-demand only', () => {
    const { app } = issueApp();
    expect(CapacityReport.of(app).summaryLines()).toEqual([
      'tiny: 1 instance type (1 family: t3), 2 vCPU, 0.5 GiB; on-demand $0.0052/h per node, $0.0026/vCPU-h, ceiling $0.026/h from limits (cpu 10) '
      + '(us-east-1 prices of 2026-07-20, on-demand only; Spot prices are not in the data)',
      expect.stringMatching(/^x86: \d+ instance types \(2 families: c7i, m7i\), 2–192 vCPU, 4–768 GiB; on-demand \$0\.0\d+–\$\d+\.\d+\/h per node, .*ceiling \$\d+(\.\d+)?\/h from limits \(cpu \d+, memory \d+Gi\)/),
    ]);
  });

  test('reports only the pools and workloads under its scope, matching workloads against every pool of the app', () => {
    const { app, chart, nodeClass } = newApp();
    pool(chart, 'auto', NodeClassReference.eksAutoMode());
    pool(chart, 'ec2', nodeClass, { requirements: [Requirement.instanceFamily('m5')] });
    const workloads = new Chart(app, 'workloads');
    deployment(workloads, 'web', 2, 4 * GIB);
    const report = CapacityReport.of(workloads);
    expect(report.nodePools).toEqual([]);
    expect(report.workloads.map(w => w.pools.map(p => p.poolName))).toEqual([['auto', 'ec2']]);
    expect(report.toMarkdown()).toContain('No NodePool.');
  });

  test('reports a pool that admits no instance type without failing', () => {
    const { app, chart, nodeClass } = newApp();
    pool(chart, 'none', nodeClass, { requirements: [Requirement.instanceFamily('c6')] });
    const report = CapacityReport.of(app);
    expect(report.summaryLines()).toEqual(['none: admits no instance type']);
    expect(report.toJson().nodePools[0]).toMatchObject({ instanceTypes: [], vcpu: null, pricePerHour: null, ceilingPricePerHour: null });
  });
});
