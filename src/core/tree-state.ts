import { Construct, IConstruct } from 'constructs';

/** Holds one value for a construct, as a child of it, so the state lives on the construct tree. */
class TreeState extends Construct {
  constructor(scope: IConstruct, id: string, public readonly value: unknown) {
    super(scope, id);
  }
}

/**
 * The state that one library feature keeps about `scope` (the nodeSelector it patched into a workload,
 * the topology spread constraints added so far, ...), created on first use. It is held by a child
 * construct named `id`, so it goes away with the tree and two apps never share it. The child renders
 * nothing.
 */
export function stateOf<T>(scope: IConstruct, id: string, create: () => T): T {
  const existing = scope.node.tryFindChild(id);
  if (existing instanceof TreeState) return existing.value as T;
  return new TreeState(scope, id, create()).value as T;
}

/** The state of `id` on `scope`, if a feature created it. */
export function existingStateOf<T>(scope: IConstruct, id: string): T | undefined {
  const existing = scope.node.tryFindChild(id);
  return existing instanceof TreeState ? existing.value as T : undefined;
}
