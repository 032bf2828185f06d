import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { IConstruct } from 'constructs';
import { Autoscaler, CapacityAnalysis, PoolContext, PoolFit, PoolTest } from './analysis';
import { vcpus } from './cost';
import { shortfalls } from './fit';
import { InstanceTypeInfo, loadInstanceCatalog } from './instance-catalog-data';
import { capacityOf, CapacityPoolSource, PoolModel, poolModel, ResolvedLimits } from './pool-model';
import { formatBytes, formatQuantity, trimNumber } from './quantity';
import { catalogKeyOf, evaluateRequirements, RequirementSpec } from './requirements';
import { placementFieldsOf, PodPlacementFields } from './workload-view';
import { invalidInput, invalidInputMessage } from '../../core/errors';
import { KARPENTER_RULES, Rule, ruleSuffix } from '../../core/rules';
import { DocumentReader } from '../../core/validation';
import { addWarning, WARNING_METADATA_TYPE, WarningRecord } from '../../core/warnings';

/**
 * The capacity checks: per pool (CAP-01, CAP-02, CAP-04, CAP-07 and a pattern's expectation such as PAT-12), run as
 * the pool's own validation; and over the app (CAP-03, CAP-05), run once per validation pass as an app check.
 * cdk8s validates an app several times per synth, so warnings found while validating are recorded once.
 */

/** Records a warning found while validating, once however many validation passes find it. */
export function warnOnce(scope: IConstruct, rule: Rule, message: string): void {
  const full = `[${scope.node.path}] ${message}${ruleSuffix(rule)}`;
  const recorded = scope.node.metadata.some(m => m.type === WARNING_METADATA_TYPE && (m.data as WarningRecord).message === full);
  if (!recorded) addWarning(scope, rule, message);
}

/** `key In [a, b]`, for messages. */
export function describeSpec(spec: RequirementSpec): string {
  const values = spec.values ?? [];
  return `${spec.key} ${spec.operator}${values.length ? ` [${values.join(', ')}]` : ''}`;
}

