/**
 * A CloudFormation-compatible endpoint on 127.0.0.1 for tests: DescribeStacks in the awsQuery
 * protocol the installed @aws-sdk/client-cloudformation speaks (form-encoded POST, XML answer).
 *
 * It runs in its own node process: AwsCdkResolver blocks the test's event loop while its
 * SDK child process waits for the answer, so an in-process server could never reply.
 */
import { ChildProcess, spawn } from 'child_process';

export interface FakeStack {
  readonly outputs: { [key: string]: string };
  /** @default CREATE_COMPLETE */
  readonly status?: string;
}

/** An error answer for one stack name, e.g. AccessDenied. */
export interface FakeFailure {
  readonly httpStatus: number;
  readonly code: string;
  readonly message: string;
}

export interface FakeCloudFormationConfig {
  readonly stacks: { [stackName: string]: FakeStack };
  readonly failures?: { [stackName: string]: FakeFailure };
}

/** One DescribeStacks call as the server saw it, including what the SigV4 signature says. */
export interface RecordedRequest {
  readonly action?: string;
  readonly stackName?: string;
  readonly accessKeyId?: string;
  readonly region?: string;
}

/** Shipped to the server process as source text: self-contained, node globals only. */
function serveCloudFormation(config: FakeCloudFormationConfig): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require('http');
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const ns = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req: any, res: any) => {
    let body = '';
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/__requests') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(requests));
      }
      const params = new URLSearchParams(body);
      const signature = /Credential=([^/]+)\/\d{8}\/([^/]+)\/cloudformation\//.exec(String(req.headers.authorization ?? ''));
      const stackName = params.get('StackName') ?? '';
      requests.push({ action: params.get('Action') ?? undefined, stackName, accessKeyId: signature?.[1], region: signature?.[2] });

      const fail = (status: number, code: string, message: string) => {
        res.writeHead(status, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xml(message)}</Message></Error><RequestId>fake</RequestId></ErrorResponse>`);
      };
      if (params.get('Action') !== 'DescribeStacks') return fail(400, 'InvalidAction', `unsupported action ${params.get('Action')}`);
      const failure = config.failures?.[stackName];
      if (failure) return fail(failure.httpStatus, failure.code, failure.message);
      const stack = config.stacks[stackName];
      if (!stack) return fail(400, 'ValidationError', `Stack with id ${stackName} does not exist`);

      const outputs = Object.entries(stack.outputs)
        .map(([k, v]) => `<member><OutputKey>${xml(k)}</OutputKey><OutputValue>${xml(v)}</OutputValue></member>`).join('');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<DescribeStacksResponse xmlns="${ns}"><DescribeStacksResult><Stacks><member>`
        + `<StackName>${xml(stackName)}</StackName><StackId>arn:aws:cloudformation:${signature?.[2]}:111111111111:stack/${xml(stackName)}/fake</StackId>`
        + `<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>${stack.status ?? 'CREATE_COMPLETE'}</StackStatus>`
        + `<Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult>`
        + '<ResponseMetadata><RequestId>fake</RequestId></ResponseMetadata></DescribeStacksResponse>');
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
}

export class FakeCloudFormation {
  /** Starts the server process and waits until it listens. */
  public static async start(config: FakeCloudFormationConfig): Promise<FakeCloudFormation> {
    const script = `(${serveCloudFormation.toString()})(${JSON.stringify(config)});`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', code => reject(new Error(`fake CloudFormation exited with ${code}`)));
      child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
    return new FakeCloudFormation(child, `http://127.0.0.1:${port}`);
  }

  private constructor(private readonly child: ChildProcess, public readonly endpoint: string) {}

  /** Every request received so far, oldest first. */
  public async requests(): Promise<RecordedRequest[]> {
    const response = await fetch(`${this.endpoint}/__requests`);
    return response.json() as Promise<RecordedRequest[]>;
  }

  public async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}
