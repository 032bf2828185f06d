export * from './k6-script';
export * from './test-run';
