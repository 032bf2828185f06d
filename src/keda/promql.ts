// A PromQL heuristic, not a parser: enough to tell `sum(rate(x[1m]))` (one series) from
// `rate(x[1m])` (one series per label set), which KEDA's prometheus scaler rejects at run time
// with "query returned multiple elements".

const AGGREGATIONS: ReadonlySet<string> = new Set([
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values',
  'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio',
]);
/** Functions whose result is a scalar or a single series whatever their input. */
const SINGLE_RESULT_FUNCTIONS: ReadonlySet<string> = new Set(['scalar', 'vector', 'time', 'pi', 'absent', 'absent_over_time']);
// sticky (y): matched at a position of the query without slicing it
const BINARY_OPERATOR = /==|!=|>=|<=|[-+*/%^<>]/y;
const BINARY_KEYWORD = /(and|or|unless|atan2)\b/y;
const MODIFIER = /^(bool|on|ignoring|group_left|group_right)\b\s*(\([^)]*\))?\s*/;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

// Character codes: the scanners below run once per character of every query, so they compare codes
// instead of testing one-character strings against regular expressions.
const QUOTE = 34; // "
const APOSTROPHE = 39; // '
const BACKTICK = 96; // `
const BACKSLASH = 92;
const isQuote = (code: number) => code === QUOTE || code === APOSTROPHE || code === BACKTICK;
const isOpener = (code: number) => code === 40 || code === 91 || code === 123; // ( [ {
const isCloser = (code: number) => code === 41 || code === 93 || code === 125; // ) ] }
const isDigit = (code: number) => code >= 48 && code <= 57;
const isIdentStart = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 58; // [a-zA-Z_:]
const isIdentPart = (code: number) => isIdentStart(code) || isDigit(code);
/** `/\s/` on the character at `i`: ASCII whitespace by code, anything else by the regular expression. */
function isSpaceAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(text[i]);
}
/** First characters of BINARY_OPERATOR and BINARY_KEYWORD matches: any other character starts neither. */
const OPERATOR_STARTS: ReadonlySet<number> = new Set('=!<>-+*/%^aou'.split('').map(c => c.charCodeAt(0)));

/**
 * Whether a query most likely returns a single series or a scalar: every top-level term is a
 * number, an aggregation without grouping (or grouped by `le` only, for histogram_quantile),
 * or a function wrapping such a term.
 */
export function returnsSingleSeries(query: string): boolean {
  const terms = splitTopLevel(stripComments(query).trim(), 'binary');
  return terms.length > 0 && terms.every(isSingleTerm);
}

function isSingleTerm(raw: string): boolean {
  let term = raw.trim();
  let m: RegExpExecArray | null;
  while ((m = MODIFIER.exec(term)) !== null && m[0].length > 0) term = term.slice(m[0].length);
  if (term === '') return true; // unary minus leaves an empty left side
  if (isLiteral(term)) return true;
  if (term.startsWith('(') && closingIndex(term, 0) === term.length - 1) return returnsSingleSeries(term.slice(1, -1));
  const name = /^([a-zA-Z_:][\w:]*)\s*/.exec(term);
  if (!name) return false;
  const fn = name[1];
  const rest = term.slice(name[0].length);
  if (AGGREGATIONS.has(fn)) return groupingIsSingle(rest);
  if (SINGLE_RESULT_FUNCTIONS.has(fn)) return true;
  if (!rest.startsWith('(')) return false; // a bare selector
  // literal arguments (quantiles, bounds) say nothing about how many series come back
  const args = splitTopLevel(rest.slice(1, closingIndex(rest, 0)), 'comma').filter(a => !isLiteral(a));
  return args.some(a => returnsSingleSeries(a));
}

