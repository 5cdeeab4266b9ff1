// Does: a Jinja2-compatible template engine (lexer, parser, closure compiler, Python-flavoured values, Jinja's filters and tests).
// Does not: know about dbt, load templates from files, or autoescape; it imports nothing else from Mercator.
export { Environment, type EnvironmentOptions } from './environment.js';
export { Template } from './template.js';
export { Kwargs, MacroReturn, Markup, Undefined, LenientUndefined, Namespace } from './runtime.js';
export { TemplateError, TemplateSyntaxError, TemplateRuntimeError, UndefinedError } from './errors.js';
export { PyFloat, makeTuple, isTuple, pyStr, repr, truthy } from './python-values.js';
export { macroInfo, type MacroInfo } from './attributes.js';
