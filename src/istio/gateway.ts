import { Construct, IConstruct } from 'constructs';
import { checkGatewayHost } from './istio-checks';
import { CustomResource, CustomResourceProps } from '../common/custom-resource';
import { TlsVersion } from '../common/tls';
import { checkDnsLabel, checkFactoryValue, checkInteger, checkLabels, checkObjectName, checkUnique } from '../core/checks';
import { invalidInput, invalidInputMessage } from '../core/errors';
import { checkProps } from '../core/prop-checks';
import { ISTIO_RULES } from '../core/rules';
import { addSynthValidation } from '../core/validation';
import { addWarning } from '../core/warnings';

/** A Gateway that VirtualServices can bind to: one defined in this app or imported by name. */
export interface IGateway extends IConstruct {
  /** The Gateway's name. */
  readonly name: string;

  /**
   * The Gateway's namespace.
   * @default - none: applied to kubectl's current namespace
   */
  readonly gatewayNamespace?: string;

  /**
   * The hosts its servers expose, when known.
   * @default - unknown (imported Gateways)
   */
  readonly serverHosts?: string[];
}

/** Port protocol of a Gateway server. */
export class GatewayProtocol {
  /** Plain HTTP/1.1. */
  public static readonly HTTP = new GatewayProtocol('HTTP', 80);
  /** HTTP terminated with TLS at the gateway; needs `tls`. */
  public static readonly HTTPS = new GatewayProtocol('HTTPS', 443);
  /** Cleartext HTTP/2. */
  public static readonly HTTP2 = new GatewayProtocol('HTTP2');
  /** gRPC. */
  public static readonly GRPC = new GatewayProtocol('GRPC');
  /** Opaque TCP. */
  public static readonly TCP = new GatewayProtocol('TCP');
  /** TLS, terminated or passed through by SNI; needs `tls`. */
  public static readonly TLS = new GatewayProtocol('TLS');

  private constructor(
    /** The protocol as written to the manifest. */
    public readonly value: string,
    /** The port this protocol usually listens on, if any. */
    public readonly standardPort?: number) {}

  /** True for protocols that need TLS settings. */
  public get needsTls(): boolean {
    return this.value === 'HTTPS' || this.value === 'TLS';
  }

  /** True for the plain-text HTTP family (the only one `httpsRedirect` applies to). */
  public get isPlainHttp(): boolean {
    return ['HTTP', 'HTTP2', 'GRPC'].includes(this.value);
  }
}

/** How a server uses TLS. */
export class GatewayTlsMode {
  /** Terminate TLS with the server certificate in `credentialName`. */
  public static readonly SIMPLE = new GatewayTlsMode('SIMPLE', true);
  /** Terminate TLS and require client certificates (CA in `credentialName`). */
  public static readonly MUTUAL = new GatewayTlsMode('MUTUAL', true);
  /** Terminate TLS; verify client certificates when presented. */
  public static readonly OPTIONAL_MUTUAL = new GatewayTlsMode('OPTIONAL_MUTUAL', true);
  /** Route by SNI without terminating TLS. */
  public static readonly PASSTHROUGH = new GatewayTlsMode('PASSTHROUGH', false);
  /** Istio mTLS with workload certificates. */
  public static readonly ISTIO_MUTUAL = new GatewayTlsMode('ISTIO_MUTUAL', false);

  private constructor(
    /** The mode as written to the manifest. */
    public readonly value: string,
    /** True when the mode needs a certificate from `credentialName`. */
    public readonly needsCredential: boolean) {}
}

/** TLS settings of an HTTPS or TLS server. */
export interface GatewayServerTls {
  /**
   * TLS mode.
   *
   * @default GatewayTlsMode.SIMPLE
   */
  readonly mode?: GatewayTlsMode;

  /**
   * Name of the Kubernetes Secret (in the gateway's namespace) holding the certificate and key.
   * Required for SIMPLE, MUTUAL and OPTIONAL_MUTUAL; inline certificate paths are not offered.
   *
   * @default - none
   */
  readonly credentialName?: string;

  /**
   * Lowest TLS version accepted.
   *
   * @default TlsVersion.TLS1_2
   */
  readonly minProtocolVersion?: TlsVersion;

  /**
   * Highest TLS version accepted.
   *
   * @default - Envoy's default (TLS 1.3)
   */
  readonly maxProtocolVersion?: TlsVersion;

  /**
   * Client certificate subject alternative names accepted (MUTUAL modes).
   *
   * @default - any
   */
  readonly subjectAltNames?: string[];
}

