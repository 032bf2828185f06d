export * from './spot-on-demand-split';
export * from './gpu-node-pool';
export * from './architecture-pools';
