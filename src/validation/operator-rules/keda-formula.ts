// A scalingModifiers formula is an expr-lang (github.com/expr-lang/expr) expression over the names of the
// ScaledObject's named non-cpu/memory triggers, which KEDA's webhook compiles (SO-41) and whose variables must all
// be such names (SO-33). This file parses the formula as expr-lang does, far enough to find what the compiler
// refuses: unbalanced brackets and quotes, operators without operands, unknown functions, a result that is not a
// number; and it lists the variables the formula reads.

import { RuleProblem } from '../messages';

/** expr-lang's built-in functions (builtin/builtin.go); any other call fails to compile. */
const BUILTINS: ReadonlySet<string> = new Set([
  'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count', 'sum', 'groupBy',
  'sortBy', 'reduce', 'len', 'type', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'string', 'trim', 'trimPrefix',
  'trimSuffix', 'upper', 'lower', 'split', 'splitAfter', 'replace', 'repeat', 'join', 'indexOf', 'lastIndexOf', 'hasPrefix',
  'hasSuffix', 'max', 'min', 'mean', 'median', 'toJSON', 'fromJSON', 'toBase64', 'fromBase64', 'now', 'duration', 'date',
  'timezone', 'first', 'last', 'get', 'take', 'keys', 'values', 'toPairs', 'fromPairs', 'reverse', 'uniq', 'concat', 'flatten',
  'sort', 'bitand', 'bitor', 'bitxor', 'bitnand', 'bitshl', 'bitshr', 'bitushr', 'bitnot',
]);

/** Built-ins whose second argument is a predicate (`filter(list, # > 1)`), where `#` and `.field` are allowed. */
const PREDICATE_BUILTINS: ReadonlySet<string> = new Set([
  'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count', 'sum', 'groupBy',
  'sortBy', 'reduce',
]);

const NUMBER_BUILTINS: ReadonlySet<string> = new Set([
  'len', 'abs', 'ceil', 'floor', 'round', 'int', 'float', 'max', 'min', 'mean', 'median', 'count', 'sum', 'findIndex',
  'findLastIndex', 'indexOf', 'lastIndexOf', 'bitand', 'bitor', 'bitxor', 'bitnand', 'bitshl', 'bitshr', 'bitushr', 'bitnot',
]);
const BOOL_BUILTINS: ReadonlySet<string> = new Set(['all', 'none', 'any', 'one', 'hasPrefix', 'hasSuffix']);
const STRING_BUILTINS: ReadonlySet<string> = new Set(['type', 'string', 'trim', 'trimPrefix', 'trimSuffix', 'upper', 'lower', 'repeat', 'join', 'toJSON', 'toBase64', 'fromBase64']);

/** Keywords that are values or operators, never variables. */
const WORD_OPERATORS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'matches', 'contains', 'startsWith', 'endsWith']);
const LITERALS: ReadonlySet<string> = new Set(['true', 'false', 'nil']);

/** Binary operators and their precedence, as in expr-lang's parser/operator package. */
const BINARY: { [op: string]: { precedence: number; right?: boolean; result: ValueType } } = {
  '|': { precedence: 0, result: 'any' },
  'or': { precedence: 10, result: 'bool' },
  '||': { precedence: 10, result: 'bool' },
  'and': { precedence: 15, result: 'bool' },
  '&&': { precedence: 15, result: 'bool' },
  '==': { precedence: 20, result: 'bool' },
  '!=': { precedence: 20, result: 'bool' },
  '<': { precedence: 20, result: 'bool' },
  '>': { precedence: 20, result: 'bool' },
  '<=': { precedence: 20, result: 'bool' },
  '>=': { precedence: 20, result: 'bool' },
  'in': { precedence: 20, result: 'bool' },
  'matches': { precedence: 20, result: 'bool' },
  'contains': { precedence: 20, result: 'bool' },
  'startsWith': { precedence: 20, result: 'bool' },
  'endsWith': { precedence: 20, result: 'bool' },
  '..': { precedence: 25, result: 'any' },
  '+': { precedence: 30, result: 'number' },
  '-': { precedence: 30, result: 'number' },
  '*': { precedence: 60, result: 'number' },
  '/': { precedence: 60, result: 'number' },
  '%': { precedence: 60, result: 'number' },
  '**': { precedence: 100, right: true, result: 'number' },
  '^': { precedence: 100, right: true, result: 'number' },
  '??': { precedence: 500, result: 'any' },
};

type ValueType = 'number' | 'bool' | 'string' | 'nil' | 'any';

interface Token {
  readonly kind: 'number' | 'string' | 'ident' | 'op' | 'eof';
  readonly text: string;
  /** 0-based offset in the formula. */
  readonly pos: number;
}

