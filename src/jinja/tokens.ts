// Does: the token shape shared by the lexer and the parser.
// Does not: produce tokens (see lexer.ts).

/** Kinds of tokens: template text, tag delimiters and expression tokens. */
export type TokenType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'int'
  | 'float'
  | 'op'
  | 'eof';

/** One token; `value` holds the text, the operator, the unescaped string or the number. */
export interface Token {
  type: TokenType;
  value: string;
  /** Numeric value for `int` and `float` tokens. */
  num?: number;
  line: number;
  column: number;
}