/** A short list of type names: all of them up to `max`, else the first ones and how many more. */
export function listTypes(types: readonly InstanceTypeInfo[], max = 3): string {
  if (types.length <= max) return types.map(t => t.name).join(', ');
  return `${types.slice(0, max).map(t => t.name).join(', ')} and ${types.length - max} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why the pool admits no type: the node class, one requirement alone, or only the combination. */
function whyNoTypes(model: PoolModel): string {
  const catalog = loadInstanceCatalog();
  const total = catalog.types.length;
  const excluded = model.evaluation.excluded.size;
  if (excluded === total) return `the node class allows none (${model.narrowingNotes.join('; ')})`;
  const narrowed = model.narrowingNotes.length ? ` of the ${total - excluded} the node class allows (${model.narrowingNotes.join('; ')})` : '';
  const evaluated = model.specs.filter(s => catalogKeyOf(s.key, catalog, model.autoMode) !== undefined);
  const empty = evaluated.filter(s => evaluateRequirements([s], catalog, model.narrowing).compatible.length === 0);
  if (empty.length > 0) return `${empty.map(describeSpec).join(' and ')} alone ${empty.length === 1 ? 'admits' : 'admit'} no instance type${narrowed}`;
  return `each requirement admits some instance types${narrowed}, but no type satisfies all of them together`;
}

/** The categories of the catalog's types that offer a resource (`g, p` for `nvidia.com/gpu`). */
function categoriesWith(resource: string, model: PoolModel): string[] {
  const catalog = loadInstanceCatalog();
  const allowed = catalog.types.filter(t => !model.evaluation.excluded.has(t.name) && (t.allocatable[resource] ?? 0) > 0);
  return [...new Set(allowed.map(t => t.labels['karpenter.k8s.aws/instance-category']).filter(c => c !== undefined))].sort();
}

function limitField(resource: string): string {
  return resource === 'cpu' || resource === 'memory' || resource === 'nodes' ? `limits.${resource}` : `limits[${JSON.stringify(resource)}]`;
}

/** The limited resources in base units, by name. */
function limitEntries(limits: ResolvedLimits): [string, number][] {
  return [
    ...(limits.cpu !== undefined ? [['cpu', limits.cpu] as [string, number]] : []),
    ...(limits.memory !== undefined ? [['memory', limits.memory] as [string, number]] : []),
    ...(limits.nodes !== undefined ? [['nodes', limits.nodes] as [string, number]] : []),
    ...Object.entries(limits.resources),
  ];
}

function capacityWords(resource: string, amount: number): string {
  if (resource === 'cpu') return plural(amount, 'vCPU', 'vCPU');
  if (resource === 'memory') return `${trimNumber(amount / 2 ** 30, 2)}Gi of memory capacity`;
  return `${trimNumber(amount)} ${resource}`;
}

function budgetNote(model: PoolModel): string {
  const b = model.budget;
  if (!b) return '';
  const parts = [b.cpu !== undefined ? `cpu ${b.cpu}` : '', b.memory !== undefined ? `memory ${formatBytes(b.memory)}` : ''].filter(p => p);
  return parts.length ? ` (maxOnDemandPricePerHour $${b.maxPricePerHour}/h derives ${parts.join(', ')})` : '';
}

/** CAP-04: why no admitted type fits in the limits. */
function limitsProblem(model: PoolModel): string {
  const limits = model.limits!;
  const types = model.evaluation.compatible;
  const blocking: string[] = [];
  for (const [resource, limit] of limitEntries(limits)) {
    let smallest: InstanceTypeInfo | undefined;
    for (const t of types) if (!smallest || capacityOf(t, resource) < capacityOf(smallest, resource)) smallest = t;
    const least = capacityOf(smallest!, resource);
    if (resource === 'nodes' && limit < 1) {blocking.push(`limits.nodes ${limit} allows no node`);} else if (least > limit) {
      blocking.push(`${limitField(resource)} ${formatQuantity(resource, limit)} is below the ${capacityWords(resource, least)} of the smallest instance type it admits (${smallest!.name})`);
    }
  }
  const what = blocking.length ? blocking.join('; ') : 'no instance type it admits fits within all its limits together';
  return `launches no node: ${what}${budgetNote(model)}; Karpenter launches only instance types whose capacity fits in the limits, so its pods stay Pending. Raise the limits`;
}

/** The errors of one pool at synth (CAP-01, CAP-02, CAP-07, a pattern's expectation), and its CAP-04 warning. */
export function poolCapacityErrors(pool: CapacityPoolSource): string[] {
  const model = poolModel(pool);
  const compatible = model.evaluation.compatible;
  const total = loadInstanceCatalog().types.length;
  const described = model.specs.map(describeSpec);
  const expectation = model.expectation;
  if (expectation && !compatible.some(t => (t.allocatable[expectation.resource] ?? 0) > 0)) {
    const categories = categoriesWith(expectation.resource, model);
    return [invalidInputMessage(pool, expectation.rule, 'requirements', described,
      `must admit at least one instance type with ${expectation.resource} for a ${expectation.what}; they admit ${plural(compatible.length, 'instance type')}, none with ${expectation.resource}${compatible.length ? ` (${listTypes(compatible)})` : ''}. Types with ${expectation.resource} are in instance categories ${categories.join(', ') || 'none the node class allows'}`)];
  }
  if (compatible.length === 0) {
    return [invalidInputMessage(pool, KARPENTER_RULES['CAP-01'], 'requirements', described,
      `must admit at least one of the ${total} instance types Karpenter knows (docs/capacity.md): ${whyNoTypes(model)}, so no node can be launched`)];
  }
  const errors: string[] = [];
  for (const unmet of model.evaluation.unmetMinValues) {
    errors.push(invalidInputMessage(pool, KARPENTER_RULES['CAP-02'], `requirements (${unmet.key}).minValues`, unmet.required,
      `must be at most the ${unmet.available} distinct values of ${unmet.key} offered by the ${plural(compatible.length, 'instance type')} the pool admits (${listTypes(compatible)}); Karpenter launches nothing that cannot meet it`));
  }
  if (model.budget && model.budget.cpu === undefined) {
    errors.push(invalidInputMessage(pool, KARPENTER_RULES['CAP-07'], 'limits.maxOnDemandPricePerHour', model.budget.maxPricePerHour,
      `needs an instance type with an on-demand price to derive the cpu and memory limits from; the pool admits ${plural(compatible.length, 'instance type')} (${listTypes(compatible)}), none priced in the catalog; set limits.cpu and limits.memory instead`));
  }
  if (model.launchable.length === 0) warnOnce(pool, KARPENTER_RULES['CAP-04'], limitsProblem(model));
  return errors;
}

/** A pool for messages: `NodePool app/chart/pool ("pool")`. */
function poolName(model: PoolModel): string {
  return `NodePool ${model.path} ("${model.name}")`;
}

/** The largest of the types, by vCPU, then allocatable memory, then name. */
function largest(types: readonly InstanceTypeInfo[]): InstanceTypeInfo {
  return types.reduce((a, b) => {
    const byCpu = vcpus(b) - vcpus(a);
    if (byCpu !== 0) return byCpu > 0 ? b : a;
    const byMemory = (b.allocatable.memory ?? 0) - (a.allocatable.memory ?? 0);
    if (byMemory !== 0) return byMemory > 0 ? b : a;
    return b.name < a.name ? b : a;
  });
}

/** What does not fit on the largest candidate, with the DaemonSet pods of that type. */
function shortfallOnLargest(context: PoolContext, candidates: readonly InstanceTypeInfo[], requests: Readonly<Record<string, number>>): string {
  const type = largest(candidates);
  const overhead = context.daemonOverhead(type);
  const missing = shortfalls(type, { pod: requests, daemonSets: overhead.requests });
  const parts = missing.map(s => {
    const pod = s.resource === 'pods' ? 1 : requests[s.resource] ?? 0;
    const daemons = s.needed - pod;
    const need = daemons > 0
      ? `${formatQuantity(s.resource, s.needed)} needed (${formatQuantity(s.resource, pod)} for the pod, ${formatQuantity(s.resource, daemons)} for DaemonSets ${overhead.names.join(', ')})`
      : `${formatQuantity(s.resource, s.needed)} needed`;
    return `${s.resource} ${formatQuantity(s.resource, s.available)} allocatable for ${need}`;
  });
  return `the largest candidate, ${type.name}, has ${parts.join(', ')}`;
}

/** Why one replica fits no type of one pool. */
export function poolProblem(context: PoolContext, fit: PoolFit, requests: Readonly<Record<string, number>>): string {
  const model = context.model;
  const head = poolName(model);
  if (fit.excludedBecause !== undefined) return `${head} cannot host it: ${fit.excludedBecause}`;
  if (model.evaluation.compatible.length === 0) return `${head} admits no instance type`;
  if (fit.candidates.length === 0) {
    return `${head} admits ${plural(model.evaluation.compatible.length, 'instance type')}, none matching the pod's node selection`;
  }
  if (fit.fittingBeyondLimits.length > 0) {
    return `${head}: one replica fits only on instance types whose capacity exceeds the pool's limits (${fit.fittingBeyondLimits[0].name}; limits ${describeLimits(model.limits!)}), which Karpenter never launches`;
  }
  const count = fit.candidates.length;
  return `${head} launches ${plural(count, 'instance type')} for it (${listTypes(fit.candidates)}); ${shortfallOnLargest(context, fit.candidates, requests)}`;
}