/** One server (listener) of a Gateway. */
export interface GatewayServerOptions {
  /** Hosts served, as `<host>` or `<namespace>/<host>` (scoping which namespaces' VirtualServices may bind). */
  readonly hosts: string[];

  /** Port number the gateway workload listens on. */
  readonly port: number;

  /** Protocol of the port. */
  readonly protocol: GatewayProtocol;

  /**
   * Port name; must be unique across the Gateway's servers.
   *
   * @default - the protocol in lower case on its standard port ("http" on 80, "https" on 443), otherwise "<protocol>-<port>"
   */
  readonly portName?: string;

  /**
   * TLS settings; required for HTTPS and TLS, not allowed on plain-text ports.
   *
   * @default - none
   */
  readonly tls?: GatewayServerTls;

  /**
   * Answer plain HTTP requests with a 301 redirect to HTTPS (HTTP servers only).
   *
   * @default false
   */
  readonly httpsRedirect?: boolean;

  /**
   * Optional server name, used in metrics.
   *
   * @default - none
   */
  readonly name?: string;
}

/** Properties of a Gateway. */
export interface GatewayProps extends CustomResourceProps {
  /**
   * Labels of the gateway workload (the Envoy deployment) this configuration applies to.
   *
   * @default { istio: 'ingressgateway' } (the Istio ingress gateway chart's label)
   */
  readonly selector?: { [key: string]: string };

  /**
   * Servers; more can be added with `addServer`. At least one is required at synth.
   *
   * @default - none
   */
  readonly servers?: GatewayServerOptions[];
}

/** A manifest object as rendered (plain JSON). */
type Json = { [key: string]: unknown };

class ImportedGateway extends Construct implements IGateway {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly gatewayNamespace?: string) {
    super(scope, id);
    // the reference is checked where it is made: istiod requires a DNS label for Gateway names
    checkDnsLabel(this, 'name', name);
    checkDnsLabel(this, 'gatewayNamespace', gatewayNamespace);
  }
}

/**
 * An Istio Gateway (networking.istio.io/v1): the listeners of an ingress gateway.
 *
 * HTTPS servers require a `credentialName` and default to TLS 1.2 or newer; hosts, port names,
 * protocols and TLS combinations are validated as istiod does (GW-01..GW-09).
 */
export class Gateway extends CustomResource implements IGateway {
  /** References a Gateway defined outside this app, e.g. a shared one in `istio-system`. */
  public static fromGatewayName(scope: Construct, id: string, name: string, gatewayNamespace?: string): IGateway {
    return new ImportedGateway(scope, id, name, gatewayNamespace);
  }

  private readonly servers: GatewayServerOptions[] = [];
  private readonly selector: { [key: string]: string };

