import type { MacroFile, MacroIndex } from './macro-index.js';

type Fn = (...args: unknown[]) => unknown;


/**
 * The macros one render can call: modules are instantiated lazily against the render's context the first
 * time one of their macros is looked up, so 10,000 models never pay for macro files they do not use.
 */
export class MacroScope {
  // Created on first use: most renders call no macro and name no package.
  private modules: Map<MacroFile, Record<string, unknown>> | null = null;
  private namespaces: Map<string, object> | null = null;

  constructor(
    readonly index: MacroIndex,
    readonly currentPackage: string,
    private readonly context: () => Record<string, unknown>,
  ) {}

  private instantiate(file: MacroFile): Record<string, unknown> {
    const modules = (this.modules ??= new Map());
    let module = modules.get(file);
    if (!module) {
      module = file.template.module(this.context()) as Record<string, unknown>;
      modules.set(file, module);
    }
    return module;
  }

  /** The macro `name` as a bare name would find it, or undefined. */
  lookup(name: string): Fn | undefined {
    const file = this.index.resolve(name, this.currentPackage);
    return file ? (this.instantiate(file)[name] as Fn | undefined) : undefined;
  }

  /** The macro `name` of package `pkg` only. */
  lookupIn(pkg: string, name: string): Fn | undefined {
    const file = this.index.find(pkg, name);
    return file ? (this.instantiate(file)[name] as Fn | undefined) : undefined;
  }

  /** True when `pkg` is a package with macros (so `pkg.macro()` works). */
  hasPackage(pkg: string): boolean {
    return this.index.byPackage.has(pkg);
  }

  /** `dbt_utils` as templates see it: an object whose properties are the package's macros. */
  namespace(pkg: string): object {
    const namespaces = (this.namespaces ??= new Map());
    let ns = namespaces.get(pkg);
    if (!ns) {
      const find = (prop: string | symbol): Fn | undefined => (typeof prop === 'string' ? (this.lookupIn(pkg, prop) ?? (pkg === 'dbt' ? undefined : this.lookupIn('dbt', prop))) : undefined);
      // A dict-like proxy: templates read a dict's own keys, which also reaches private macros such as `dbt_utils._is_relation`.
      ns = new Proxy({}, {
        get: (_t, prop) => find(prop),
        has: (_t, prop) => find(prop) !== undefined,
        getOwnPropertyDescriptor: (_t, prop) => {
          const value = find(prop);
          return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
        },
      });
      namespaces.set(pkg, ns);
    }
    return ns;
  }
}
