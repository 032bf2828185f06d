export * from './selectors';
export * from './relabel-rule';
export type { ScrapeEndpointOptions } from './scrape-endpoint';
export * from './service-monitor';
export * from './pod-monitor';
