/** What a test CRD needs: its group and kind (version v1, namespaced) and the schema of its `spec`. */
export interface TestCrdOptions {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly specSchema: object;
}

/** A CustomResourceDefinition of an operator the library does not pin, serving `<group>/v1`. */
export function testCrd(options: TestCrdOptions): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${options.plural}.${options.group}` },
    spec: {
      group: options.group,
      scope: 'Namespaced',
      names: { kind: options.kind, plural: options.plural, singular: options.kind.toLowerCase(), listKind: `${options.kind}List` },
      versions: [{
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: options.specSchema } } },
      }],
    },
  };
}