class FormulaError extends Error {}

const PUNCTUATION = ['**', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '..',
  '+', '-', '*', '/', '%', '^', '<', '>', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}', '|', ';', '=', '#'];

function describeToken(t: Token): string {
  return t.kind === 'eof' ? 'the end of the formula' : `${JSON.stringify(t.text)} at character ${t.pos + 1}`;
}

/** Splits the formula into tokens, as expr-lang's lexer does; throws on unterminated strings and comments. */
function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (/\s/.test(c)) {
      i++;
    } else if (formula.startsWith('//', i)) {
      const end = formula.indexOf('\n', i);
      i = end < 0 ? formula.length : end + 1;
    } else if (formula.startsWith('/*', i)) {
      const end = formula.indexOf('*/', i + 2);
      if (end < 0) throw new FormulaError(`the comment opened at character ${i + 1} is never closed with "*/"`);
      i = end + 2;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?(\.(?!\.)[\d_]*)?([eE][+-]?\d+)?)/.exec(formula.slice(i));
      const text = m && m[0] !== '' && m[0] !== '.' ? m[0] : c;
      if (/[A-Za-z_]/.test(formula[i + text.length] ?? '')) {
        throw new FormulaError(`${JSON.stringify(formula.slice(i, i + text.length + 1))} at character ${i + 1} is not a number`);
      }
      tokens.push({ kind: 'number', text, pos: i });
      i += text.length;
    } else if (c === '"' || c === '\'' || c === '`') {
      let j = i + 1;
      while (j < formula.length && formula[j] !== c) j += (c !== '`' && formula[j] === '\\') ? 2 : 1;
      if (j >= formula.length) throw new FormulaError(`the string opened with ${c} at character ${i + 1} is never closed`);
      tokens.push({ kind: 'string', text: formula.slice(i, j + 1), pos: i });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const text = /^[A-Za-z_$][\w$]*/.exec(formula.slice(i))![0];
      tokens.push({ kind: 'ident', text, pos: i });
      i += text.length;
    } else {
      // "?." is optional chaining unless a digit follows ("a ?.5 : 1" is a ternary)
      const op = PUNCTUATION.find(p => formula.startsWith(p, i) && !(p === '?.' && /[0-9]/.test(formula[i + 2] ?? '')));
      if (!op) throw new FormulaError(`${JSON.stringify(c)} at character ${i + 1} is not part of expr-lang's syntax`);
      tokens.push({ kind: 'op', text: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: formula.length });
  return tokens;
}

/** A recursive-descent parser over the tokens: checks the syntax, collects variables and the result type. */
class Parser {
  public readonly variables: string[] = [];
  private i = 0;
  private predicateDepth = 0;
  private readonly bound: string[] = [];

  constructor(private readonly tokens: Token[]) {}

  public parseFormula(): ValueType {
    const type = this.expression();
    const next = this.peek();
    if (next.kind !== 'eof') {
      throw new FormulaError(next.text === ')' || next.text === ']' || next.text === '}'
        ? `${describeToken(next)} closes nothing that was opened`
        : `${describeToken(next)} follows a complete expression; an operator is missing before it`);
    }
    return type;
  }

  private peek(offset: number = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isOp(text: string, offset: number = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === 'op' || t.kind === 'ident') && t.text === text;
  }

  private expect(text: string, opened?: Token): Token {
    const t = this.peek();
    if (!this.isOp(text)) {
      const context = opened ? ` to close ${JSON.stringify(opened.text)} opened at character ${opened.pos + 1}` : '';
      throw new FormulaError(`expected ${JSON.stringify(text)}${context}, found ${describeToken(t)}`);
    }
    return this.next();
  }

  /** `let x = ...; expr`, a ternary, or a binary expression. */
  private expression(): ValueType {
    if (this.isOp('let') && this.peek(1).kind === 'ident') {
      this.next();
      const name = this.next().text;
      this.expect('=');
      this.expression();
      this.expect(';');
      this.bound.push(name);
      const type = this.expression();
      this.bound.pop();
      return type;
    }
    const condition = this.binary(0);
    if (this.isOp('?')) {
      const q = this.next();
      const whenTrue = this.operand(q, () => this.expression());
      this.expect(':');
      const whenFalse = this.operand(q, () => this.expression());
      return whenTrue === whenFalse ? whenTrue : 'any';
    }
    return condition;
  }

