export * from './node-class';
export * from './requirement';
export * from './disruption';
export * from './node-pool';
export * from './ec2-node-class';
export * from './capacity-reservation';
export * from './ec2-networking';
