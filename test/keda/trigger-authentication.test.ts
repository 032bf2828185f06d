import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { deployment, docOf, expectMessage, newChart, synthApp, synthFailure, thrownBy } from './support';
import { WorkloadReference } from '../../src/common/references';
import { warningsOf } from '../../src/core/warnings';
import {
  ClusterTriggerAuthentication, PodIdentity, PodIdentityOwner, ScaledObject, ScalerTrigger, TriggerAuthentication, TriggerAuthenticationBase,
  TriggerAuthenticationProps,
} from '../../src/keda';
import { expectValidManifests } from '../support/manifest-validator';

const ROLE = 'arn:aws:iam::707257249187:role/webinar-infnet-keda';
const PROM = { serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: 'sum(up)', threshold: 1 };

function specOf(props: TriggerAuthenticationProps): any {
  const { app, chart } = newChart('shop');
  new TriggerAuthentication(chart, 'auth', { metadata: { name: 'auth' }, ...props });
  const docs = synthApp(app);
  expectValidManifests(docs);
  return docOf(docs, 'TriggerAuthentication').spec;
}

describe('TriggerAuthentication', () => {
  test('matches the snapshot with a pod identity and every kind of reference', () => {
    const { app, chart } = newChart('shop');
    const auth = new TriggerAuthentication(chart, 'auth', {
      metadata: { name: 'prometheus-auth' },
      podIdentity: PodIdentity.aws({ roleArn: ROLE, externalId: 'shop-prod' }),
      secretTargets: [{ parameter: 'bearerToken', secret: kplus.Secret.fromSecretName(chart, 'token', 'prom-token'), key: 'token' }],
      configMapTargets: [{ parameter: 'ca', configMap: kplus.ConfigMap.fromConfigMapName(chart, 'ca', 'prom-ca'), key: 'ca.crt' }],
    });
    auth.addEnvTarget({ parameter: 'host', envVarName: 'RABBIT_HOST', containerName: 'worker' });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docs).toMatchSnapshot();
  });

  test('writes an AWS pod identity with only the owner', () => {
    expect(specOf({ podIdentity: PodIdentity.aws({ identityOwner: PodIdentityOwner.WORKLOAD }) })).toEqual({ podIdentity: { provider: 'aws', identityOwner: 'workload' } });
  });

  test('writes Azure workload and GCP identities', () => {
    const azure = { identityId: '00000000-0000-0000-0000-00000000000a', identityTenantId: 'contoso.onmicrosoft.com', identityAuthorityHost: 'https://login.microsoftonline.com/' };
    expect(specOf({ podIdentity: PodIdentity.azureWorkload(azure) }).podIdentity).toEqual({ provider: 'azure-workload', ...azure });
    expect(specOf({ podIdentity: PodIdentity.gcp() })).toEqual({ podIdentity: { provider: 'gcp' } });
  });

  test('accepts an unresolved AWS CDK token as the role ARN', () => {
    expect(specOf({ podIdentity: PodIdentity.aws({ roleArn: '${Token[TOKEN.42]}' }) }).podIdentity.roleArn).toBe('${Token[TOKEN.42]}');
  });

  test('renders references added after construction', () => {
    const { app, chart } = newChart('shop');
    const auth = new TriggerAuthentication(chart, 'auth', {});
    auth.addSecretTarget({ parameter: 'password', secret: kplus.Secret.fromSecretName(chart, 's', 'db'), key: 'password' });
    auth.addConfigMapTarget({ parameter: 'host', configMap: kplus.ConfigMap.fromConfigMapName(chart, 'c', 'db'), key: 'host' });
    expect(docOf(synthApp(app), 'TriggerAuthentication').spec).toEqual({
      secretTargetRef: [{ parameter: 'password', name: 'db', key: 'password' }],
      configMapTargetRef: [{ parameter: 'host', name: 'db', key: 'host' }],
    });
  });

  test('imports one by name, referenced without a kind', () => {
    const { app, chart } = newChart('shop');
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromName({ name: 'web' }),
      triggers: [ScalerTrigger.prometheus({ ...PROM, authentication: TriggerAuthentication.fromTriggerAuthenticationName(chart, 'auth', 'shared-auth') })],
    });
    expect(docOf(synthApp(app), 'ScaledObject').spec.triggers[0].authenticationRef).toEqual({ name: 'shared-auth' });
  });

  test('warns when a referenced Secret is synthesized with the credential in it', () => {
    const { chart } = newChart('shop');
    const secret = new kplus.Secret(chart, 'secret', { stringData: { token: 'abc' } });
    new TriggerAuthentication(chart, 'auth', { secretTargets: [{ parameter: 'bearerToken', secret, key: 'token' }] });
    expect(warningsOf(chart)).toEqual([expect.stringContaining('[test/auth] secretTargets[0]: Secret "test-secret" is synthesized with a literal value for key "token"')]);
  });

  test.each<[string, TriggerAuthenticationProps, string, string, string]>([
    ['a malformed role ARN', { podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::123:role/x' }) }, 'podIdentity.roleArn', '"arn:aws:iam::123:role/x"', 'must be an IAM role ARN'],
    ['a role ARN with an identity owner', { podIdentity: PodIdentity.aws({ roleArn: ROLE, identityOwner: PodIdentityOwner.KEDA }) }, 'podIdentity.identityOwner', '"keda"',
      'must be unset when roleArn is set'],
    ['an external ID without role', { podIdentity: PodIdentity.aws({ externalId: 'x' }) }, 'podIdentity.externalId', '"x"', 'requires roleArn'],
    ['an Azure authority host without tenant', { podIdentity: PodIdentity.azureWorkload({ identityAuthorityHost: 'https://x' }) }, 'podIdentity.identityTenantId', 'undefined',
      'is required when identityAuthorityHost is set'],
    ['an empty Azure identity ID', { podIdentity: PodIdentity.azureWorkload({ identityId: '' }) }, 'podIdentity.identityId', '""', 'must not be empty'],
    ['an Azure identity ID that is not a GUID', { podIdentity: PodIdentity.azureWorkload({ identityId: 'my identity' }) }, 'podIdentity.identityId', '"my identity"', 'must be the client ID of a managed identity, a GUID'],
    ['an Azure tenant with a space', { podIdentity: PodIdentity.azureWorkload({ identityTenantId: 'contoso tenant' }) }, 'podIdentity.identityTenantId', '"contoso tenant"', 'must be a tenant ID'],
    ['an Azure authority host that is not https', { podIdentity: PodIdentity.azureWorkload({ identityTenantId: 'contoso.com', identityAuthorityHost: 'login.example' }) },
      'podIdentity.identityAuthorityHost', '"login.example"', 'must be an https URL'],
    ['an external ID with a space', { podIdentity: PodIdentity.aws({ roleArn: ROLE, externalId: 'shop prod' }) }, 'podIdentity.externalId', '"shop prod"', 'must be 2 to 1224 letters, digits and +=,.@:/-'],
    ['a forged pod identity', { podIdentity: { provider: 'aws' } as any }, 'podIdentity', '{"provider":"aws"}', 'must be made by PodIdentity: PodIdentity.aws(...)'],
    ['a forged identity owner', { podIdentity: PodIdentity.aws({ identityOwner: { value: 'keda' } as any }) }, 'podIdentity.identityOwner', '{"value":"keda"}',
      'must be made by PodIdentityOwner: PodIdentityOwner.KEDA, PodIdentityOwner.WORKLOAD'],
    ['a role ARN with a placeholder that is not a token', { podIdentity: PodIdentity.aws({ roleArn: 'arn:aws:iam::${ACCOUNT}:role/keda' }) }, 'podIdentity.roleArn',
      '"arn:aws:iam::${ACCOUNT}:role/keda"', 'must be an IAM role ARN'],
  ])('throws on %s', (_case, props, field, value, allowed) => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => new TriggerAuthentication(chart, 'auth', props)), '[test/auth]', `${field}: got ${value}`, allowed);
  });

  test('throws on a duplicate parameter across references', () => {
    const { chart } = newChart('shop');
    const auth = new TriggerAuthentication(chart, 'auth', { secretTargets: [{ parameter: 'host', secret: kplus.Secret.fromSecretName(chart, 's', 'db'), key: 'host' }] });
    expectMessage(thrownBy(() => auth.addEnvTarget({ parameter: 'host', envVarName: 'HOST' })), '[test/auth]', 'envTargets[0].parameter: got "host"', 'entries must be unique');
  });

  test.each([
    ['a Secret key with a slash', () => ({ secretTargets: [{ parameter: 'p', secret: kplus.Secret.fromSecretName(newChart().chart, 's', 'db'), key: 'a/b' }] }),
      'secretTargets[0].key', '"a/b"', 'must be a Secret key'],
    ['an env var name starting with a digit', () => ({ envTargets: [{ parameter: 'p', envVarName: '1X' }] }), 'envTargets[0].envVarName', '"1X"', 'must be an environment variable name'],
    ['an empty parameter', () => ({ envTargets: [{ parameter: '', envVarName: 'X' }] }), 'envTargets[0].parameter', '""', 'must be a scaler parameter name'],
    ['an empty Secret name', () => ({ secretTargets: [{ parameter: 'p', secret: kplus.Secret.fromSecretName(newChart().chart, 's', ''), key: 'k' }] }),
      'secretTargets[0].secret.name', '""', 'must be a DNS-1123 subdomain'],
    ['an empty Secret key', () => ({ secretTargets: [{ parameter: 'p', secret: kplus.Secret.fromSecretName(newChart().chart, 's', 'db'), key: '' }] }),
      'secretTargets[0].key', '""', 'must be a Secret key'],
    ['a ConfigMap name with a space', () => ({ configMapTargets: [{ parameter: 'p', configMap: kplus.ConfigMap.fromConfigMapName(newChart().chart, 'c', 'my ca'), key: 'ca' }] }),
      'configMapTargets[0].configMap.name', '"my ca"', 'must be a DNS-1123 subdomain'],
    ['a malformed ConfigMap key', () => ({ configMapTargets: [{ parameter: 'p', configMap: kplus.ConfigMap.fromConfigMapName(newChart().chart, 'c', 'ca'), key: 'a b' }] }),
      'configMapTargets[0].key', '"a b"', 'must be a ConfigMap key'],
    ['a ConfigMap key over 253 characters', () => ({ configMapTargets: [{ parameter: 'p', configMap: kplus.ConfigMap.fromConfigMapName(newChart().chart, 'c', 'ca'), key: 'k'.repeat(254) }] }),
      'configMapTargets[0].key', `"${'k'.repeat(254)}"`, 'at most 253'],
    ['the Secret key ".."', () => ({ secretTargets: [{ parameter: 'p', secret: kplus.Secret.fromSecretName(newChart().chart, 's', 'db'), key: '..' }] }),
      'secretTargets[0].key', '".."', 'not "." or ".."'],
    ['an empty ServiceAccount name', () => ({ boundServiceAccountTokens: [{ parameter: 'p', serviceAccount: kplus.ServiceAccount.fromServiceAccountName(newChart().chart, 'sa', '') }] }),
      'boundServiceAccountTokens[0].serviceAccount.name', '""', 'must be a DNS-1123 subdomain'],
  ])('throws on %s', (_case, props, field, value, allowed) => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => new TriggerAuthentication(chart, 'auth', props())), '[test/auth]', `${field}: got ${value}`, allowed);
  });

  test.each([
    ['an empty name', ''], ['a name with capitals', 'Shared_Auth'],
  ])('throws on an imported TriggerAuthentication with %s, where the reference is made', (_case, name) => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => TriggerAuthentication.fromTriggerAuthenticationName(chart, 'shared', name)), '[test/shared]', `name: got ${JSON.stringify(name)}`,
      'must be a DNS-1123 subdomain', '(GEN-04)');
    expectMessage(thrownBy(() => ClusterTriggerAuthentication.fromClusterTriggerAuthenticationName(chart, 'cluster', name)), '[test/cluster]', 'name:', '(GEN-04)');
  });

  test('throws on bad metadata: labels, namespace, and a name from an unset environment variable', () => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => new TriggerAuthentication(chart, 'a', { metadata: { labels: { 'a b': 'x' } }, podIdentity: PodIdentity.gcp() })),
      '[test/a]', 'metadata.labels key: got "a b"', '(GEN-06)');
    expectMessage(thrownBy(() => new TriggerAuthentication(chart, 'b', { metadata: { namespace: 'Istio_Ingress' }, podIdentity: PodIdentity.gcp() })),
      '[test/b]', 'metadata.namespace: got "Istio_Ingress"', '(GEN-05)');
    expectMessage(thrownBy(() => new ClusterTriggerAuthentication(chart, 'c', { metadata: { name: process.env.CDK8S_EKS_AUTOSCALING_UNSET ?? '' }, podIdentity: PodIdentity.gcp() })),
      '[test/c]', 'metadata.name: got ""', '(GEN-04)');
  });

  test('fails when empty', () => {
    const { app, chart } = newChart('shop');
    new TriggerAuthentication(chart, 'auth');
    expectMessage(synthFailure(app), '[test/auth]', 'spec: got {}', 'needs podIdentity, secretTargets, configMapTargets, envTargets, boundServiceAccountTokens or oauth2');
  });

  test('fails when a referenced Secret lives in another namespace', () => {
    const { app, chart } = newChart('shop');
    const secret = new kplus.Secret(chart, 'secret', { metadata: { namespace: 'other' } });
    new TriggerAuthentication(chart, 'auth', { secretTargets: [{ parameter: 'bearerToken', secret, key: 'token' }] });
    expectMessage(synthFailure(app), '[test/auth]', 'secretTargets[0].secret: got "Secret/test-secret in namespace other"', 'must be in the TriggerAuthentication\'s namespace (shop)');
  });
});

