export * from './gateway';
export * from './http-match';
export * from './http-route';
export * from './virtual-service';
export * from './destination-rule';
