export * from './panel';
export * from './grafana-dashboard';
export * from './autoscaling-dashboard';
