import { App, Chart, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';

/** The smallest chart: proves the examples path end to end. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = new Chart(app, 'quickstart', { namespace: 'default', disableResourceNameHashes: true });
  new kplus.Deployment(chart, 'web', {
    metadata: { name: 'web' },
    containers: [{
      image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine',
      portNumber: 8080,
      securityContext: { user: 101, group: 101 },
    }],
  });
  return app;
}