  /** Operators of at least `minPrecedence`, by precedence climbing. */
  private binary(minPrecedence: number): ValueType {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      let text = t.text;
      let width = 1;
      if ((t.kind === 'ident' || t.kind === 'op') && (t.text === 'not' || t.text === '!') && ['in', 'matches', 'contains', 'startsWith', 'endsWith'].includes(this.peek(1).text)) {
        text = this.peek(1).text;
        width = 2;
      }
      const op = (t.kind === 'op' || t.kind === 'ident') ? BINARY[text] : undefined;
      if (!op || op.precedence < minPrecedence) return left;
      for (let k = 0; k < width; k++) this.next();
      const right = this.operand(t, () => this.binary(op.right ? op.precedence : op.precedence + 1));
      left = text === '+' && left === 'string' && right === 'string' ? 'string' : text === '??' ? (left === 'nil' ? right : 'any') : op.result;
    }
  }

  /** Parses the operand of `operator`, failing with a message that names the operator when there is none. */
  private operand(operator: Token, parse: () => ValueType): ValueType {
    const t = this.peek();
    const startsOperand = t.kind === 'number' || t.kind === 'string' || (t.kind === 'ident' && !WORD_OPERATORS.has(t.text))
      || ['(', '[', '{', '-', '+', '!', '#', '.'].includes(t.text) || (t.kind === 'ident' && t.text === 'not');
    if (!startsOperand) throw new FormulaError(`${describeToken(operator)} has no operand after it (found ${describeToken(t)})`);
    return parse();
  }

  private unary(): ValueType {
    const t = this.peek();
    if ((t.kind === 'op' && (t.text === '!' || t.text === '-' || t.text === '+')) || (t.kind === 'ident' && t.text === 'not')) {
      this.next();
      const type = this.operand(t, () => this.binary(t.text === '-' || t.text === '+' ? 90 : 50));
      return t.text === '-' || t.text === '+' ? (type === 'any' ? 'any' : 'number') : 'bool';
    }
    return this.postfix(this.primary());
  }

  /** Member access, indexing, slicing and method calls after a primary expression. */
  private postfix(type: ValueType): ValueType {
    let result = type;
    for (;;) {
      if (this.isOp('.') || this.isOp('?.')) {
        const dot = this.next();
        if (this.isOp('[') && dot.text === '?.') continue;
        const name = this.next();
        if (name.kind !== 'ident') throw new FormulaError(`${describeToken(dot)} must be followed by a field name, found ${describeToken(name)}`);
        if (this.isOp('(')) this.arguments(this.next(), false);
        result = 'any';
      } else if (this.isOp('[')) {
        const open = this.next();
        if (!this.isOp(':')) this.expression();
        if (this.isOp(':')) {
          this.next();
          if (!this.isOp(']')) this.expression();
        }
        this.expect(']', open);
        result = 'any';
      } else {
        return result;
      }
    }
  }

  private arguments(open: Token, predicate: boolean): void {
    let index = 0;
    while (!this.isOp(')')) {
      if (this.peek().kind === 'eof') this.expect(')', open);
      const isPredicate = predicate && index > 0;
      if (isPredicate) this.predicateDepth++;
      if (isPredicate && this.isOp('{')) {
        const brace = this.next();
        this.expression();
        this.expect('}', brace);
      } else {
        this.expression();
      }
      if (isPredicate) this.predicateDepth--;
      index++;
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expect(')', open);
  }

  private primary(): ValueType {
    const t = this.next();
    switch (t.kind) {
      case 'number': return 'number';
      case 'string': return 'string';
      case 'eof': throw new FormulaError('the formula ends where an operand is expected');
      case 'ident': return this.identifier(t);
      default: return this.punctuation(t);
    }
  }

  private identifier(t: Token): ValueType {
    if (t.text === 'true' || t.text === 'false') return 'bool';
    if (t.text === 'nil') return 'nil';
    if (t.text === 'if') return this.ifElse(t);
    if (WORD_OPERATORS.has(t.text) || t.text === 'let') throw new FormulaError(`${describeToken(t)} is an operator where an operand is expected`);
    if (this.isOp('(')) {
      if (!BUILTINS.has(t.text)) {
        throw new FormulaError(`${describeToken(t)} calls an unknown function; KEDA only offers expr-lang's built-ins (max, min, abs, ceil, floor, round, float, int, ...) over trigger names`);
      }
      this.arguments(this.next(), PREDICATE_BUILTINS.has(t.text));
      if (NUMBER_BUILTINS.has(t.text)) return 'number';
      if (BOOL_BUILTINS.has(t.text)) return 'bool';
      return STRING_BUILTINS.has(t.text) ? 'string' : 'any';
    }
    if (t.text === '$env' || this.bound.includes(t.text)) return 'any';
    if (!this.variables.includes(t.text)) this.variables.push(t.text);
    return 'number';
  }

  private ifElse(t: Token): ValueType {
    this.expression();
    const open = this.expect('{');
    const whenTrue = this.expression();
    this.expect('}', open);
    if (!this.isOp('else')) throw new FormulaError(`the "if" at character ${t.pos + 1} needs an "else" branch`);
    this.next();
    let whenFalse: ValueType;
    if (this.isOp('if')) {
      whenFalse = this.ifElse(this.next());
    } else {
      const open2 = this.expect('{');
      whenFalse = this.expression();
      this.expect('}', open2);
    }
    return whenTrue === whenFalse ? whenTrue : 'any';
  }

  private punctuation(t: Token): ValueType {
    switch (t.text) {
      case '(': {
        const type = this.expression();
        this.expect(')', t);
        return type;
      }
      case '[': {
        while (!this.isOp(']')) {
          if (this.peek().kind === 'eof') this.expect(']', t);
          this.expression();
          if (!this.isOp(',')) break;
          this.next();
        }
        this.expect(']', t);
        return 'any';
      }
      case '{': {
        while (!this.isOp('}')) {
          const key = this.next();
          if (key.text === '(') {
            this.expression();
            this.expect(')', key);
          } else if (key.kind !== 'ident' && key.kind !== 'string' && key.kind !== 'number') {
            throw new FormulaError(`${describeToken(key)} cannot be a map key`);
          }
          this.expect(':');
          this.expression();
          if (!this.isOp(',')) break;
          this.next();
        }
        this.expect('}', t);
        return 'any';
      }
      case '#':
      case '.': {
        if (this.predicateDepth === 0) throw new FormulaError(`${describeToken(t)} is only allowed inside a predicate, such as filter(list, # > 1)`);
        if (t.text === '.' || this.peek().kind === 'ident') {
          const name = this.peek();
          if (name.kind === 'ident' && name.pos === t.pos + 1) this.next();
          else if (t.text === '.') throw new FormulaError(`${describeToken(t)} must be followed by a field name`);
        }
        return 'any';
      }
      default:
        throw new FormulaError(`${describeToken(t)} is not allowed where an operand is expected`);
    }
  }
}

