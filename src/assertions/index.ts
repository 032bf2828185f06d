// Assertions on synthesized manifests for users' tests, modeled on `aws-cdk-lib/assertions`.
export { Manifests } from './manifests';
export { Match } from './match';
export { Capture } from './capture';
export { Matcher, MatchResult } from './matcher';
export type { MatchFailure } from './matcher';
