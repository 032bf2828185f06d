import { execFileSync } from 'child_process';

/** What one DescribeStacks call of one stack came to. */
export interface StackOutputsResult {
  readonly kind: 'ok' | 'no-region' | 'no-credentials' | 'no-stack' | 'failed';
  /**
   * The region the AWS SDK used, when it found one.
   * @default - absent
   */
  readonly region?: string;
  /**
   * The CloudFormation endpoint the request went to, when one was built.
   * @default - absent
   */
  readonly endpoint?: string;
  /**
   * The stack's status (CREATE_COMPLETE, ROLLBACK_COMPLETE, ...), on success.
   * @default - absent
   */
  readonly status?: string;
  /**
   * Output key to value, on success.
   * @default - absent
   */
  readonly outputs?: { [key: string]: string };
  /**
   * The SDK's error, on failure.
   * @default - absent
   */
  readonly message?: string;
}

interface ChildRequest {
  readonly sdkPath: string;
  readonly stackName: string;
  /**
   * Region for the SDK client.
   * @default - the SDK's own configuration (AWS_REGION, profile)
   */
  readonly region?: string;
}

/**
 * Runs in a separate node process (cdk8s resolvers are synchronous; the AWS SDK is not), so it
 * must be self-contained: it is shipped as source text and sees only its argument and node globals.
 * The SDK resolves region, credentials and endpoint (AWS_ENDPOINT_URL_CLOUDFORMATION,
 * AWS_ENDPOINT_URL) from the environment the standard way.
 */
async function describeStackInChildProcess(request: ChildRequest): Promise<void> {
  const reply = (result: StackOutputsResult) => process.stdout.write(JSON.stringify(result));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(request.sdkPath);
  const client = new sdk.CloudFormationClient(request.region ? { region: request.region } : {});
  let region: string | undefined;
  try {
    region = await client.config.region();
  } catch {
    region = undefined;
  }
  if (!region) return void reply({ kind: 'no-region' });

  let endpoint: string | undefined;
  client.middlewareStack.add((next: (args: any) => Promise<unknown>) => async (args: any) => {
    const r = args.request;
    endpoint = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path ?? ''}`;
    return next(args);
  }, { step: 'build' });

  try {
    const response = await client.send(new sdk.DescribeStacksCommand({ StackName: request.stackName }));
    const stack = response.Stacks?.[0];
    if (!stack) return void reply({ kind: 'no-stack', region, endpoint, message: 'DescribeStacks returned no stack' });
    const outputs: { [key: string]: string } = {};
    for (const o of stack.Outputs ?? []) outputs[o.OutputKey] = o.OutputValue;
    reply({ kind: 'ok', region, endpoint, status: stack.StackStatus, outputs });
  } catch (e: any) {
    const message = `${e?.name ?? 'Error'}: ${e?.message ?? String(e)}`;
    if (e?.name === 'CredentialsProviderError') return void reply({ kind: 'no-credentials', region, endpoint, message });
    if (e?.name === 'ValidationError' && /does not exist/.test(e?.message ?? '')) return void reply({ kind: 'no-stack', region, endpoint, message });
    reply({ kind: 'failed', region, endpoint, message });
  } finally {
    client.destroy();
  }
}

/** Where @aws-sdk/client-cloudformation is installed, seen from this package (it is an optional peer). */
export function cloudFormationSdkPath(): string | undefined {
  try {
    return require.resolve('@aws-sdk/client-cloudformation');
  } catch {
    return undefined;
  }
}

/**
 * Reads one stack's outputs with CloudFormation DescribeStacks, synchronously, by running the
 * AWS SDK in a child node process that inherits this process's environment.
 */
export function describeStackOutputs(sdkPath: string, stackName: string, region: string | undefined, timeoutMillis: number): StackOutputsResult {
  const request: ChildRequest = { sdkPath, stackName, region };
  const script = `(${describeStackInChildProcess.toString()})(${JSON.stringify(request)}).catch(e => { console.error(e); process.exit(1); });`;
  try {
    const stdout = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      timeout: timeoutMillis,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Explicit, so the SDK sees this process's environment as it is now (test runners swap `process`).
      env: process.env,
      windowsHide: true,
    });
    return JSON.parse(stdout) as StackOutputsResult;
  } catch (e: any) {
    if (e?.code === 'ETIMEDOUT') {
      return { kind: 'failed', region, message: `DescribeStacks did not answer within ${timeoutMillis / 1000}s` };
    }
    const stderr = String(e?.stderr ?? '').trim().split('\n').slice(-3).join(' ');
    return { kind: 'failed', region, message: `the AWS SDK process failed: ${stderr || e?.message}` };
  }
}
