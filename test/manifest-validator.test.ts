import { validateManifests } from './support/manifest-validator';

describe('validateManifests', () => {
  test('accepts a minimal valid NodePool', () => {
    expect(validateManifests([{
      apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'default' },
      spec: { template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, requirements: [] } } },
    }])).toEqual([]);
  });

  test('rejects a NodePool with an unknown field and a weight out of range', () => {
    const errors = validateManifests([{
      apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'default' },
      spec: { weight: 0, bogus: true, template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, requirements: [] } } },
    }]);
    expect(errors.join('\n')).toMatch(/additional properties/);
    expect(errors.join('\n')).toMatch(/weight/);
  });

  test('rejects a Deployment whose containerPort is a string', () => {
    const errors = validateManifests([{
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' },
      spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 'x' }] }] } } },
    }]);
    expect(errors.join('\n')).toMatch(/containerPort must be integer/);
  });

  test('fails a kind it has no schema for', () => {
    expect(validateManifests([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual([
      'example.com/v1 Widget w: no schema for example.com/v1|Widget',
    ]);
  });
});
