export * from './target-group-binding';
