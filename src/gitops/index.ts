export * from './sync-waves';
