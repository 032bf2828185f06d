// Internal: the capacity reports as text a person reads (summary lines and Markdown tables).
import { trimNumber } from './quantity';
import type {
  CapacityCatalogInfo, MinValuesShortfall, NumberRange, OnDemandPriceRange, ReplicaPlacement, WorkloadPoolFit,
} from '../capacity-types';

/** What the text reads of a `NodePoolCapacity`. */
export interface NodePoolCapacityText {
  readonly name: string;
  readonly instanceTypeNames: readonly string[];
  readonly families: readonly string[];
  readonly launchableInstanceTypeNames: readonly string[];
  readonly unevaluatedKeys: readonly string[];
  readonly unmetMinValues: readonly MinValuesShortfall[];
  readonly nodeClassNarrowing: readonly string[];
  /** @default - no admitted type */
  readonly vcpu?: NumberRange;
  /** @default - no admitted type */
  readonly memoryGiB?: NumberRange;
  /** @default - no admitted type has GPUs */
  readonly gpus?: NumberRange;
  readonly gpuInstanceTypeCount: number;
  /** @default - no admitted type has a price */
  readonly pricePerHour?: OnDemandPriceRange;
  /** @default - no admitted type has a price */
  readonly pricePerVcpuHour?: OnDemandPriceRange;
  /** @default - no cpu or memory limit, or no priced type */
  readonly ceilingPricePerHour?: number;
  readonly limits: { readonly [resource: string]: string };
  /** @default - no budget */
  readonly maxOnDemandPricePerHour?: number;
  readonly unpricedInstanceTypes: readonly string[];
  readonly catalog: CapacityCatalogInfo;
}

/** What the text reads of a `WorkloadCapacity`. */
export interface WorkloadCapacityText {
  readonly path: string;
  readonly replicas: number;
  readonly requests: { readonly [resource: string]: string };
  readonly scheduledOn: readonly string[];
  readonly pools: readonly WorkloadPoolFit[];
  readonly fittingInstanceTypeNames: readonly string[];
  /** @default - no fitting instance type has a price */
  readonly cheapest?: ReplicaPlacement;
}

/** US dollars: 4 decimals under $1 (`$0.0052`), 3 above (`$12.352`), no trailing zeros. */
export function dollars(amount: number, digits?: number): string {
  return `$${trimNumber(amount, digits ?? (amount < 1 ? 4 : 3))}`;
}

function span(r: NumberRange | undefined, unit = ''): string {
  if (!r) return '–';
  return r.min === r.max ? `${trimNumber(r.min)}${unit}` : `${trimNumber(r.min)}–${trimNumber(r.max)}${unit}`;
}

function priceSpan(r: OnDemandPriceRange | undefined, digits?: number): string {
  if (!r) return 'unpriced';
  return r.min === r.max ? dollars(r.min, digits) : `${dollars(r.min, digits)}–${dollars(r.max, digits)}`;
}

/** `12 families: c5, c5a, ... and 4 more`. */
export function familiesText(families: readonly string[], max = 8): string {
  const shown = families.slice(0, max).join(', ');
  const more = families.length > max ? ` and ${families.length - max} more` : '';
  return `${families.length} ${families.length === 1 ? 'family' : 'families'}: ${shown}${more}`;
}

function limitsText(limits: { readonly [resource: string]: string }): string {
  const entries = Object.entries(limits);
  return entries.length ? entries.map(([r, v]) => `${r} ${v}`).join(', ') : 'none';
}

/** Where prices come from, for every line and table that shows them. */
export function pricingText(catalog: CapacityCatalogInfo): string {
  return `${catalog.pricingRegion} prices of ${catalog.pricingDate}, ${catalog.pricingNote}`;
}

/** One line per pool. */
export function poolSummaryLine(pool: NodePoolCapacityText): string {
  const count = pool.instanceTypeNames.length;
  if (count === 0) return `${pool.name}: admits no instance type`;
  const gpus = pool.gpuInstanceTypeCount ? `, ${pool.gpuInstanceTypeCount} with ${span(pool.gpus)} GPUs` : '';
  const ceiling = pool.ceilingPricePerHour !== undefined ? `, ceiling ${dollars(pool.ceilingPricePerHour)}/h from limits (${limitsText(pool.limits)})` : '';
  const unpriced = pool.unpricedInstanceTypes.length ? `, ${pool.unpricedInstanceTypes.length} unpriced` : '';
  return `${pool.name}: ${count} instance type${count === 1 ? '' : 's'} (${familiesText(pool.families, 5)}), ${span(pool.vcpu)} vCPU, ${span(pool.memoryGiB)} GiB${gpus}; `
    + `on-demand ${priceSpan(pool.pricePerHour)}/h per node, ${priceSpan(pool.pricePerVcpuHour, 5)}/vCPU-h${ceiling}${unpriced} (${pricingText(pool.catalog)})`;
}

/** `17 replicas: 1 × c7i.4xlarge (17 per node) in x86`. */
function placementText(p: ReplicaPlacement): string {
  return `${p.replicas} ${p.replicas === 1 ? 'replica' : 'replicas'}: ${p.nodes} × ${p.instanceType} (${p.replicasPerNode} per node) in ${p.poolName}`;
}

