/** A Deployment and a Service as cdk8s synthesizes them, for the assertion tests. */
export function webDeployment(overrides: { image?: string; name?: string; replicas?: number } = {}): any {
  const name = overrides.name ?? 'web';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', labels: { app: name, tier: 'frontend' } },
    spec: {
      ...(overrides.replicas === undefined ? {} : { replicas: overrides.replicas }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'app', image: overrides.image ?? 'nginx:1.27', ports: [{ containerPort: 8080 }] },
            { name: 'sidecar', image: 'envoy:1.31' },
          ],
        },
      },
    },
  };
}

export function webService(): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }], selector: { app: 'web' } },
  };
}