function describeLimits(limits: ResolvedLimits): string {
  return limitEntries(limits).map(([r, v]) => `${r} ${formatQuantity(r, v)}`).join(', ');
}

/** CAP-03: a workload placed on pools fits one replica on some type of one of them. */
function workloadFitErrors(analysis: CapacityAnalysis): string[] {
  const errors: string[] = [];
  for (const workload of analysis.scheduledWorkloads()) {
    const view = analysis.view(workload);
    const pools = analysis.poolsOf(workload);
    // A pool that admits no instance type fails on its own (CAP-01, or its pattern's rule).
    if (pools.every(pool => analysis.context(pool).model.evaluation.compatible.length === 0)) continue;
    const fits = pools.map(pool => ({ context: analysis.context(pool), fit: analysis.context(pool).fit(view, true) }));
    if (fits.some(f => f.fit.fitting.length > 0)) continue;
    const requests = Object.fromEntries(Object.entries(view.requests).map(([r, v]) => [r, formatQuantity(r, v)]));
    const problems = fits.map(f => poolProblem(f.context, f.fit, view.requests));
    errors.push(invalidInput(workload, KARPENTER_RULES['CAP-03'], 'resources.requests (one pod)', requests,
      `must fit one replica on an instance type of the NodePool${pools.length > 1 ? 's' : ''} it is placed on: ${problems.join('; ')}`).message);
  }
  return errors;
}

