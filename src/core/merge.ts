/**
 * `{ ...base, ...extra }` for objects built once per construct. V8 (Node 20) gives every object
 * literal that spreads a non-empty object and then adds keys a hidden class of its own, which makes
 * each object larger and every later read of it slower; `Object.assign` onto `{}` shares them.
 */
export function merge<A extends object, B extends object>(base: A | undefined, extra: B): A & B {
  return Object.assign({}, base, extra);
}
