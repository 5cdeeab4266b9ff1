// Build step (npm run build, after tsc): bundles the dbt-style commands of dist/cli/main.js with their
// packages into one file, dist/bundle/main.cjs, which bin/mercator.js runs for those commands, then runs it
// once on a one-model project so that bin/mercator.js saves V8's code cache for it.
// Why: `mercator run` otherwise loads about 400 files (our ~140 modules, zod's 95, @duckdb/node-api's 181,
// yaml, commander), and resolving, reading and compiling them one by one was most of its start-up.
// Does not: bundle the other commands (ingest, demo, serve, pipeline...): they locate files relative to
// their own module and load native or optional packages, so they keep running from dist/ as tsc built it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/bundle');

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  // CommonJS, one file: bin/mercator.js compiles it with a V8 code cache (node:vm), which Node 20 offers
  // for scripts only, not for ES modules.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // The DuckDB binding is a native addon found by platform at run time.
  external: ['@duckdb/node-bindings'],
  define: { 'import.meta.url': '__mercatorModuleUrl' },
  banner: { js: "const __mercatorModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    {
      name: 'mercator-bundle',
      setup(b) {
        // The full command list is loaded only when argv names no dbt-style command, and bin/mercator.js sends
        // those to dist/cli/main.js: the bundle leaves it (and the ingest, demo and serve code) out.
        b.onResolve({ filter: /^\.\/commands\/index\.js$/ }, () => ({ path: 'commands-index', namespace: 'mercator-bundle' }));
        b.onLoad({ filter: /.*/, namespace: 'mercator-bundle' }, () => ({
          contents: "throw new Error('the bundled CLI runs only the dbt-style commands; bin/mercator.js sends the others to dist/cli/main.js');\n",
          loader: 'js',
        }));
        // zod's index of its 60-odd message locales is half of zod's code; Mercator's messages are English (the
        // default, which zod's schemas import on their own), so the bundle keeps only that one.
        b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";\n', loader: 'js' }));
        // `createRequire(import.meta.url)('pkg')` written as require('pkg'), which esbuild bundles, instead of
        // leaving @duckdb/node-api's 181 files to load at run time.
        b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
          const text = readFileSync(args.path, 'utf8');
          if (!text.includes('createRequire(import.meta.url)(')) return undefined;
          return { contents: text.replace(/createRequire\(import\.meta\.url\)\((['"][^'"]+['"])\)/g, 'require($1)'), loader: 'js' };
        });
      },
    },
  ],
});

// One run of a one-model project (in-memory DuckDB): bin/mercator.js saves the code cache of what it compiled.
const project = mkdtempSync(join(tmpdir(), 'mercator-bundle-'));
try {
  writeFileSync(join(project, 'dbt_project.yml'), 'name: warm\nprofile: warm\nconfig-version: 2\n');
  writeFileSync(join(project, 'profiles.yml'), 'warm:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n      threads: 1\n');
  mkdirSync(join(project, 'models'));
  writeFileSync(join(project, 'models/warm.sql'), "{{ config(materialized='table') }}\nselect {{ var('x', 1) }} as id\n");
  execFileSync(process.execPath, [join(root, 'bin/mercator.js'), 'run', '--project-dir', project, '--profiles-dir', project], { stdio: 'ignore' });
} finally {
  rmSync(project, { recursive: true, force: true });
}