/** What is wrong with the formula's syntax or result, in words, or undefined when expr-lang would compile it. */
function formulaProblem(formula: string): string | undefined {
  try {
    const type = new Parser(tokenize(formula)).parseFormula();
    if (type === 'bool' || type === 'string' || type === 'nil') {
      const what = type === 'bool' ? 'a boolean (true/false)' : type === 'string' ? 'a string' : 'nil';
      return `gives ${what}; it must compute a number, e.g. "a > 10 ? a : 0" instead of "a > 10"`;
    }
    return undefined;
  } catch (e) {
    if (e instanceof FormulaError) return e.message;
    throw e;
  }
}

/** Why KEDA's webhook cannot compile the formula, as "must be ...", with the rule it breaks; undefined when it can. */
export function uncompilableFormulaProblem(formula: string): RuleProblem | undefined {
  if (formula.trim() === '') return { ruleId: 'SO-30', problem: 'must be an expression over trigger names' };
  const problem = formulaProblem(formula);
  return problem ? { ruleId: 'SO-41', problem: `must be an expr-lang expression KEDA can compile: ${problem}` } : undefined;
}

/** Variable names used by an expr-lang formula, in order of first use. */
export function formulaVariables(formula: string): string[] {
  try {
    const parser = new Parser(tokenize(formula));
    parser.parseFormula();
    return parser.variables;
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return variablesByPattern(formula);
  }
}

/**
 * Which variables of the formula are not among `names` (the ScaledObject's named non-cpu/memory triggers), in
 * words (SO-33); undefined when it reads only those.
 */
export function unknownFormulaVariablesProblem(formula: string, names: readonly string[]): string | undefined {
  const unknown = formulaVariables(formula).filter(v => !names.includes(v));
  if (unknown.length === 0) return undefined;
  return `reads ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not names' : 'is not the name'} of a non-cpu/memory trigger (named: ${names.join(', ') || 'none'})`;
}

/** The variables of a formula that does not parse: identifiers that are neither keywords, calls nor members. */
function variablesByPattern(formula: string): string[] {
  const withoutStrings = formula.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'|`[^`]*`/g, ' ');
  const found: string[] = [];
  const identifier = /(?<![.\w$#])([A-Za-z_$][\w$]*)(?![\w$])(?!\s*\()/g;
  let m: RegExpExecArray | null;
  while ((m = identifier.exec(withoutStrings)) !== null) {
    const name = m[1];
    if (!WORD_OPERATORS.has(name) && !LITERALS.has(name) && !['let', 'if', 'else', '$env'].includes(name) && !found.includes(name)) found.push(name);
  }
  return found;
}