describe('TriggerAuthentication without stored credentials', () => {
  const clientSecret = (chart: Chart) => ({ secret: kplus.Secret.fromSecretName(chart, 'oauth', 'oauth-client'), key: 'client-secret' });

  test('fills a parameter with a bound ServiceAccount token', () => {
    const { app, chart } = newChart('shop');
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'keda-reader' }, automountToken: false });
    new TriggerAuthentication(chart, 'auth', { metadata: { name: 'auth' }, boundServiceAccountTokens: [{ parameter: 'bearerToken', serviceAccount }] });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'TriggerAuthentication').spec).toEqual({ boundServiceAccountToken: [{ parameter: 'bearerToken', serviceAccountName: 'keda-reader' }] });
  });

  test('fetches an OAuth2 token with the client-credentials flow', () => {
    const { app, chart } = newChart('shop');
    new TriggerAuthentication(chart, 'auth', {
      metadata: { name: 'auth' },
      oauth2: {
        clientId: 'keda',
        clientSecret: clientSecret(chart),
        tokenUrl: 'https://login.example.com/oauth2/token',
        scopes: ['metrics.read'],
        tokenUrlParams: { audience: 'prometheus' },
      },
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'TriggerAuthentication').spec).toEqual({
      oauth2: {
        type: 'clientCredentials',
        clientId: 'keda',
        clientSecret: { valueFrom: { secretKeyRef: { name: 'oauth-client', key: 'client-secret' } } },
        tokenUrl: 'https://login.example.com/oauth2/token',
        scopes: ['metrics.read'],
        tokenUrlParams: { audience: 'prometheus' },
      },
    });
  });

  test.each([
    ['an empty client id (TA-10)', (chart: Chart) => ({ clientId: ' ', clientSecret: clientSecret(chart), tokenUrl: 'https://login.example.com/token' }),
      'oauth2.clientId', '" "', 'must not be empty'],
    ['a token URL that is not http(s) (TA-10)', (chart: Chart) => ({ clientId: 'keda', clientSecret: clientSecret(chart), tokenUrl: 'ftp://login.example.com/token' }),
      'oauth2.tokenUrl', '"ftp://login.example.com/token"', 'must be an http:// or https:// URL'],
    ['a scope with a space', (chart: Chart) => ({ clientId: 'keda', clientSecret: clientSecret(chart), tokenUrl: 'https://login.example.com/token', scopes: ['a b'] }),
      'oauth2.scopes[0]', '"a b"', 'must be an OAuth2 scope'],
    ['a client Secret without a name', (chart: Chart) => ({
      clientId: 'keda', clientSecret: { secret: kplus.Secret.fromSecretName(chart, 'empty', ''), key: 'k' }, tokenUrl: 'https://login.example.com/token',
    }), 'oauth2.clientSecret.secret.name', '""', 'must be a DNS-1123 subdomain'],
  ])('throws on %s', (_case, oauth2, field, value, allowed) => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => new TriggerAuthentication(chart, 'auth', { oauth2: oauth2(chart) })), '[test/auth]', `${field}: got ${value}`, allowed);
  });

  test('throws when a bound token fills a parameter another reference fills', () => {
    const { chart } = newChart('shop');
    const serviceAccount = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reader');
    const auth = new TriggerAuthentication(chart, 'auth', { envTargets: [{ parameter: 'bearerToken', envVarName: 'TOKEN' }] });
    expectMessage(thrownBy(() => auth.addBoundServiceAccountToken({ parameter: 'bearerToken', serviceAccount })),
      '[test/auth]', 'boundServiceAccountTokens[0].parameter: got "bearerToken"', 'entries must be unique');
  });

  test('fails when the ServiceAccount or the client Secret lives in another namespace', () => {
    const { app, chart } = newChart('shop');
    const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'reader', namespace: 'monitoring' }, automountToken: false });
    const secret = new kplus.Secret(chart, 'client', { metadata: { name: 'client', namespace: 'monitoring' } });
    new TriggerAuthentication(chart, 'auth', {
      boundServiceAccountTokens: [{ parameter: 'bearerToken', serviceAccount }],
      oauth2: { clientId: 'keda', clientSecret: { secret, key: 'secret' }, tokenUrl: 'https://login.example.com/token' },
    });
    const message = synthFailure(app);
    expectMessage(message, '[test/auth] boundServiceAccountTokens[0].serviceAccount: got "ServiceAccount/reader in namespace monitoring"', 'namespace (shop)');
    expectMessage(message, '[test/auth] oauth2.clientSecret: got "Secret/client in namespace monitoring"');
  });
});

