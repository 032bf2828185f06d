import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { PodSecurity } from '../../src';

/** The retail-store-sample-app release the talk deployed (its all-in-one manifest of October 2024). */
export const RETAIL_STORE_VERSION = '0.8.2';

/**
 * Upstream's selector labels. `app.kuberneres.io/owner` (sic) stays as published: Deployment selectors are
 * immutable, so correcting it would break applying this over an existing install of the upstream manifest.
 */
function serviceLabels(name: string): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': 'service',
    'app.kuberneres.io/owner': 'retail-store-sample',
  };
}

function backingLabels(name: string, component: string): { [key: string]: string } {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': component };
}

/** One of the store's own microservices (public.ecr.aws/aws-containers/retail-store-sample-<image>). */
interface MicroserviceSpec {
  readonly name: string;
  readonly image: string;
  /** Request and limit (upstream: equal). */
  readonly memory: Size;
  readonly livenessPath: string;
  readonly livenessDelay: Duration;
  /** Where Prometheus scrapes it (the pod annotations); assets has none upstream. */
  readonly metricsPath?: string;
  readonly config: { [key: string]: string };
  readonly env?: { [name: string]: kplus.EnvValue };
  readonly envFrom?: kplus.EnvFrom[];
  readonly serviceType?: kplus.ServiceType;
  /** ui adds NET_BIND_SERVICE upstream, the one capability the restricted profile allows. */
  readonly netBindService?: boolean;
  /** A hardening exception, with its reason; unset means the restricted profile. */
  readonly exemptBecause?: string;
}

const JAVA_OPTS = kplus.EnvValue.fromValue('-XX:MaxRAMPercentage=75.0 -Djava.security.egd=file:/dev/urandom');
/** The non-root user the store's images run as upstream. */
const APP_USER = 1000;

function addMicroservice(scope: Construct, spec: MicroserviceSpec): kplus.Deployment {
  const labels = serviceLabels(spec.name);
  const serviceAccount = new kplus.ServiceAccount(scope, `${spec.name}-service-account`, {
    metadata: { name: spec.name, labels },
    automountToken: false,
  });
  const config = new kplus.ConfigMap(scope, `${spec.name}-config`, { metadata: { name: spec.name }, data: spec.config });
  const deployment = new kplus.Deployment(scope, spec.name, {
    metadata: { name: spec.name, labels },
    replicas: 1,
    strategy: kplus.DeploymentStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }),
    select: false,
    podMetadata: {
      labels,
      annotations: spec.metricsPath
        ? { 'prometheus.io/path': spec.metricsPath, 'prometheus.io/port': '8080', 'prometheus.io/scrape': 'true' }
        : undefined,
    },
    serviceAccount,
    securityContext: spec.exemptBecause
      ? { ensureNonRoot: false }
      : { ensureNonRoot: true, fsGroup: APP_USER },
  });
  deployment.select(kplus.LabelSelector.of({ labels }));
  const container: kplus.ContainerProps = {
    name: spec.name,
    image: `public.ecr.aws/aws-containers/retail-store-sample-${spec.image}:${RETAIL_STORE_VERSION}`,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ports: [{ name: 'http', number: 8080, protocol: kplus.Protocol.TCP }],
    envVariables: spec.env,
    envFrom: [...spec.envFrom ?? [], kplus.Env.fromConfigMap(config)],
    liveness: kplus.Probe.fromHttpGet(spec.livenessPath, { port: 8080, initialDelaySeconds: spec.livenessDelay, periodSeconds: Duration.seconds(3) }),
    resources: {
      cpu: { request: kplus.Cpu.millis(128) },
      memory: { request: spec.memory, limit: spec.memory },
    },
  };
  if (spec.exemptBecause) {
    PodSecurity.exempt(deployment, spec.exemptBecause);
    deployment.addContainer({
      ...container,
      securityContext: {
        ensureNonRoot: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: false,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(deployment, 'tmp', 'tmp-volume') }],
    });
  } else {
    PodSecurity.addRestrictedContainer(deployment, {
      ...container,
      securityContext: {
        user: APP_USER,
        group: APP_USER,
        ...(spec.netBindService ? { capabilities: { drop: [kplus.Capability.ALL], add: [kplus.Capability.NET_BIND_SERVICE] } } : {}),
      },
    });
  }

  const service = new kplus.Service(scope, `${spec.name}-service`, {
    metadata: { name: spec.name, labels },
    type: spec.serviceType ?? kplus.ServiceType.CLUSTER_IP,
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: kplus.Protocol.TCP }],
  });
  selectPods(service, deployment);
  return deployment;
}

