import * as fs from 'fs';
import type * as cdk from 'aws-cdk-lib';
import { Duration, IResolver, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CfnOutputLocation, describeToken, findCfnOutput, loadAwsCdkLib } from './cdk-outputs';
import { cloudFormationSdkPath, describeStackOutputs, StackOutputsResult } from './cloudformation';
import { isAwsCdkToken, isListToken } from '../core/aws-tokens';
import { describeValue, invalidInput } from '../core/errors';
import { GENERAL_RULES, Rule, ruleSuffix } from '../core/rules';

/**
 * Options of `AwsCdkResolver`.
 */
export interface AwsCdkResolverProps {
  /**
   * The AWS CDK app or stack whose CfnOutputs are searched for tokens.
   *
   * Needed only for tokens that reference no resource (e.g. `Aws.ACCOUNT_ID`, `Fn.join`),
   * or to narrow the search to one stack.
   *
   * @default - the AWS CDK app that defines the resource each token references
   */
  readonly awsScope?: IConstruct;

  /**
   * Region to read environment-agnostic stacks from. A stack with a concrete
   * `env.region` is always read from its own region.
   *
   * @default - the AWS SDK's region: `AWS_REGION`, or the profile's region in ~/.aws/config
   */
  readonly region?: string;

  /**
   * Deployed output values to use instead of CloudFormation, by stack name and then output
   * key (logical id): the shape `cdk deploy --outputs-file` writes. A stack listed here is
   * never looked up in CloudFormation; use it for offline synthesis from a recorded deployment.
   *
   * @default - every stack's outputs are read from CloudFormation
   */
  readonly outputs?: { [stackName: string]: { [outputKey: string]: string } };

  /**
   * How long reading one stack's outputs may take, SDK retries included. Each stack is read
   * once and cached for the life of the resolver; create a new resolver to see a redeployment.
   *
   * @default Duration.minutes(1)
   */
  readonly timeout?: Duration;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** Builds the error for the value being resolved, from the rule it breaks and what is wrong with it. */
type Fail = (rule: Rule, allowed: string) => Error;
const RESOLVER_PATH = 'AwsCdkResolver';

/** Errors in the resolver's own options: the library's error shape, with the resolver as the path. */
function optionError(rule: Rule, field: string, value: unknown, allowed: string): Error {
  return new Error(`[${RESOLVER_PATH}] ${field}: got ${describeValue(value)}; ${allowed}${ruleSuffix(rule)}`);
}

/**
 * Replaces AWS CDK tokens in manifests by the deployed values of the CfnOutputs that carry
 * them, read from CloudFormation (DescribeStacks) at synth.
 *
 * The AWS SDK is configured the standard way: region from the stack's env, the `region`
 * option or the SDK chain; credentials from the default chain; endpoint from
 * `AWS_ENDPOINT_URL_CLOUDFORMATION` or `AWS_ENDPOINT_URL`. Needs `aws-cdk-lib`, and
 * `@aws-sdk/client-cloudformation` unless every stack is given in `outputs`.
 *
 * @example
 * const k8sApp = new App({ resolvers: [new AwsCdkResolver()] });
 */
export class AwsCdkResolver implements IResolver {
  /**
   * A resolver that reads deployed outputs from the JSON file `cdk deploy --outputs-file <file>`
   * wrote, so synthesis needs no AWS access. Stacks missing from the file are read from CloudFormation.
   *
   * @param file path of the outputs file
   * @param props further options; `props.outputs` entries take precedence over the file's
   */
  public static fromOutputsFile(file: string, props: AwsCdkResolverProps = {}): AwsCdkResolver {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e: any) {
      throw optionError(GENERAL_RULES['GEN-41'], 'outputsFile', file, `must be a readable JSON file as written by \`cdk deploy --outputs-file\` (${e?.message})`);
    }
    const fromFile = AwsCdkResolver.checkOutputs(`outputsFile ${file}`, parsed);
    return new AwsCdkResolver({ ...props, outputs: { ...fromFile, ...props.outputs } });
  }