describe('ClusterTriggerAuthentication', () => {
  test('matches the snapshot and carries no namespace even in a namespaced chart', () => {
    const { app, chart } = newChart('shop');
    new ClusterTriggerAuthentication(chart, 'auth', {
      metadata: { name: 'example-clustertriggerauthentication' },
      secretTargets: [{ parameter: 'example-secret-parameter', secret: kplus.Secret.fromSecretName(chart, 's', 'example-secret-name'), key: 'example-role-key' }],
    });
    const docs = synthApp(app);
    expectValidManifests(docs);
    expect(docOf(docs, 'ClusterTriggerAuthentication').metadata).toEqual({ name: 'example-clustertriggerauthentication' });
    expect(docs).toMatchSnapshot();
  });

  test('throws on a namespace: it is cluster-scoped (GEN-55)', () => {
    const { chart } = newChart('shop');
    expectMessage(thrownBy(() => new ClusterTriggerAuthentication(chart, 'auth', { metadata: { name: 'aws', namespace: 'keda' }, podIdentity: PodIdentity.aws() })),
      '[test/auth]', 'metadata.namespace: got "keda"', 'must be unset: ClusterTriggerAuthentication is cluster-scoped', '(GEN-55)');
  });

  test('is one ApiObject, told apart from TriggerAuthentications and other ApiObjects by instanceof', () => {
    const { chart } = newChart('shop');
    const cluster = new ClusterTriggerAuthentication(chart, 'cluster', { podIdentity: PodIdentity.aws() });
    const namespaced = new TriggerAuthentication(chart, 'namespaced', { podIdentity: PodIdentity.aws() });
    const web = deployment(chart, 'web');
    expect(ApiObject.of(cluster)).toBe(cluster);
    expect([cluster instanceof TriggerAuthenticationBase, cluster instanceof ClusterTriggerAuthentication, cluster instanceof TriggerAuthentication])
      .toEqual([true, true, false]);
    expect([namespaced instanceof TriggerAuthenticationBase, namespaced instanceof ClusterTriggerAuthentication]).toEqual([true, false]);
    expect(ApiObject.of(web) instanceof TriggerAuthenticationBase).toBe(false);
    expect([cluster.resourceType, namespaced.resourceType]).toEqual(['clustertriggerauthentications', 'triggerauthentications']);
  });

  test('is referenced with its kind, from any namespace', () => {
    const { app, chart } = newChart('shop');
    const auth = new ClusterTriggerAuthentication(chart, 'auth', { metadata: { name: 'aws' }, podIdentity: PodIdentity.aws() });
    new ScaledObject(chart, 'so', {
      metadata: { namespace: 'other' },
      target: WorkloadReference.fromName({ name: 'web' }),
      triggers: [
        ScalerTrigger.prometheus({ ...PROM, authentication: auth }),
        ScalerTrigger.prometheus({ ...PROM, authentication: ClusterTriggerAuthentication.fromClusterTriggerAuthenticationName(chart, 'shared', 'shared') }),
      ],
    });
    const refs = docOf(synthApp(app), 'ScaledObject').spec.triggers.map((t: any) => t.authenticationRef);
    expect(refs).toEqual([{ name: 'aws', kind: 'ClusterTriggerAuthentication' }, { name: 'shared', kind: 'ClusterTriggerAuthentication' }]);
  });
});