/** A database, cache or queue from a public image that starts as root (see `BACKING_STORE_EXCEPTION`). */
interface BackingStoreSpec {
  readonly app: string;
  readonly component: string;
  readonly image: string;
  readonly ports: Array<{ name: string; number: number }>;
  /** Resources the upstream manifest leaves unset, sized for a demo. */
  readonly cpu: kplus.Cpu;
  readonly memory: Size;
  readonly env?: { [name: string]: kplus.EnvValue };
  /** emptyDir `data` mounted here, as upstream. */
  readonly dataPath?: string;
  /** A StatefulSet (with the Service as its governing Service) rather than a Deployment. */
  readonly stateful?: boolean;
}

const BACKING_STORE_EXCEPTION = 'its official image starts as root to prepare its data directory, then drops to its own user';

function addBackingStore(scope: Construct, spec: BackingStoreSpec): kplus.Workload {
  const name = `${spec.app}-${spec.component}`;
  const labels = backingLabels(spec.app, spec.component);
  const service = new kplus.Service(scope, `${name}-service`, {
    metadata: { name, labels },
    type: kplus.ServiceType.CLUSTER_IP,
    ports: spec.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: kplus.Protocol.TCP })),
  });
  const props: kplus.WorkloadProps = {
    metadata: { name, labels },
    select: false,
    podMetadata: { labels },
    // Exception to the restricted profile (see BACKING_STORE_EXCEPTION): the entrypoint runs as root and
    // writes outside a fixed set of paths, as upstream. No privilege escalation, RuntimeDefault seccomp and
    // no service account token still apply.
    securityContext: { ensureNonRoot: false },
  };
  const workload = spec.stateful
    ? new kplus.StatefulSet(scope, name, { ...props, replicas: 1, service })
    : new kplus.Deployment(scope, name, { ...props, replicas: 1 });
  workload.select(kplus.LabelSelector.of({ labels }));
  PodSecurity.exempt(workload, `${spec.image}: ${BACKING_STORE_EXCEPTION}`);
  const container = workload.addContainer({
    name: spec.component,
    image: spec.image,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ports: spec.ports.map(p => ({ name: p.name, number: p.number, protocol: kplus.Protocol.TCP })),
    envVariables: spec.env,
    securityContext: {
      ensureNonRoot: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: false,
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    resources: { cpu: { request: spec.cpu }, memory: { request: spec.memory, limit: spec.memory } },
  });
  if (spec.dataPath) {
    container.mount(spec.dataPath, kplus.Volume.fromEmptyDir(workload, 'data', 'data'));
    // cdk8s-plus-31 (2.6.43) renders a StatefulSet's pod volumes only when it has volumeClaimTemplates,
    // so the volume mounted above is written in directly.
    if (workload instanceof kplus.StatefulSet) {
      ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes', [{ name: 'data', emptyDir: {} }]));
    }
  }
  selectPods(service, workload);
  return workload;
}

/** Upstream's selectors, rather than the per-construct label cdk8s-plus would select on. */
function selectPods(service: kplus.Service, workload: kplus.Workload): void {
  for (const [key, value] of Object.entries(workload.matchLabels)) service.selectLabel(key, value);
}