function isLiteral(text: string): boolean {
  const t = text.trim();
  return /^[0-9.]+([eE][-+]?[0-9]+)?$/.test(t) || /^(Inf|NaN)$/i.test(t) || /^(["'`]).*\1$/s.test(t);
}

/** `by (le)` or no grouping keeps one series (per bucket); any other grouping may return many. */
function groupingIsSingle(afterName: string): boolean {
  const grouping = /\b(by|without)\s*\(([^)]*)\)/.exec(stripParenthesisedArgs(afterName));
  if (!grouping) return true;
  if (grouping[1] === 'without') return false;
  const labels = grouping[2].split(',').map(l => l.trim()).filter(l => l !== '');
  return labels.every(l => l === 'le');
}

/** Keeps the `by (...)` clauses of an aggregation but drops its argument list. */
function stripParenthesisedArgs(afterName: string): string {
  let text = afterName.trim();
  const leading = /^(by|without)\s*\([^)]*\)\s*/.exec(text);
  const prefix = leading ? leading[0] : '';
  text = text.slice(prefix.length);
  if (!text.startsWith('(')) return prefix + text;
  return prefix + text.slice(closingIndex(text, 0) + 1);
}

function stripComments(query: string): string {
  if (!query.includes('#')) return query;
  return query.split('\n').map(line => line.replace(/#.*$/, '')).join('\n');
}

/** Index of the bracket closing the one at `open`, or the last index when unbalanced. */
function closingIndex(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) {
      i = skipString(text, i);
    } else if (isOpener(c)) {
      depth++;
    } else if (isCloser(c)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

function skipString(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote) return i;
  }
  return text.length;
}

/** Splits at depth 0, on binary operators or on commas. */
function splitTopLevel(text: string, on: 'binary' | 'comma'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isQuote(c)) {
      i = skipString(text, i);
      continue;
    }
    if (isOpener(c)) depth++;
    else if (isCloser(c)) depth--;
    if (depth !== 0) continue;
    const width = on === 'comma' ? (c === 44 /* , */ ? 1 : 0) : binaryOperatorWidth(text, i);
    if (width > 0) {
      parts.push(text.slice(start, i));
      start = i + width;
      i += width - 1;
    }
  }
  parts.push(text.slice(start));
  return on === 'comma' ? parts : parts.filter((p, idx) => p.trim() !== '' || idx === 0);
}

/** Length of the binary operator or keyword starting at `i`, or 0. */
function binaryOperatorWidth(text: string, i: number): number {
  if (!OPERATOR_STARTS.has(text.charCodeAt(i))) return 0;
  BINARY_OPERATOR.lastIndex = i;
  const op = BINARY_OPERATOR.exec(text);
  if (op) {
    const c = text[i];
    const isExponent = (c === '-' || c === '+') && /[eE]/.test(text[i - 1] ?? '') && /[0-9.]/.test(text[i - 2] ?? '');
    if (!isExponent) return op[0].length;
  }
  if (!/[\s)]/.test(text[i - 1] ?? ' ')) return 0;
  BINARY_KEYWORD.lastIndex = i;
  const word = BINARY_KEYWORD.exec(text);
  return word ? word[0].length : 0;
}

