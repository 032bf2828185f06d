import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import * as YAML from 'yaml';

/** A fresh app and chart; `namespace` becomes the chart's namespace. */
export function newChart(namespace?: string): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace, disableResourceNameHashes: true });
  return { app, chart };
}

/** Synthesizes the whole app, running every construct's validation, and returns its documents. */
export function synthApp(app: App): any[] {
  return YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJSON()).filter(d => d !== null);
}

/** The validation message a full synth fails with. */
export function synthFailure(app: App): string {
  try {
    app.synthYaml();
  } catch (e: any) {
    return e.message;
  }
  throw new Error('expected synthesis to fail');
}

/** The message `fn` throws. */
export function thrownBy(fn: () => unknown): string {
  try {
    fn();
  } catch (e: any) {
    return e.message;
  }
  throw new Error('expected an error');
}

/** Asserts the message holds every part (construct path, field, value, what is allowed). */
export function expectMessage(message: string, ...parts: string[]): void {
  for (const part of parts) expect(message).toContain(part);
}

/** The first document of a kind (and name). */
export function docOf(docs: any[], kind: string, name?: string): any {
  const doc = docs.find(d => d.kind === kind && (name === undefined || d.metadata?.name === name));
  if (!doc) throw new Error(`no ${kind} ${name ?? ''} in ${docs.map(d => `${d.kind}/${d.metadata?.name}`).join(', ')}`);
  return doc;
}

/** A Deployment with one container and explicit requests. */
export function deployment(chart: Chart, name: string, resources?: kplus.ContainerResources, extra: kplus.DeploymentProps = {}): kplus.Deployment {
  return new kplus.Deployment(chart, name, {
    metadata: { name },
    containers: [{ name, image: `example/${name}:1.0`, portNumber: 8080, resources }],
    ...extra,
  });
}
