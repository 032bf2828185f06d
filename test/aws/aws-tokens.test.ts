import * as aws from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { isAwsCdkToken, isListToken } from '../../src/core/aws-tokens';

const queue = new sqs.Queue(new aws.Stack(new aws.App(), 'Stack'), 'Queue');

describe('isAwsCdkToken', () => {
  test('recognizes string, number and list tokens the way aws-cdk-lib does', () => {
    const values: unknown[] = [
      queue.queueUrl,
      `prefix/${queue.queueArn}`,
      aws.Token.asNumber(queue.queueUrl),
      aws.Token.asList(queue.queueUrl),
      aws.Aws.REGION,
    ];
    for (const value of values) {
      expect({ value, token: isAwsCdkToken(value) }).toEqual({ value, token: true });
      expect(aws.Token.isUnresolved(value)).toBe(true);
    }
  });

  test('recognizes a number token written into a string, which aws-cdk-lib resolves as a token too', () => {
    const value = `replicas=${aws.Token.asNumber(queue.queueUrl)}`;
    expect(isAwsCdkToken(value)).toBe(true);
    expect(aws.Tokenization.reverseString(value).tokens).toHaveLength(1);
  });

  test('leaves ordinary values alone', () => {
    const values: unknown[] = ['https://example.com', '${NOT_A_TOKEN}', 'Token[x]', 0, -1.5e289, 8080, ['a'], [], { a: 1 }, undefined, null];
    for (const value of values) {
      expect({ value, token: isAwsCdkToken(value) }).toEqual({ value, token: false });
      expect(aws.Token.isUnresolved(value)).toBe(false);
    }
  });

  test('tells list tokens apart from string tokens', () => {
    expect(isListToken(aws.Token.asList(queue.queueUrl)[0])).toBe(true);
    expect(isListToken(queue.queueUrl)).toBe(false);
  });
});