/** Keywords that join or modify expressions: neither the end nor the start of an operand. */
const PROMQL_KEYWORDS: ReadonlySet<string> = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2']);
const LONGEST_KEYWORD = Math.max(...[...PROMQL_KEYWORDS].map(k => k.length));
// sticky (y): matched at a position of the query without slicing it
const PROMQL_NUMBER = /(0[xX][0-9a-fA-F]+|(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?)((ms|s|m|h|d|w|y)(\d+(ms|s|m|h|d|w|y))*)?/y;
/** Two-character operators are matched before one-character ones, so `>=` is one token, not `>` and `=`. */
const PROMQL_OPERATORS_2: ReadonlySet<string> = new Set(['==', '!=', '>=', '<=', '=~', '!~']);
const PROMQL_OPERATORS_1: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^', '<', '>', '=', ',', '(', ')', '[', ']', '{', '}', ':', '@']);

function operatorAt(query: string, i: number): string | undefined {
  const two = query.slice(i, i + 2);
  if (PROMQL_OPERATORS_2.has(two)) return two;
  return PROMQL_OPERATORS_1.has(query[i]) ? query[i] : undefined;
}

interface PromQlToken {
  readonly kind: 'ident' | 'keyword' | 'number' | 'string' | 'op';
  readonly text: string;
  readonly pos: number;
}

/**
 * What makes `query` something Prometheus cannot parse, in words, or undefined when the PromQL lexer accepts it
 * and every bracket and quote is closed and operands are joined by operators. Not a parser: it catches typos and
 * stray words (`a b`, `foo.123`, `rate(x[5m]`), not every grammar error.
 */
export function promqlProblem(query: string): string | undefined {
  const tokens: PromQlToken[] = [];
  let i = 0;
  while (i < query.length) {
    const code = query.charCodeAt(i);
    if (isSpaceAt(query, i)) {
      i++;
    } else if (code === 35 /* # */) {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end;
    } else if (isQuote(code)) {
      const end = skipString(query, i);
      if (end >= query.length) return `the string opened with ${query[i]} at character ${i + 1} is never closed`;
      tokens.push({ kind: 'string', text: query.slice(i, end + 1), pos: i });
      i = end + 1;
    } else if (isDigit(code) || (code === 46 /* . */ && isDigit(query.charCodeAt(i + 1)))) {
      PROMQL_NUMBER.lastIndex = i;
      const text = PROMQL_NUMBER.exec(query)![0];
      tokens.push({ kind: 'number', text, pos: i });
      i += text.length;
    } else if (isIdentStart(code) && !(code === 58 /* : */ && isInBrackets(tokens))) {
      let end = i + 1;
      while (end < query.length && isIdentPart(query.charCodeAt(end))) end++;
      const text = query.slice(i, end);
      // no keyword is longer than `group_right`: long metric names skip the lookup
      const keyword = text.length <= LONGEST_KEYWORD && PROMQL_KEYWORDS.has(text.toLowerCase());
      tokens.push({ kind: keyword ? 'keyword' : 'ident', text, pos: i });
      i += text.length;
    } else {
      const op = operatorAt(query, i);
      if (!op) return `${JSON.stringify(query[i])} at character ${i + 1} is not part of PromQL (metric and label names are ASCII letters, digits, "_" and ":")`;
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  if (tokens.length === 0) return 'it is empty';
  const stack: PromQlToken[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (token.text === '(' || token.text === '[' || token.text === '{') stack.push(token);
    if (token.text === ')' || token.text === ']' || token.text === '}') {
      const open = stack.pop();
      if (!open || OPENERS[open.text] !== token.text) return `${JSON.stringify(token.text)} at character ${token.pos + 1} closes nothing that was opened`;
    }
    const next = tokens[t + 1];
    // a call (`rate(`) and a grouping followed by its argument (`sum by (le) (`) are the operands that take "("
    const call = next?.text === '(' && (token.kind === 'ident' || token.text === ')');
    if (next && endsOperand(token) && startsOperand(next) && !call) {
      return `${JSON.stringify(next.text)} at character ${next.pos + 1} follows ${JSON.stringify(token.text)} without an operator between them`;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return `${JSON.stringify(open.text)} opened at character ${open.pos + 1} is never closed`;
  }
  const last = tokens[tokens.length - 1];
  if (!endsOperand(last)) return `it ends with ${JSON.stringify(last.text)}, where an operand is expected`;
  return undefined;
}

/** Inside `[...]`, where ":" separates the range and the resolution of a subquery. */
function isInBrackets(tokens: PromQlToken[]): boolean {
  let depth = 0;
  for (let t = tokens.length - 1; t >= 0; t--) {
    const text = tokens[t].text;
    if (text === ']') {depth++;} else if (text === '[') {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

function endsOperand(t: PromQlToken): boolean {
  return t.kind === 'ident' || t.kind === 'number' || t.kind === 'string' || t.text === ')' || t.text === ']' || t.text === '}';
}

function startsOperand(t: PromQlToken): boolean {
  return t.kind === 'ident' || t.kind === 'number' || t.kind === 'string' || t.text === '(';
}