/** CAP-05: replicas at maxReplicas beyond the cpu or memory limits of the pools the workload is placed on. */
function autoscalerWarnings(analysis: CapacityAnalysis): void {
  for (const scaler of analysis.autoscalers) {
    const pools = analysis.poolsOf(scaler.workload);
    if (pools.length === 0) continue;
    const view = analysis.view(scaler.workload);
    const models = pools.map(p => analysis.context(p).model);
    for (const resource of ['cpu', 'memory'] as const) {
      const each = view.requests[resource];
      const limits = models.map(m => m.limits?.[resource]);
      if (!each || limits.some(l => l === undefined)) continue;
      const limit = limits.reduce((a, b) => a! + b!, 0)!;
      const total = each * scaler.maxReplicas;
      if (total <= limit) continue;
      warnOnce(scaler.construct, KARPENTER_RULES['CAP-05'], autoscalerMessage(scaler, resource, each, total, limit, models));
    }
  }
}

function autoscalerMessage(scaler: Autoscaler, resource: string, each: number, total: number, limit: number, models: PoolModel[]): string {
  const where = models.length === 1 ? `the ${resource} limit ${formatQuantity(resource, limit)} of ${poolName(models[0])}` : `the ${resource} limits of ${models.map(poolName).join(' and ')} (${formatQuantity(resource, limit)} together)`;
  const stall = Math.floor(limit / each + 1e-9);
  return `maxReplicas: ${scaler.maxReplicas} replicas of ${scaler.workload.kind} "${scaler.workload.name}" request ${resource} ${formatQuantity(resource, total)} (${formatQuantity(resource, each)} each), beyond ${where} it is placed on: scale-out stalls at about ${plural(stall, 'replica')} (fewer once system reserve, DaemonSets and other pods count), and the rest stay Pending; raise the pool's limits or lower maxReplicas`;
}

/**
 * The app-wide capacity checks of one synthesis (CAP-03 errors, CAP-05 warnings), as a document check: it reads the
 * rendered pod specs of the workloads placed on pools and of every DaemonSet (their tolerations, node affinity and
 * nodeSelector), from the renders the app's document checks share, and checks once all are read.
 */
export function capacityDocumentCheck(constructs: readonly IConstruct[], isPool: PoolTest,
  scheduledOf: (pool: CapacityPoolSource) => kplus.Workload[]): DocumentReader | undefined {
  const placements = new Map<kplus.Workload, PodPlacementFields>();
  const analysis = new CapacityAnalysis(constructs, isPool, scheduledOf, workload => placements.get(workload));
  if (analysis.pools.length === 0) return undefined;
  const workloadOf = new Map<IConstruct, kplus.Workload>();
  for (const workload of [...analysis.scheduledWorkloads(), ...analysis.daemonSetWorkloads]) workloadOf.set(ApiObject.of(workload), workload);
  return {
    selects: object => workloadOf.has(object),
    check: batch => {
      for (const { object, document } of batch) {
        const workload = workloadOf.get(object)!;
        if (document !== undefined) placements.set(workload, placementFieldsOf(workload, document));
      }
      return [];
    },
    finish: () => {
      autoscalerWarnings(analysis);
      return workloadFitErrors(analysis);
    },
  };
}
