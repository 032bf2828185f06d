// Shared building blocks that are public API in their own right.
export * from './core/chart-alternatives';
export { ClusterScoped } from './core/cluster-scoped';
export type { SecretKeyReference } from './core/secret-keys';
export * from './core/topology-spread';
export { SynthWarnings } from './core/warnings';
export type { SynthWarning } from './core/warnings';
export * from './karpenter';
export * from './keda';
export * from './prometheus';
export * from './istio';
export * from './k6';
export * from './alb';
export * from './aws';
export * from './grafana';
export * from './hardening';
export * from './gitops';
export * from './patterns';
export * from './l1';
