import { Construct } from 'constructs';

/**
 * Runs `use` on a stand-in for the construct `scope/id` before that construct exists, and removes the
 * stand-in again. ApiObject fixes an object's name in its constructor, so a construct that derives its
 * name from its own path (or checks its props under its own path) before calling `super` does it here:
 * the stand-in has the construct's path, so generated names and error messages are the construct's own.
 */
export function beforeConstruct<T>(scope: Construct, id: string, use: (standIn: Construct) => T): T {
  const standIn = new Construct(scope, id);
  try {
    return use(standIn);
  } finally {
    scope.node.tryRemoveChild(id);
  }
}
