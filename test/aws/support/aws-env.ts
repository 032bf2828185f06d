/**
 * The AWS SDK environment for tests: fake credentials, a region, and the loopback endpoint.
 * Everything that could reach a real AWS service or read the developer's own configuration
 * (profiles, instance metadata, container credentials, web identity) is switched off.
 */
const AWS_VARIABLES = [
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE',
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CLOUDFORMATION',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN', 'AWS_MAX_ATTEMPTS',
];

export const FAKE_ACCESS_KEY_ID = 'AKIAFAKEFORTESTS0001';

/** Sets the fake environment; returns a function that restores the previous one. */
export function useFakeAwsEnvironment(endpoint: string, overrides: { [name: string]: string | undefined } = {}): () => void {
  const saved = Object.fromEntries(AWS_VARIABLES.map(name => [name, process.env[name]]));
  for (const name of AWS_VARIABLES) delete process.env[name];
  const env: { [name: string]: string | undefined } = {
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
    AWS_CONFIG_FILE: '/nonexistent/aws/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    // One attempt: error answers come back at once instead of after the SDK's retry backoff.
    AWS_MAX_ATTEMPTS: '1',
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
