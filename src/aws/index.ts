export * from './aws-cdk-resolver';
