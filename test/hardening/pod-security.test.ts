import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-31';
import { PodSecurity, SynthValidation } from '../../src';
import { expectValidManifests } from '../support/manifest-validator';

const resources: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(100) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
};

function chartWith(build: (chart: Chart) => void): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'chart', { disableResourceNameHashes: true });
  build(chart);
  PodSecurity.enforceRestricted(app);
  return { app, chart };
}

describe('PodSecurity', () => {
  test('restrictedContainer fills in the restricted profile with a numeric user', () => {
    const props = PodSecurity.restrictedContainer({ image: 'example/app:1.0' });
    expect(props.securityContext).toMatchObject({
      ensureNonRoot: true,
      user: 10001,
      group: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('restrictedContainer keeps what the caller set', () => {
    const props = PodSecurity.restrictedContainer({ image: 'example/app:1.0', securityContext: { user: 65534 } });
    expect(props.securityContext?.user).toBe(65534);
    expect(props.securityContext?.group).toBe(10001);
  });

  test('restrictedContainer keeps its defaults for keys given as undefined', () => {
    const props = PodSecurity.restrictedContainer({ image: 'example/app:1.0', securityContext: { capabilities: undefined, user: undefined } });
    expect(props.securityContext?.capabilities).toEqual({ drop: ['ALL'] });
    expect(props.securityContext?.user).toBe(10001);
  });

  test('addRestrictedContainer mounts a writable /tmp and passes enforcement', () => {
    const { app, chart } = chartWith(c => {
      const deployment = new kplus.Deployment(c, 'web', { metadata: { name: 'web' } });
      PodSecurity.addRestrictedContainer(deployment, { name: 'web', image: 'example/app:1.0', portNumber: 8080, resources });
    });
    expect(() => app.synth()).not.toThrow();
    const [deployment] = Testing.synth(chart);
    const spec = deployment.spec.template.spec;
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp-web' }]);
    expect(spec.volumes).toEqual([{ name: 'tmp-web', emptyDir: {} }]);
    expectValidManifests(Testing.synth(chart));
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('fails synth for a container that keeps capabilities and lacks a memory limit', () => {
    const { app } = chartWith(c => {
      new kplus.Deployment(c, 'web', {
        metadata: { name: 'web' },
        containers: [{ name: 'web', image: 'example/app:1.0', securityContext: { user: 1000 }, resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(64) } } }],
      });
    });
    expect(() => app.synth()).toThrow(/\[chart\/web\] spec\.template\.spec\.containers\[web\]\.securityContext\.capabilities\.drop: got undefined; must include "ALL"/);
    expect(() => app.synth()).toThrow(/resources\.limits\.memory: got undefined; a memory limit is required/);
    expect(() => app.synth()).toThrow(/seccompProfile\.type: got undefined; must be RuntimeDefault or Localhost/);
  });

  test('fails synth for a container without a numeric user', () => {
    const { app } = chartWith(c => {
      new kplus.Deployment(c, 'web', { containers: [PodSecurity.restrictedContainer({ image: 'example/app:1.0', resources, securityContext: { user: 0 } })] });
    });
    expect(() => app.synth()).toThrow(/securityContext\.runAsUser: got 0; must be a numeric non-zero user id/);
  });

  test('skips a workload marked exempt', () => {
    const { app } = chartWith(c => {
      const plugin = new kplus.DaemonSet(c, 'plugin', { containers: [{ image: 'example/plugin:1.0', securityContext: { ensureNonRoot: false } }] });
      PodSecurity.exempt(plugin, 'talks to the kubelet through a host path');
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('shares one render of each Deployment per synth with the final validation pass', () => {
    let deployment: kplus.Deployment | undefined;
    const { app, chart } = chartWith(c => {
      deployment = new kplus.Deployment(c, 'web', { containers: [{ ...PodSecurity.restrictedContainer({ image: 'example/app:1.0' }), resources }] });
    });
    SynthValidation.enable(app);
    const render = jest.spyOn(ApiObject.of(deployment!), 'toJson');
    Testing.synth(chart);
    // once for pod security and the final pass together, once for the YAML
    expect(render).toHaveBeenCalledTimes(2);
  });
});
