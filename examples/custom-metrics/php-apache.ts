import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { ClusterScoped, PodSecurity } from '../../src';

export const NAMESPACE = 'hpa-example';
export const PHP_APACHE = 'php-apache';
export const PHP_APACHE_LABELS = { run: PHP_APACHE };

/** The ConfigMap that serves the app under /php-apache/ and /hpa-example/, as upstream's image does. */
export const PATH_ALIASES = 'php-apache-path-aliases';

/**
 * Upstream's image (built from php:5-apache) symlinks index.php into /php-apache/ and /hpa-example/,
 * which is where the load generator and the Ingress send requests. The public stand-in image serves
 * index.php at / only, and Traefik forwards the path unchanged, so /php-apache/ would answer 404 and the
 * code="200" rate KEDA scales on would stay at zero. These pages include the image's own index.php,
 * like upstream's symlinks do.
 */
function pathAliases(scope: Construct): kplus.ConfigMap {
  return new kplus.ConfigMap(scope, 'path-aliases', {
    metadata: { name: PATH_ALIASES },
    data: { 'index.php': '<?php require \'/var/www/html/index.php\';\n' },
  });
}

/**
 * The php-apache Deployment, or its GPU variant once a GPU pool schedules it. KEDA owns the replica
 * count, so none is written.
 */
function phpApacheDeployment(scope: Construct, image: string, aliases: kplus.IConfigMap): kplus.Deployment {
  const deployment = new kplus.Deployment(scope, PHP_APACHE, {
    metadata: { name: PHP_APACHE },
    select: false,
    podMetadata: { labels: PHP_APACHE_LABELS },
    // Exception to the restricted profile: Apache in the php:5-apache image starts as root to bind port 80
    // and then switches its workers to www-data, which needs root's default capabilities (setuid, setgid,
    // chown for its lock files). Everything else stays locked down: no privilege escalation, RuntimeDefault
    // seccomp, a read-only root filesystem and no service account token. The pod meets the "baseline" profile.
    securityContext: { ensureNonRoot: false },
  });
  deployment.select(kplus.LabelSelector.of({ labels: PHP_APACHE_LABELS }));
  deployment.markHasAutoscaler();
  // The image is built for amd64 only, and the default pool may launch Graviton (arm64) instances.
  deployment.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('kubernetes.io/arch', 'amd64')));
  PodSecurity.exempt(deployment, 'Apache in the php:5-apache image runs as root to bind port 80 and switch to www-data');

  const container = deployment.addContainer({
    name: PHP_APACHE,
    image,
    ports: [{ number: 80 }],
    securityContext: {
      ensureNonRoot: false,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      capabilities: { drop: [kplus.Capability.NET_RAW] },
    },
    resources: {
      // Upstream's cpu values; upstream sets no memory, and five prefork workers fit in 128Mi.
      cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
    },
  });
  // Apache writes its pid and lock files; everything else on the root filesystem stays read-only.
  for (const [id, path] of [['apache-run', '/var/run/apache2'], ['apache-lock', '/var/lock/apache2'], ['tmp', '/tmp']]) {
    container.mount(path, kplus.Volume.fromEmptyDir(deployment, `${id}-volume`, id));
  }
  const aliasVolume = kplus.Volume.fromConfigMap(deployment, 'path-aliases-volume', aliases, { name: 'path-aliases' });
  container.mount('/var/www/html/php-apache', aliasVolume, { readOnly: true });
  container.mount('/var/www/html/hpa-example', aliasVolume, { readOnly: true });
  return deployment;
}

/** The php-apache Service: port `web` 80, which Traefik names `hpa-example-php-apache-80@kubernetes`. */
function phpApacheService(scope: Construct, deployment: kplus.Deployment): kplus.Service {
  const service = new kplus.Service(scope, 'php-apache-service', {
    metadata: { name: PHP_APACHE, labels: PHP_APACHE_LABELS },
    ports: [{ name: 'web', port: 80, targetPort: 80 }],
  });
  // Upstream's selector, rather than the per-construct label cdk8s-plus would select on.
  for (const [key, value] of Object.entries(deployment.matchLabels)) service.selectLabel(key, value);
  return service;
}

/** Properties of `PhpApacheChart`. */
export interface PhpApacheChartProps {
  /** The php-apache image. */
  readonly image: string;
}

/**
 * The hpa-example namespace, the path aliases, php-apache and its Service. The GPU variant is the same
 * chart under another id, whose Deployment the GPU pool then schedules (one GPU per pod).
 */
export class PhpApacheChart extends Chart {
  public readonly deployment: kplus.Deployment;
  public readonly service: kplus.Service;

  public constructor(scope: Construct, id: string, props: PhpApacheChartProps) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    const namespace = new kplus.Namespace(this, 'namespace', {
      metadata: {
        name: NAMESPACE,
        // php-apache runs as root (see phpApacheDeployment), so the namespace enforces "baseline" and reports anything below "restricted".
        labels: {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
    // cdk8s gives every object of a namespaced chart its namespace, but a Namespace is cluster-scoped.
    ClusterScoped.omitNamespace(namespace);
    this.deployment = phpApacheDeployment(this, props.image, pathAliases(this));
    this.service = phpApacheService(this, this.deployment);
  }
}

/** Properties of `IngressChart`. */
export interface IngressChartProps {
  /** The php-apache Service Traefik routes to. */
  readonly service: kplus.Service;
}

/** Traefik routes /php-apache to the Service; Traefik names this backend `hpa-example-php-apache-80@kubernetes`. */
export class IngressChart extends Chart {
  public constructor(scope: Construct, id: string, props: IngressChartProps) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    new kplus.Ingress(this, 'php-apache-ingress', {
      metadata: { name: 'php-apache-ingress' },
      className: 'traefik',
      rules: [{ path: '/php-apache', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(props.service, { port: 80 }) }],
    });
  }
}
