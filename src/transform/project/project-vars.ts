/** Resolves `var()` the dbt way: --vars, then the root project's vars (package-scoped block first), then the package's own. */
export function makeVarLookup(
  cliVars: Readonly<Record<string, unknown>>,
  rootVars: Readonly<Record<string, unknown>>,
  packageVars: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): (name: string, packageName: string) => unknown {
  const scoped = (vars: Readonly<Record<string, unknown>> | undefined, name: string, pkg: string): unknown => {
    if (!vars) return undefined;
    const block = vars[pkg];
    if (block && typeof block === 'object' && !Array.isArray(block) && name in block) return (block as Record<string, unknown>)[name];
    return Object.hasOwn(vars, name) ? vars[name] : undefined;
  };
  return (name, pkg) => {
    if (Object.hasOwn(cliVars, name)) return cliVars[name];
    const fromRoot = scoped(rootVars, name, pkg);
    if (fromRoot !== undefined) return fromRoot;
    return scoped(packageVars.get(pkg), name, pkg);
  };
}
