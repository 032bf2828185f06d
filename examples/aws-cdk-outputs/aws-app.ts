import * as aws from 'aws-cdk-lib';
import { addAutoscalingAwsStack } from './aws-stack';

// The AWS CDK app of this example, for `cdk deploy` (see README.md); the cdk8s side is app.ts.
const awsApp = new aws.App();
addAutoscalingAwsStack(awsApp);
awsApp.synth();
