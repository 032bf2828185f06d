import * as path from 'path';
import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { Construct } from 'constructs';
import { NAMESPACE } from './php-apache';
import { K6Script, PodSecurity, TestRun } from '../../src';

const TRAEFIK_URL = 'http://traefik.traefik.svc.cluster.local:80/php-apache/';
const TRAEFIK_HOST = 'php-apache.hpa-example.com';

/**
 * Upstream's busybox loop, hardened: every 10 ms a GET through Traefik with the php-apache host header.
 * One replica; the walkthrough scales it to 40 and back to 1 with kubectl.
 */
export class LoadGeneratorChart extends Chart {
  public readonly generator: kplus.Deployment;

  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    const labels = { app: 'load-generator' };
    this.generator = new kplus.Deployment(this, 'load-generator', {
      metadata: { name: 'load-generator', labels },
      // Scaled by hand (`kubectl scale ... --replicas=40`), not by an autoscaler.
      replicas: 1,
      select: false,
      podMetadata: { labels },
    });
    this.generator.select(kplus.LabelSelector.of({ labels }));
    PodSecurity.addRestrictedContainer(this.generator, {
      name: 'load-generator',
      // Upstream runs the untagged busybox image; a pinned tag keeps every replica identical.
      image: 'busybox:1.36',
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      args: ['/bin/sh', '-c', `while sleep 0.01; do wget -q -O- --header='Host: ${TRAEFIK_HOST}' ${TRAEFIK_URL} ; done`],
      // Upstream sets none; a shell loop of wget needs little, and 40 replicas still fit on a few nodes.
      resources: {
        cpu: { request: kplus.Cpu.millis(50) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
      },
    });
  }
}

/**
 * The same load as a k6 test whose stages replay one, forty and one generator (scripts/load-generator.js).
 * The k6-operator deletes the TestRun when it finishes, so applying this chart again runs the test again.
 */
export class K6LoadTestChart extends Chart {
  public readonly testRun: TestRun;

  public constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: NAMESPACE, disableResourceNameHashes: true });
    this.testRun = new TestRun(this, 'load-test', {
      metadata: { name: 'load-generator-k6' },
      script: K6Script.fromFile(path.join(__dirname, 'scripts', 'load-generator.js')),
      runner: {
        env: { TARGET_URL: TRAEFIK_URL, TARGET_HOST: TRAEFIK_HOST },
        resources: {
          cpu: { request: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) },
        },
      },
    });
  }
}
