import { App } from 'cdk8s';
import { buildApp as awsCdkOutputs } from './aws-cdk-outputs/app';
import { buildApp as quickstart } from './quickstart/app';

/**
 * One entry per example: its folder name under examples/ (and examples/dist/) and the
 * function that builds its cdk8s App without synthesizing it, so tests can inspect the charts.
 */
export interface Example {
  readonly name: string;
  readonly buildApp: (outdir: string) => App;
}

export const EXAMPLES: Example[] = [
  { name: 'quickstart', buildApp: quickstart },
  { name: 'aws-cdk-outputs', buildApp: awsCdkOutputs },
];