/**
 * The Secrets upstream ships with literal credentials. They are referenced, never synthesized: create them
 * before applying (see the README).
 */
function externalSecret(scope: Construct, name: string): kplus.ISecret {
  return kplus.Secret.fromSecretName(scope, `${name}-secret`, name);
}

function secretValue(secret: kplus.ISecret, key: string): kplus.EnvValue {
  return kplus.EnvValue.fromSecretValue({ secret, key });
}

/**
 * retail-store-sample-app 0.8.2 (dist/kubernetes/deploy.yaml): catalog, carts, orders, checkout, assets
 * and ui, with their MySQL, DynamoDB Local, PostgreSQL, RabbitMQ and Redis. Names, labels, images, ports,
 * probes and resources as upstream; the differences are listed in the README. No namespace: the objects
 * go to the namespace kubectl (or the Argo CD application) points at.
 */
export class RetailStoreChart extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    addRetailStore(this);
  }
}

function addRetailStore(scope: Construct): void {
  const catalogDb = externalSecret(scope, 'catalog-db');
  const ordersDb = externalSecret(scope, 'orders-db');
  const ordersRabbitMq = externalSecret(scope, 'orders-rabbitmq');

  addMicroservice(scope, {
    name: 'catalog',
    image: 'catalog',
    memory: Size.mebibytes(256),
    livenessPath: '/health',
    livenessDelay: Duration.seconds(30),
    metricsPath: '/metrics',
    config: { DB_ENDPOINT: 'catalog-mysql:3306', DB_READ_ENDPOINT: 'catalog-mysql:3306', DB_NAME: 'catalog' },
    env: { DB_USER: secretValue(catalogDb, 'username'), DB_PASSWORD: secretValue(catalogDb, 'password') },
  });
  addBackingStore(scope, {
    app: 'catalog',
    component: 'mysql',
    image: 'public.ecr.aws/docker/library/mysql:8.0',
    ports: [{ name: 'mysql', number: 3306 }],
    cpu: kplus.Cpu.millis(250),
    memory: Size.mebibytes(512),
    env: {
      // Upstream writes a literal root password; the app never uses root, so MySQL generates one instead.
      MYSQL_RANDOM_ROOT_PASSWORD: kplus.EnvValue.fromValue('yes'),
      MYSQL_DATABASE: kplus.EnvValue.fromValue('catalog'),
      MYSQL_USER: secretValue(catalogDb, 'username'),
      MYSQL_PASSWORD: secretValue(catalogDb, 'password'),
    },
    dataPath: '/var/lib/mysql',
    stateful: true,
  });

  addMicroservice(scope, {
    name: 'carts',
    image: 'cart',
    memory: Size.mebibytes(512),
    livenessPath: '/actuator/health/liveness',
    livenessDelay: Duration.seconds(45),
    metricsPath: '/actuator/prometheus',
    config: {
      SPRING_PROFILES_ACTIVE: 'dynamodb',
      CARTS_DYNAMODB_TABLENAME: 'Items',
      // Upstream lists this key twice ("false", then "true"); the last one is what kubectl applied.
      CARTS_DYNAMODB_CREATETABLE: 'true',
      // Placeholders the AWS SDK needs to call DynamoDB Local, which accepts any value; not credentials.
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
      CARTS_DYNAMODB_ENDPOINT: 'http://carts-dynamodb:8000',
    },
    env: { JAVA_OPTS },
  });
  addBackingStore(scope, {
    app: 'carts',
    component: 'dynamodb',
    image: 'amazon/dynamodb-local:1.13.1',
    ports: [{ name: 'dynamodb', number: 8000 }],
    cpu: kplus.Cpu.millis(250),
    memory: Size.mebibytes(512),
  });

  addMicroservice(scope, {
    name: 'orders',
    image: 'orders',
    memory: Size.mebibytes(512),
    livenessPath: '/actuator/health/liveness',
    livenessDelay: Duration.seconds(45),
    metricsPath: '/actuator/prometheus',
    config: {
      RETAIL_ORDERS_MESSAGING_PROVIDER: 'rabbitmq',
      SPRING_DATASOURCE_URL: 'jdbc:postgresql://orders-postgresql:5432/orders',
      SPRING_RABBITMQ_ADDRESSES: 'amqp://orders-rabbitmq:5672',
    },
    env: {
      JAVA_OPTS,
      SPRING_DATASOURCE_USERNAME: secretValue(ordersDb, 'username'),
      SPRING_DATASOURCE_PASSWORD: secretValue(ordersDb, 'password'),
    },
    envFrom: [kplus.Env.fromSecret(ordersRabbitMq)],
  });
  addBackingStore(scope, {
    app: 'orders',
    component: 'postgresql',
    image: 'public.ecr.aws/docker/library/postgres:16.1',
    ports: [{ name: 'postgresql', number: 5432 }],
    cpu: kplus.Cpu.millis(250),
    memory: Size.mebibytes(256),
    env: {
      POSTGRES_DB: kplus.EnvValue.fromValue('orders'),
      POSTGRES_USER: secretValue(ordersDb, 'username'),
      POSTGRES_PASSWORD: secretValue(ordersDb, 'password'),
      PGDATA: kplus.EnvValue.fromValue('/data/pgdata'),
    },
    dataPath: '/data',
    stateful: true,
  });
  addBackingStore(scope, {
    app: 'orders',
    component: 'rabbitmq',
    image: 'public.ecr.aws/docker/library/rabbitmq:3-management',
    ports: [{ name: 'amqp', number: 5672 }, { name: 'http', number: 15672 }],
    cpu: kplus.Cpu.millis(250),
    memory: Size.mebibytes(512),
    dataPath: '/var/lib/rabbitmq/mnesia',
    stateful: true,
  });

  addMicroservice(scope, {
    name: 'checkout',
    image: 'checkout',
    memory: Size.mebibytes(256),
    livenessPath: '/health',
    livenessDelay: Duration.seconds(30),
    metricsPath: '/metrics',
    config: { REDIS_URL: 'redis://checkout-redis:6379', ENDPOINTS_ORDERS: 'http://orders:80' },
  });
  addBackingStore(scope, {
    app: 'checkout',
    component: 'redis',
    image: 'redis:6.0-alpine',
    ports: [{ name: 'redis', number: 6379 }],
    cpu: kplus.Cpu.millis(100),
    memory: Size.mebibytes(128),
  });

  addMicroservice(scope, {
    name: 'assets',
    image: 'assets',
    memory: Size.mebibytes(128),
    livenessPath: '/health.html',
    livenessDelay: Duration.seconds(30),
    config: { PORT: '8080' },
    // Exception: the image runs nginx as the user `nginx` by name, with no numeric uid the kubelet could
    // check, and nginx writes its pid file and logs in the root filesystem (/var/run/nginx.pid,
    // /var/log/nginx), which upstream leaves writable; capabilities stay dropped as upstream.
    exemptBecause: 'the assets image runs nginx as the named user nginx (no numeric uid) and writes its pid file and logs in the root filesystem',
  });

  addMicroservice(scope, {
    name: 'ui',
    image: 'ui',
    memory: Size.mebibytes(512),
    livenessPath: '/actuator/health/liveness',
    livenessDelay: Duration.seconds(45),
    metricsPath: '/actuator/prometheus',
    config: {
      ENDPOINTS_CATALOG: 'http://catalog',
      ENDPOINTS_CARTS: 'http://carts',
      ENDPOINTS_CHECKOUT: 'http://checkout',
      ENDPOINTS_ORDERS: 'http://orders',
      ENDPOINTS_ASSETS: 'http://assets',
    },
    env: { JAVA_OPTS },
    serviceType: kplus.ServiceType.LOAD_BALANCER,
    netBindService: true,
  });
}
