import { IConstruct } from 'constructs';
import { PodIdentityJson } from './trigger-authentication-render';
import { checkFactoryValue } from '../core/checks';
import { invalidInput } from '../core/errors';
import { KEDA_RULES } from '../core/rules';
import { isUnresolvedToken } from '../core/service-refs';

/** Whose identity KEDA uses for AWS calls (`podIdentity.identityOwner`). */
export class PodIdentityOwner {
  /** The KEDA operator's own identity (EKS Pod Identity or IRSA of `keda-operator`). KEDA's default. */
  public static readonly KEDA = new PodIdentityOwner('keda');
  /** The scaled workload's ServiceAccount; needs IRSA (`eks.amazonaws.com/role-arn` on that ServiceAccount). */
  public static readonly WORKLOAD = new PodIdentityOwner('workload');

  private constructor(
    /** The value written to the manifest. */
    public readonly value: string,
  ) {}
}

/** Options for AWS pod identity. */
export interface AwsPodIdentityOptions {
  /**
   * IAM role KEDA assumes for this scaler. Mutually exclusive with `identityOwner`.
   * An unresolved AWS CDK token is accepted and left for the resolver.
   *
   * @default - KEDA's own identity, or the workload's when `identityOwner` is WORKLOAD
   */
  readonly roleArn?: string;

  /**
   * Whose identity KEDA uses. Mutually exclusive with `roleArn`.
   *
   * @default - unset: KEDA's own identity
   */
  readonly identityOwner?: PodIdentityOwner;

  /**
   * External ID for assuming `roleArn`; requires `roleArn`.
   *
   * @default - none
   */
  readonly externalId?: string;
}

/** Options for Azure workload identity. */
export interface AzureWorkloadIdentityOptions {
  /**
   * Client ID of the managed identity.
   *
   * @default - the identity bound to KEDA's ServiceAccount
   */
  readonly identityId?: string;

  /**
   * Tenant ID; required when `identityAuthorityHost` is set.
   *
   * @default - the identity's home tenant
   */
  readonly identityTenantId?: string;

  /**
   * Azure authority host.
   *
   * @default - the public Azure cloud
   */
  readonly identityAuthorityHost?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** AWS STS AssumeRole ExternalId. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** azidentity's validTenantID: a GUID or a domain name. */
const TENANT_ID = /^[A-Za-z0-9.-]+$/;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The platform identity KEDA uses to reach the event source (`spec.podIdentity`).
 * Prefer it to secrets: nothing secret is written to any manifest.
 */
export class PodIdentity {
  /** AWS (EKS Pod Identity or IRSA). Never the deprecated `aws-eks` provider. */
  public static aws(options: AwsPodIdentityOptions = {}): PodIdentity {
    return new PodIdentity('aws', (scope, field) => {
      const { roleArn, identityOwner, externalId } = options;
      checkFactoryValue(scope, `${field}.identityOwner`, identityOwner, PodIdentityOwner);
      if (roleArn !== undefined && !isUnresolvedToken(roleArn) && !ROLE_ARN.test(roleArn)) {
        throw invalidInput(scope, KEDA_RULES['TA-12'], `${field}.roleArn`, roleArn, 'must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>');
      }
      if (roleArn !== undefined && identityOwner !== undefined) {
        throw invalidInput(scope, KEDA_RULES['TA-13'], `${field}.identityOwner`, identityOwner.value, 'must be unset when roleArn is set: they are mutually exclusive (KEDA assumes roleArn with its own identity)');
      }
      if (externalId !== undefined && roleArn === undefined) {
        throw invalidInput(scope, KEDA_RULES['TA-04'], `${field}.externalId`, externalId, 'requires roleArn: an external ID only applies to assuming a role');
      }
      if (externalId !== undefined && externalId.length === 0) {
        throw invalidInput(scope, KEDA_RULES['TA-14'], `${field}.externalId`, externalId, 'must not be empty');
      }
      if (externalId !== undefined && !isUnresolvedToken(externalId) && !EXTERNAL_ID.test(externalId)) {
        throw invalidInput(scope, KEDA_RULES['TA-20'], `${field}.externalId`, externalId, 'must be 2 to 1224 letters, digits and +=,.@:/- (the form AWS STS takes)');
      }
      return {
        provider: 'aws',
        roleArn,
        identityOwner: identityOwner?.value,
        externalID: externalId,
      };
    }, options.identityOwner);
  }

  /** Azure workload identity. */
  public static azureWorkload(options: AzureWorkloadIdentityOptions = {}): PodIdentity {
    return new PodIdentity('azure-workload', (scope, field) => {
      const { identityId, identityTenantId, identityAuthorityHost } = options;
      for (const [name, value] of Object.entries({ identityId, identityTenantId, identityAuthorityHost })) {
        if (value === '') throw invalidInput(scope, KEDA_RULES['TA-14'], `${field}.${name}`, value, 'must not be empty; omit it instead');
      }
      if (identityId !== undefined && !isUnresolvedToken(identityId) && !GUID.test(identityId)) {
        throw invalidInput(scope, KEDA_RULES['TA-20'], `${field}.identityId`, identityId, 'must be the client ID of a managed identity, a GUID such as 00000000-0000-0000-0000-000000000000');
      }
      if (identityTenantId !== undefined && !isUnresolvedToken(identityTenantId) && !TENANT_ID.test(identityTenantId)) {
        throw invalidInput(scope, KEDA_RULES['TA-20'], `${field}.identityTenantId`, identityTenantId, 'must be a tenant ID: letters, digits, "." and "-" (a GUID or a domain)');
      }
      if (identityAuthorityHost !== undefined && !isUnresolvedToken(identityAuthorityHost) && !isHttpsUrl(identityAuthorityHost)) {
        throw invalidInput(scope, KEDA_RULES['TA-20'], `${field}.identityAuthorityHost`, identityAuthorityHost, 'must be an https URL such as "https://login.microsoftonline.com/"');
      }
      if (identityAuthorityHost !== undefined && identityTenantId === undefined) {
        throw invalidInput(scope, KEDA_RULES['TA-15'], `${field}.identityTenantId`, identityTenantId, 'is required when identityAuthorityHost is set');
      }
      return {
        provider: 'azure-workload',
        identityId,
        identityTenantId,
        identityAuthorityHost,
      };
    });
  }

  /** GCP workload identity. */
  public static gcp(): PodIdentity {
    return new PodIdentity('gcp', () => ({ provider: 'gcp' }));
  }

  private constructor(
    /** The provider written to `podIdentity.provider`. */
    public readonly provider: string,
    private readonly render: (scope: IConstruct, field: string) => PodIdentityJson,
    /** Whose identity is used, when set (AWS only). */
    public readonly identityOwner?: PodIdentityOwner,
  ) {}

  /** @internal */
  public _render(scope: IConstruct, field: string): PodIdentityJson {
    return this.render(scope, field);
  }
}