/** One line per workload. */
export function workloadSummaryLine(w: WorkloadCapacityText): string {
  const pools = w.pools.map(p => p.poolName);
  if (pools.length === 0) return `${w.path}: no pool of the app can host it`;
  const cheapest = w.cheapest ? `; cheapest on demand, ${placementText(w.cheapest)}, ${dollars(w.cheapest.pricePerHour)}/h, ${dollars(w.cheapest.pricePerMonth, 2)}/month` : '';
  return `${w.path}: fits ${w.fittingInstanceTypeNames.length} instance types of ${pools.join(', ')}${cheapest}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** The table of pools, and a note per pool on what narrows it or is left out. */
function poolSection(pools: readonly NodePoolCapacityText[]): string[] {
  if (pools.length === 0) return ['No NodePool.', ''];
  const lines = [
    row(['NodePool', 'Instance types', 'vCPU', 'Memory (GiB)', 'GPUs', 'On-demand $/h per node', 'On-demand $/vCPU-h', 'Limits', 'Ceiling $/h']),
    row(['---', '---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const p of pools) {
    const types = p.instanceTypeNames.length ? `${p.instanceTypeNames.length} (${familiesText(p.families)})` : 'none';
    const gpus = p.gpuInstanceTypeCount ? `${span(p.gpus)} on ${p.gpuInstanceTypeCount} types` : '–';
    lines.push(row([`\`${p.name}\``, types, span(p.vcpu), span(p.memoryGiB), gpus, priceSpan(p.pricePerHour), priceSpan(p.pricePerVcpuHour, 5),
      limitsText(p.limits), p.ceilingPricePerHour !== undefined ? dollars(p.ceilingPricePerHour) : '–']));
  }
  lines.push('', 'The full list of each pool\'s instance types is in `capacity.json`.', '');
  const notes = pools.map(p => [p.name, [
    p.nodeClassNarrowing.length ? `node class: ${p.nodeClassNarrowing.join('; ')}` : '',
    p.unevaluatedKeys.length ? `not narrowing (no facts in the data): ${p.unevaluatedKeys.join(', ')}` : '',
    p.launchableInstanceTypeNames.length !== p.instanceTypeNames.length ? `${p.launchableInstanceTypeNames.length} of the types fit in the limits` : '',
    p.maxOnDemandPricePerHour !== undefined ? `limits derived from a budget of ${dollars(p.maxOnDemandPricePerHour)}/h on demand` : '',
    p.unpricedInstanceTypes.length ? `unpriced: ${p.unpricedInstanceTypes.join(', ')}` : '',
    ...p.unmetMinValues.map(u => `minValues ${u.required} on ${u.key}, only ${u.available} values offered`),
  ].filter(n => n)] as const).filter(([, n]) => n.length > 0);
  if (notes.length) lines.push(...notes.map(([name, n]) => `- \`${name}\`: ${n.join('; ')}`), '');
  return lines;
}

/** The table of workloads, and a note per workload that fits nowhere. */
function workloadSection(catalog: CapacityCatalogInfo, workloads: readonly WorkloadCapacityText[]): string[] {
  if (workloads.length === 0) return ['No workload.', ''];
  const lines = [
    row(['Workload', 'Replicas', 'Requests per pod', 'Placed on', 'Can run on', 'Fits on', 'Cheapest on-demand placement', '$/h', '$/month (730 h)']),
    row(['---', '---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const w of workloads) {
    const requests = Object.entries(w.requests).map(([r, v]) => `${r} ${v}`).join(', ') || 'none';
    const c = w.cheapest;
    lines.push(row([`\`${w.path}\``, `${w.replicas}`, requests, w.scheduledOn.join(', ') || '–', w.pools.map(p => p.poolName).join(', ') || 'no pool',
      `${w.fittingInstanceTypeNames.length} types`, c ? placementText(c) : '–',
      c ? dollars(c.pricePerHour) : '–', c ? dollars(c.pricePerMonth, 2) : '–']));
  }
  lines.push('', 'Placements pack the replicas (one for a workload at 0) onto the nodes of one instance type, with the DaemonSet pods of each node; '
    + `${pricingText(catalog)}.`, '');
  const problems = workloads.flatMap(w => w.pools.filter(p => p.problem !== undefined && p.scheduled).map(p => `- \`${w.path}\`: ${p.problem}`));
  if (problems.length) lines.push('Where a workload does not fit a pool it is placed on:', '', ...problems, '');
  return lines;
}

/** The report as Markdown: the sources, a table of pools, notes per pool, a table of workloads. */
export function reportMarkdown(
  catalog: CapacityCatalogInfo, pools: readonly NodePoolCapacityText[], workloads: readonly WorkloadCapacityText[]): string {
  return [
    '# Capacity',
    '',
    `- Instance types: the Karpenter ${catalog.karpenterVersion} instance-type reference (${catalog.sourceRepository} at ${catalog.sourceCommit.slice(0, 7)}, `
    + `${catalog.sourceDate}), ${catalog.instanceTypeCount} types; allocatable resources as Karpenter computes them for ${catalog.amiFamily} with default kubelet settings.`,
    `- Prices: on-demand US dollars per hour in ${catalog.pricingRegion}, from the price table of ${catalog.pricingDate} (${catalog.pricedInstanceTypeCount} of `
    + `${catalog.instanceTypeCount} types priced); ${catalog.pricingNote}. Types without a price are listed as unpriced.`,
    '- Requirements on capacity type and zones do not narrow the instance types: the data has no offerings.',
    '',
    '## NodePools',
    '',
    ...poolSection(pools),
    '## Workloads',
    '',
    ...workloadSection(catalog, workloads),
  ].join('\n');
}
