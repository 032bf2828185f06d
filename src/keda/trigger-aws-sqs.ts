import { IConstruct } from 'constructs';
import { checkAwsRegion, compact, formatBoolean, formatNumber, TriggerDefinition } from './trigger-common';
import { AwsSqsQueueTriggerOptions, SqsIdentityOwner } from './trigger-options';
import { checkFactoryValue, checkHttpUrl, checkInteger } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';
import { addWarning } from '../core/warnings';

const QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,75}(\.fifo)?|[A-Za-z0-9_-]{1,80})$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** @internal */
export function awsSqsQueueTrigger(options: AwsSqsQueueTriggerOptions): TriggerDefinition {
  return {
    type: 'aws-sqs-queue',
    options,
    validate: (scope, field) => validateSqs(scope, field, options),
    metadata: () => compact({
      awsRegion: options.region ?? regionOf(options.queueUrl),
      queueURL: options.queueUrl,
      queueURLFromEnv: options.queueUrlFromEnv,
      queueLength: options.queueLength === undefined ? undefined : formatNumber(options.queueLength),
      activationQueueLength: options.activationQueueLength === undefined ? undefined : formatNumber(options.activationQueueLength),
      awsEndpoint: options.endpoint,
      scaleOnInFlight: formatBoolean(options.scaleOnInFlight),
      scaleOnDelayed: formatBoolean(options.scaleOnDelayed),
      identityOwner: options.identityOwner?.value,
    }),
  };
}

function regionOf(queueUrl: string | undefined): string | undefined {
  return queueUrl === undefined ? undefined : QUEUE_URL.exec(queueUrl)?.[1];
}

function validateSqs(scope: IConstruct, field: string, o: AwsSqsQueueTriggerOptions): void {
  checkFactoryValue(scope, `${field}.identityOwner`, o.identityOwner, SqsIdentityOwner);
  if ((o.queueUrl === undefined) === (o.queueUrlFromEnv === undefined)) {
    throw invalidInput(scope, KEDA_RULES['SQ-01'], `${field}.queueUrl`, o.queueUrl, 'exactly one of queueUrl and queueUrlFromEnv is required');
  }
  if (o.queueUrlFromEnv !== undefined && !ENV_VAR_NAME.test(o.queueUrlFromEnv)) {
    throw invalidInput(scope, KEDA_RULES['KT-06'], `${field}.queueUrlFromEnv`, o.queueUrlFromEnv, 'must be an environment variable name');
  }
  if (o.endpoint !== undefined) checkHttpUrl(scope, `${field}.endpoint`, o.endpoint);
  const url = o.queueUrl;
  if (url !== undefined && !isUnresolvedToken(url)) {
    if (o.endpoint !== undefined) {
      checkHttpUrl(scope, `${field}.queueUrl`, url);
    } else if (!QUEUE_URL.test(url)) {
      throw invalidInput(scope, KEDA_RULES['SQ-09'], `${field}.queueUrl`, url, 'must be https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name> (up to 80 letters, digits, "-" or "_", FIFO names ending in ".fifo")');
    }
  }
  checkAwsRegion(scope, `${field}.region`, o.region);
  const urlRegion = o.endpoint === undefined ? regionOf(url) : undefined;
  if (o.region !== undefined && urlRegion !== undefined && !isUnresolvedToken(o.region) && o.region !== urlRegion) {
    throw invalidInput(scope, KEDA_RULES['SQ-08'], `${field}.region`, o.region, `must match the queue URL's region "${urlRegion}"; omit region to take it from the URL`);
  }
  if (o.region === undefined && urlRegion === undefined) {
    throw invalidInput(scope, KEDA_RULES['SQ-02'], `${field}.region`, undefined, 'is required when the queue URL does not name a region (queueUrlFromEnv, a token, or a custom endpoint)');
  }
  checkInteger(scope, KEDA_RULES['SQ-04'], `${field}.queueLength`, o.queueLength, 1);
  checkInteger(scope, KEDA_RULES['SQ-04'], `${field}.activationQueueLength`, o.activationQueueLength, 0);
  if (!o.authentication && o.identityOwner !== SqsIdentityOwner.OPERATOR) {
    throw invalidInput(scope, KEDA_RULES['SQ-05'], `${field}.authentication`, undefined, 'is required: without it the scaler has no AWS credentials (KEDA fails with "awsAccessKeyID not found"); pass a TriggerAuthentication with PodIdentity.aws(...)');
  }
  if (o.identityOwner !== undefined) {
    addWarning(scope, KEDA_RULES['SQ-10'], `${field}.identityOwner: deprecated since KEDA 2.13 and ignored when the authentication uses a pod identity; configure the identity on the TriggerAuthentication`);
  }
}