  constructor(scope: Construct, id: string, props: GatewayProps = {}) {
    checkProps(scope, id, 'GatewayProps', props);
    super(scope, id, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      resourceType: 'gateways',
    }, { metadata: props.metadata });
    // istiod requires a DNS label (no dots) for Gateway names
    checkDnsLabel(this, 'metadata.name', props.metadata?.name);
    this.selector = props.selector ?? { istio: 'ingressgateway' };
    checkLabels(this, 'selector', this.selector);
    if (Object.keys(this.selector).length === 0) {
      throw invalidInput(this, ISTIO_RULES['GW-10'], 'selector', {}, 'must name at least one label of the gateway workload; an empty selector applies to every gateway');
    }
    for (const server of props.servers ?? []) this.addServer(server);
    addSynthValidation(this, () => this.servers.length === 0 ? [invalidInputMessage(this, ISTIO_RULES['GW-01'], 'servers', [], 'a Gateway needs at least one server (addServer)')] : []);
  }

  /** The Gateway's namespace. */
  public get gatewayNamespace(): string | undefined {
    return this.metadata.namespace;
  }

  /** Every host of every server, as written (with any namespace prefix). */
  public get serverHosts(): string[] | undefined {
    return this.servers.flatMap(s => s.hosts);
  }

  /** Adds a server (listener). */
  public addServer(server: GatewayServerOptions): void {
    const field = `servers[${this.servers.length}]`;
    this.renderServer(server, field);
    const names = [...this.servers, server].map(s => portNameOf(s));
    checkUnique(this, ISTIO_RULES['GW-11'], `${field}.port.name`, names);
    this.servers.push(server);
  }

  protected renderSpec(): unknown {
    return {
      selector: this.selector,
      servers: this.servers.map((s, i) => this.renderServer(s, `servers[${i}]`)),
    };
  }

  private renderServer(s: GatewayServerOptions, field: string): Json {
    checkFactoryValue(this, `${field}.protocol`, s.protocol, GatewayProtocol);
    checkFactoryValue(this, `${field}.tls.mode`, s.tls?.mode, GatewayTlsMode);
    checkFactoryValue(this, `${field}.tls.minProtocolVersion`, s.tls?.minProtocolVersion, TlsVersion);
    checkFactoryValue(this, `${field}.tls.maxProtocolVersion`, s.tls?.maxProtocolVersion, TlsVersion);
    if (s.hosts.length === 0) throw invalidInput(this, ISTIO_RULES['GW-02'], `${field}.hosts`, [], 'a server needs at least one host');
    s.hosts.forEach((h, i) => checkGatewayHost(this, `${field}.hosts[${i}]`, h));
    if (s.hosts.some(h => h === '*' || h.endsWith('/*'))) {
      addWarning(this, ISTIO_RULES['GW-12'], `${field}.hosts: "*" accepts every host name; scope it to your domains`);
    }
    checkInteger(this, ISTIO_RULES['GW-03'], `${field}.port`, s.port, 1, 65535);
    checkDnsLabel(this, `${field}.portName`, s.portName);

    if (s.httpsRedirect && !s.protocol.isPlainHttp) {
      throw invalidInput(this, ISTIO_RULES['GW-13'], `${field}.httpsRedirect`, true, `only applies to plain HTTP servers, not ${s.protocol.value}`);
    }
    if (s.protocol.needsTls && !s.tls) {
      throw invalidInput(this, ISTIO_RULES['GW-05'], `${field}.tls`, undefined, `is required for ${s.protocol.value} servers (give at least credentialName)`);
    }
    if (!s.protocol.needsTls && s.tls) {
      throw invalidInput(this, ISTIO_RULES['GW-05'], `${field}.tls`, s.tls.credentialName ?? s.tls.mode?.value, `is not allowed on plain-text ${s.protocol.value} ports; use protocol HTTPS or TLS, or httpsRedirect`);
    }
    const tls = s.tls ? this.renderTls(s.tls, `${field}.tls`) : undefined;
    return {
      name: s.name,
      hosts: s.hosts,
      port: { number: s.port, protocol: s.protocol.value, name: portNameOf(s) },
      tls: s.httpsRedirect ? { ...tls, httpsRedirect: true } : tls,
    };
  }

  private renderTls(tls: GatewayServerTls, field: string): Json {
    const mode = tls.mode ?? GatewayTlsMode.SIMPLE;
    if (mode.needsCredential && !tls.credentialName) {
      throw invalidInput(this, ISTIO_RULES['GW-06'], `${field}.credentialName`, undefined, `is required for ${mode.value} TLS (the Secret holding the certificate)`);
    }
    if (!mode.needsCredential && tls.credentialName) {
      throw invalidInput(this, ISTIO_RULES['GW-14'], `${field}.credentialName`, tls.credentialName, `is not used with ${mode.value} TLS`);
    }
    // a bare name is a Secret in the gateway's namespace; prefixed forms (kubernetes://, sds://) are left to istiod
    if (tls.credentialName && !tls.credentialName.includes('/')) checkObjectName(this, `${field}.credentialName`, tls.credentialName);
    const min = tls.minProtocolVersion ?? TlsVersion.TLS1_2;
    const max = tls.maxProtocolVersion;
    if (max && max.minor < min.minor) {
      throw invalidInput(this, ISTIO_RULES['GW-15'], `${field}.maxProtocolVersion`, istioTlsVersion(max), `must not be below minProtocolVersion ${istioTlsVersion(min)}`);
    }
    const terminates = mode !== GatewayTlsMode.PASSTHROUGH;
    return {
      mode: mode.value,
      credentialName: tls.credentialName,
      minProtocolVersion: terminates ? istioTlsVersion(min) : undefined,
      maxProtocolVersion: max && istioTlsVersion(max),
      subjectAltNames: tls.subjectAltNames,
    };
  }
}

/** Istio's spelling of a TLS version: `TLSV1_2`. */
function istioTlsVersion(version: TlsVersion): string {
  return `TLSV1_${version.minor}`;
}

function portNameOf(s: GatewayServerOptions): string {
  const proto = s.protocol.value.toLowerCase();
  return s.portName ?? (s.port === s.protocol.standardPort ? proto : `${proto}-${s.port}`);
}
