export * from './l1';
