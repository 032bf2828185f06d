import type * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GENERAL_RULES, Rule } from '../core/rules';

/** A CfnOutput found in the AWS CDK tree: where to read its deployed value. */
export interface CfnOutputLocation {
  /** The deployed stack's name, as CloudFormation and `cdk deploy --outputs-file` know it. */
  readonly stackName: string;
  /** The output's logical id (CloudFormation `OutputKey`). */
  readonly outputKey: string;
  /** Construct path of the output, for messages. */
  readonly path: string;
  /**
   * The stack's own region, when the stack is not environment-agnostic.
   * @default - absent
   */
  readonly stackRegion?: string;
}

/** The outcome of searching for the CfnOutput that carries one token. */
export interface CfnOutputSearch {
  /**
   * The output carrying the token, if exactly one stack has one.
   * @default - absent
   */
  readonly output?: CfnOutputLocation;
  /** Every stack searched, by name (and construct path), for "not found" messages. */
  readonly stacksInspected: string[];
  /**
   * Outputs carrying the token in different stacks, when that is ambiguous.
   * @default - absent
   */
  readonly ambiguous?: string[];
  /**
   * Why the search could not run at all (no app to search, nested stack).
   * @default - absent
   */
  readonly problem?: CfnOutputSearchProblem;
}

/** Why a search for a CfnOutput could not run. */
export interface CfnOutputSearchProblem {
  /** The rule the token breaks. */
  readonly rule: Rule;
  /** What is wrong, for the message. */
  readonly message: string;
}

/**
 * aws-cdk-lib, loaded only once a token shows up: it is an optional peer dependency, and
 * users who resolve no AWS outputs must not need it installed.
 */
export function loadAwsCdkLib(): typeof cdk | undefined {
  try {
    // An optional peer, required lazily on purpose (the linter only knows it as a dev dependency).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('aws-cdk-lib');
  } catch {
    return undefined;
  }
}

/** The IResolvable behind a string that is exactly one token, if it is. */
function singleToken(lib: typeof cdk, value: string): cdk.IResolvable | undefined {
  const fragments = lib.Tokenization.reverseString(value);
  return fragments.length === 1 ? fragments.firstToken : undefined;
}

/** The construct a reference token points to (the resource whose attribute it is), if any. */
function targetOf(resolvable: cdk.IResolvable | undefined): IConstruct | undefined {
  const target = (resolvable as { target?: IConstruct } | undefined)?.target;
  return target?.node ? target : undefined;
}

/** The first resource any token in `value` references. */
function firstReferencedConstruct(lib: typeof cdk, value: string): IConstruct | undefined {
  return lib.Tokenization.reverseString(value).tokens.map(targetOf).find(t => t !== undefined);
}

/** Short description of a token for messages: the resource attribute it references. */
export function describeToken(lib: typeof cdk, token: string): string {
  const resolvable = singleToken(lib, token);
  const target = targetOf(resolvable);
  if (!target) return 'the AWS CDK token';
  const attribute = (resolvable as { displayName?: string }).displayName;
  return `the reference to ${target.node.path}${attribute ? ` (${attribute})` : ''}`;
}

function isCfnOutput(lib: typeof cdk, c: IConstruct): c is cdk.CfnOutput {
  // Duck-typed: `instanceof` fails when the app loaded another copy of aws-cdk-lib.
  return lib.CfnElement.isCfnElement(c) && 'importValue' in c && 'value' in c;
}

function carries(lib: typeof cdk, output: cdk.CfnOutput, token: string): boolean {
  const value: unknown = output.value;
  if (typeof value !== 'string') return false;
  if (value === token) return true;
  const resolvable = singleToken(lib, token);
  return resolvable !== undefined && singleToken(lib, value) === resolvable;
}

/**
 * Finds the CfnOutput whose value is `value` (a token, or a string with tokens), searching
 * `scope` or, by default, the whole AWS CDK app that defines a resource the value references.
 */
export function findCfnOutput(lib: typeof cdk, value: string, scope: IConstruct | undefined): CfnOutputSearch {
  const searchRoot = scope ?? firstReferencedConstruct(lib, value)?.node.root;
  if (!searchRoot) {
    return {
      stacksInspected: [],
      problem: {
        rule: GENERAL_RULES['GEN-44'],
        message: 'it references no resource, so the AWS CDK app to search is unknown: pass `awsScope` (the AWS CDK app or stack) to AwsCdkResolver',
      },
    };
  }
  const constructs = searchRoot.node.findAll();
  const stacks = constructs.filter(c => lib.Stack.isStack(c)) as cdk.Stack[];
  const stacksInspected = stacks.map(s => (s.stackName === s.node.path ? s.stackName : `${s.stackName} (${s.node.path})`));
  const matches = constructs.filter(c => isCfnOutput(lib, c) && carries(lib, c, value)) as cdk.CfnOutput[];
  if (matches.length === 0) return { stacksInspected };

  // The same reference exported from several stacks has one deployed value; a token such as
  // a pseudo parameter (Aws.REGION) can differ from stack to stack, so that is ambiguous.
  const target = targetOf(singleToken(lib, value));
  const inTargetStack = target && matches.find(m => lib.Stack.of(m) === lib.Stack.of(target));
  const oneStack = new Set(matches.map(m => lib.Stack.of(m))).size === 1;
  const chosen = inTargetStack ?? (target || oneStack ? matches[0] : undefined);
  if (!chosen) return { stacksInspected, ambiguous: matches.map(m => m.node.path) };

  const stack = lib.Stack.of(chosen);
  if (stack.nested) {
    return {
      stacksInspected,
      problem: {
        rule: GENERAL_RULES['GEN-47'],
        message: `its CfnOutput ${chosen.node.path} is in a nested stack, whose deployed name is not known at synth: add the CfnOutput to a top-level stack`,
      },
    };
  }
  return {
    stacksInspected,
    output: {
      stackName: stack.stackName,
      outputKey: stack.resolve(chosen.logicalId),
      path: chosen.node.path,
      stackRegion: lib.Token.isUnresolved(stack.region) ? undefined : stack.region,
    },
  };
}
