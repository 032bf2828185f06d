export * from './selectors';
export * from './relabel-rule';
export type { ScrapeEndpointOptions } from './scrape-endpoint';
export { ScrapeAuthorization, ScrapeCertificate } from './scrape-auth';
export type { ScrapeTlsOptions } from './scrape-auth';
export * from './service-monitor';
export * from './pod-monitor';