describe('authentication used by a ScaledObject', () => {
  test('fails when the TriggerAuthentication is in another namespace (TA-09)', () => {
    const { app, chart } = newChart('shop');
    const auth = new TriggerAuthentication(chart, 'auth', { metadata: { name: 'aws', namespace: 'keda' }, podIdentity: PodIdentity.aws() });
    new ScaledObject(chart, 'so', { target: WorkloadReference.fromName({ name: 'web' }), triggers: [ScalerTrigger.prometheus({ ...PROM, authentication: auth })] });
    expectMessage(synthFailure(app), '[test/so]', 'triggers[0].authentication: got "TriggerAuthentication/aws in namespace keda"',
      'must be in the ScaledObject\'s namespace (shop), or be a ClusterTriggerAuthentication');
  });

  /** A Deployment running as `serviceAccount(chart)`, scaled through an identityOwner-workload TriggerAuthentication `irsa`. */
  function workloadIdentity(serviceAccount: (chart: Chart) => kplus.IServiceAccount | undefined) {
    const { app, chart } = newChart('shop');
    const web = deployment(chart, 'web', undefined, { metadata: { name: 'web' }, serviceAccount: serviceAccount(chart) });
    const auth = new TriggerAuthentication(chart, 'auth', { metadata: { name: 'irsa' }, podIdentity: PodIdentity.aws({ identityOwner: PodIdentityOwner.WORKLOAD }) });
    new ScaledObject(chart, 'so', {
      target: WorkloadReference.fromWorkload(web),
      triggers: [ScalerTrigger.awsSqsQueue({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/707257249187/q', authentication: auth })],
    });
    return { app, chart };
  }

  test('fails with identityOwner workload when the workload\'s ServiceAccount has no IRSA role (TA-08)', () => {
    const { app } = workloadIdentity(chart => new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'worker' } }));
    expectMessage(synthFailure(app), '[test/so]', 'triggers[0].authentication: got "TriggerAuthentication/irsa with identityOwner workload"',
      'needs IRSA on the target\'s ServiceAccount worker (annotation eks.amazonaws.com/role-arn)');
  });

  test('accepts identityOwner workload with an IRSA ServiceAccount', () => {
    const { app } = workloadIdentity(chart => new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'worker', annotations: { 'eks.amazonaws.com/role-arn': ROLE } } }));
    expect(() => synthApp(app)).not.toThrow();
  });

  test('warns with identityOwner workload when the workload runs as the default ServiceAccount', () => {
    const { app, chart } = workloadIdentity(() => undefined);
    synthApp(app);
    expect(warningsOf(chart).join('\n')).toContain('runs as the namespace\'s default one; it needs IRSA');
  });
});
