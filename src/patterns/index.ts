export * from './spot-on-demand-split';
export * from './gpu-node-pool';
export * from './architecture-pools';
// Generic topology spread for cdk8s-plus workloads, defined in core and public through here.
export * from '../core/topology-spread';
