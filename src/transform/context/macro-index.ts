import type { Environment, Template } from '../../jinja/index.js';
import { rewriteDbtBlocks } from '../project/dbt-blocks.js';

/** One parsed macro file. */
export interface MacroFile {
  packageName: string;
  file: string;
  template: Template;
  names: readonly string[];
}

/** Every macro of the project, by package then name; templates are parsed once. */
export class MacroIndex {
  readonly files: MacroFile[] = [];
  readonly byPackage = new Map<string, Map<string, MacroFile>>();

  constructor(readonly env: Environment, readonly rootPackage: string) {}

  /** Parses a macro file (dbt `{% test %}` blocks included) and indexes its macros under `packageName`. */
  add(packageName: string, file: string, source: string): MacroFile {
    const template = this.env.fromString(rewriteDbtBlocks(source), file);
    const entry: MacroFile = { packageName, file, template, names: [...template.macroNames] };
    this.files.push(entry);
    let names = this.byPackage.get(packageName);
    if (!names) this.byPackage.set(packageName, (names = new Map()));
    for (const name of entry.names) names.set(name, entry);
    return entry;
  }

  /** The file defining `name` in `pkg`, if any. */
  find(pkg: string, name: string): MacroFile | undefined {
    return this.byPackage.get(pkg)?.get(name);
  }

  /** Where a bare name resolves from a node of `currentPackage`: root project, that package, dbt's own, then any package. */
  resolve(name: string, currentPackage: string): MacroFile | undefined {
    const found = this.find(this.rootPackage, name) ?? this.find(currentPackage, name) ?? this.find('dbt', name);
    if (found) return found;
    for (const [pkg, names] of this.byPackage) if (pkg !== 'dbt' && names.has(name)) return names.get(name);
    return undefined;
  }

  /** Every macro name, for suggestions. */
  allNames(): string[] {
    return [...this.byPackage.values()].flatMap((m) => [...m.keys()]);
  }
}
