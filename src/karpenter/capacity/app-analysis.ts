// Internal: one look at an app for the public capacity API (reports), with NodePool known by class. Only the public
// report modules import this file; node-pool.ts passes its own test to the app check, so there is no import cycle.
import { IConstruct } from 'constructs';
import { CapacityAnalysis } from './analysis';
import { CapacityPoolSource } from './pool-model';
import { rootOf } from '../../core/validation';
import { NodePool } from '../node-pool';

function isNodePool(construct: IConstruct): construct is NodePool & CapacityPoolSource {
  return construct instanceof NodePool;
}

/** One look at the whole app `scope` belongs to. */
export function analyzeApp(scope: IConstruct): CapacityAnalysis {
  return new CapacityAnalysis(rootOf(scope).node.findAll(), isNodePool, pool => (pool as NodePool).scheduledWorkloads.map(s => s.workload));
}
