/**
 * Detects AWS CDK tokens (deploy-time values such as a queue URL or a role ARN) by their
 * encodings, so nothing here loads aws-cdk-lib, which is an optional peer.
 *
 * Constructs should skip format checks on such values: the real value only exists once
 * `AwsCdkResolver` replaces the token at synth.
 */

/** `${Token[...]}` in a string, or a number token written into a string. */
const STRING_TOKEN = /\$\{Token\[[a-zA-Z0-9:._-]+\]\}|-1\.\d{10,16}e\+289/;
/** The single element of an encoded string list. */
const LIST_TOKEN = /#\{Token\[[a-zA-Z0-9:._-]+\]\}/;
/** Number tokens are doubles whose upper 16 bits are this marker. */
const NUMBER_TOKEN_MARKER = 0xFBFF;

/** Whether `value` is, or contains, an unresolved AWS CDK token. */
export function isAwsCdkToken(value: unknown): boolean {
  if (typeof value === 'string') return STRING_TOKEN.test(value);
  if (typeof value === 'number') return isNumberToken(value);
  if (Array.isArray(value)) return value.length === 1 && isListToken(value[0]);
  return false;
}

/** Whether `value` is the element AWS CDK puts in an encoded string list (`Token.asList`). */
export function isListToken(value: unknown): boolean {
  return typeof value === 'string' && LIST_TOKEN.test(value);
}

function isNumberToken(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return view.getUint16(6, true) === NUMBER_TOKEN_MARKER;
}