  private static checkOutputs(field: string, outputs: unknown): { [stackName: string]: { [outputKey: string]: string } } {
    const isObject = (x: unknown): x is { [key: string]: unknown } => typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!isObject(outputs)) throw optionError(GENERAL_RULES['GEN-40'], field, outputs, 'must map stack names to objects of output key to string value');
    for (const [stackName, stackOutputs] of Object.entries(outputs)) {
      if (!isObject(stackOutputs)) throw optionError(GENERAL_RULES['GEN-40'], `${field}[${JSON.stringify(stackName)}]`, stackOutputs, 'must map output keys to string values');
      for (const [key, value] of Object.entries(stackOutputs)) {
        if (typeof value !== 'string') throw optionError(GENERAL_RULES['GEN-40'], `${field}[${JSON.stringify(stackName)}][${JSON.stringify(key)}]`, value, 'must be a string (CloudFormation output values are strings)');
      }
    }
    return outputs as { [stackName: string]: { [outputKey: string]: string } };
  }

  private readonly awsScope?: IConstruct;
  private readonly region?: string;
  private readonly outputs: { [stackName: string]: { [outputKey: string]: string } };
  private readonly timeoutMillis: number;
  /** DescribeStacks results by region and stack name: one call per stack for the life of the resolver. */
  private readonly described = new Map<string, StackOutputsResult>();

  public constructor(props: AwsCdkResolverProps = {}) {
    if (props.region !== undefined && !REGION.test(props.region)) {
      throw optionError(GENERAL_RULES['GEN-38'], 'region', props.region, 'must be an AWS region code such as "us-east-1" or "eu-west-1"');
    }
    const timeoutMillis = (props.timeout ?? Duration.minutes(1)).toMilliseconds({ integral: false });
    if (!Number.isInteger(timeoutMillis) || timeoutMillis <= 0) {
      throw optionError(GENERAL_RULES['GEN-39'], 'timeout', props.timeout?.toHumanString(), 'must be a positive whole number of milliseconds');
    }
    this.awsScope = props.awsScope;
    this.region = props.region;
    this.outputs = AwsCdkResolver.checkOutputs('outputs', props.outputs ?? {});
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Replaces a value holding AWS CDK tokens by the deployed values of their CfnOutputs.
   * Other values are left to the next resolver.
   */
  public resolve(context: ResolutionContext): void {
    const value: unknown = context.value;
    if (!isAwsCdkToken(value)) return;
    const fail: Fail = (rule, allowed) => invalidInput(context.obj, rule, fieldOf(context.key), value, allowed);

    const lib = loadAwsCdkLib();
    if (!lib) throw fail(GENERAL_RULES['GEN-42'], 'resolving AWS CDK tokens needs aws-cdk-lib installed (npm install aws-cdk-lib)');
    if (Array.isArray(value) || isListToken(value)) {
      throw fail(GENERAL_RULES['GEN-43'], 'a list token cannot be resolved: CloudFormation outputs are strings; output Fn.join(\',\', list) and use that string instead');
    }
    if (typeof value !== 'string') {
      throw fail(GENERAL_RULES['GEN-43'], `a ${typeof value} token cannot be resolved: CloudFormation outputs are strings; use Token.asString(...) of it in the CfnOutput and the manifest`);
    }
    context.replaceValue(this.resolveString(lib, value, fail));
  }

  /** A string with text around its tokens resolves whole if one CfnOutput carries it, otherwise token by token. */
  private resolveString(lib: typeof cdk, value: string, fail: Fail): string {
    const fragments = lib.Tokenization.reverseString(value);
    if (fragments.length > 1) {
      const whole = findCfnOutput(lib, value, this.awsScope);
      if (whole.output) return this.deployedValue(whole.output, fail);
    }
    return fragments
      .mapTokens({ mapToken: t => this.resolveToken(lib, lib.Token.asString(t), value, fail) })
      .join({ join: (left: unknown, right: unknown) => `${left}${right}` });
  }

  private resolveToken(lib: typeof cdk, token: string, value: string, fail: Fail): string {
    const search = findCfnOutput(lib, token, this.awsScope);
    const subject = `${describeToken(lib, token)}${token === value ? '' : ` ${token}`}`;
    if (search.problem) throw fail(search.problem.rule, `cannot resolve ${subject}: ${search.problem.message}`);
    if (search.ambiguous) {
      throw fail(GENERAL_RULES['GEN-46'], `${subject} is the value of CfnOutputs in different stacks (${search.ambiguous.join(', ')}), whose deployed values may differ: pass \`awsScope\` to choose the stack`);
    }
    if (!search.output) {
      const inspected = search.stacksInspected.length ? search.stacksInspected.join(', ') : 'none found';
      throw fail(GENERAL_RULES['GEN-45'], `${subject} is not the value of any CfnOutput in the stacks inspected (${inspected}): add \`new CfnOutput(stack, 'SomeId', { value: <this token> })\` and deploy it`);
    }
    return this.deployedValue(search.output, fail);
  }

  private deployedValue(output: CfnOutputLocation, fail: Fail): string {
    const { stackName, outputKey } = output;
    const supplied = this.outputs[stackName];
    if (supplied) {
      if (supplied[outputKey] === undefined) {
        throw fail(GENERAL_RULES['GEN-48'], `the supplied outputs of stack "${stackName}" have no "${outputKey}" (the value of ${output.path}); they have: ${Object.keys(supplied).join(', ') || 'none'}`);
      }
      return supplied[outputKey];
    }

    const sdkPath = cloudFormationSdkPath();
    if (!sdkPath) {
      throw fail(GENERAL_RULES['GEN-49'], `reading output "${outputKey}" of stack "${stackName}" needs @aws-sdk/client-cloudformation installed (npm install @aws-sdk/client-cloudformation), or its value in the resolver's \`outputs\``);
    }
    const region = output.stackRegion ?? this.region;
    const regionSource = output.stackRegion ? 'the stack\'s env' : this.region ? 'the resolver\'s `region`' : 'the AWS SDK: AWS_REGION or the profile';
    const cacheKey = `${region ?? ''}|${stackName}`;
    if (!this.described.has(cacheKey)) this.described.set(cacheKey, describeStackOutputs(sdkPath, stackName, region, this.timeoutMillis));
    const result = this.described.get(cacheKey)!;

    const where = `in ${result.region ?? region ?? 'an unknown region'} (region from ${regionSource})${result.endpoint ? ` at ${result.endpoint}` : ''}`;
    switch (result.kind) {
      case 'ok': {
        const value = result.outputs?.[outputKey];
        if (value === undefined) {
          const present = Object.keys(result.outputs ?? {}).join(', ') || 'none';
          throw fail(GENERAL_RULES['GEN-53'], `stack "${stackName}" ${where} (status ${result.status}) has no output "${outputKey}" (the value of ${output.path}); it has: ${present}. Deploy the current AWS CDK app (cdk deploy ${stackName})`);
        }
        return value;
      }
      case 'no-region':
        throw fail(GENERAL_RULES['GEN-50'], `cannot read output "${outputKey}" of stack "${stackName}": no AWS region. The stack is environment-agnostic, the resolver has no \`region\`, and the AWS SDK found none (set AWS_REGION, or a region in the profile's ~/.aws/config)`);
      case 'no-credentials':
        throw fail(GENERAL_RULES['GEN-51'], `cannot read output "${outputKey}" of stack "${stackName}" ${where}: no AWS credentials (${result.message}); configure the default credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, SSO or an instance role)`);
      case 'no-stack':
        throw fail(GENERAL_RULES['GEN-52'], `CloudFormation has no stack "${stackName}" ${where} (${result.message}); deploy it (cdk deploy ${stackName}) or check the region and account`);
      default:
        throw fail(GENERAL_RULES['GEN-54'], `DescribeStacks of stack "${stackName}" ${where} failed: ${result.message}`);
    }
  }
}

/** `['spec', 'triggers', '0', 'metadata']` → `spec.triggers[0].metadata`. */
function fieldOf(key: string[]): string {
  return key.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(root)';
}
