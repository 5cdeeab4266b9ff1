// Does: the error classes the template engine raises, each naming template, line and column.
// Does not: depend on the project's coded error registry; the engine is a standalone library.

/** Base class of every template error; `line` and `column` are 1-based (0 when unknown). */
export class TemplateError extends Error {
  templateName: string;
  line: number;
  column: number;
  /** The message without the location suffix. */
  readonly detail: string;
  constructor(message: string, templateName = '<template>', line = 0, column = 0, options?: { cause?: unknown }) {
    super(line > 0 ? `${message} (${templateName}, line ${line}, column ${column})` : `${message} (${templateName})`, options);
    this.name = 'TemplateError';
    this.detail = message;
    this.templateName = templateName;
    this.line = line;
    this.column = column;
  }
}

/** The template source is not valid Jinja (raised while lexing or parsing). */
export class TemplateSyntaxError extends TemplateError {
  constructor(message: string, templateName?: string, line?: number, column?: number) {
    super(message, templateName, line, column);
    this.name = 'TemplateSyntaxError';
  }
}

/** An error raised while rendering (wrong types, failing calls, undefined access). */
export class TemplateRuntimeError extends TemplateError {
  constructor(message: string, templateName?: string, line?: number, column?: number, options?: { cause?: unknown }) {
    super(message, templateName, line, column, options);
    this.name = 'TemplateRuntimeError';
  }
}

/** An operation on an undefined value that Jinja's Undefined refuses (attribute access, calls, arithmetic). */
export class UndefinedError extends TemplateRuntimeError {
  constructor(message: string, templateName?: string, line?: number, column?: number) {
    super(message, templateName, line, column);
    this.name = 'UndefinedError';
  }
}

/** Internal: a runtime failure not yet located; the compiler adds template name, line and column. */
export class RawRuntimeError extends Error {
  constructor(message: string, readonly kind: 'type' | 'value' | 'undefined' | 'key' | 'zero' | 'runtime' = 'runtime') {
    super(message);
    this.name = 'RawRuntimeError';
  }
}
