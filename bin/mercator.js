#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `mercator` command: runs the compiled CLI from dist/.
// The larger young generation (the flag above, and in package.json's `start`): generating the demo shop and
// ingesting it make many short-lived objects. With the default size the demo spent a tenth of its CPU time
// more in garbage collection (fresh clone, 2 cores: 27.3-30.4 s with 32 MB, 29.7-35.9 s without); 64 MB took
// `demo init` from 10.7-13.4 s (32 MB) to 9.7-10.5 s (128 MB: no better, and 200 MB more memory).
// The dbt-style commands run from dist/bundle/main.cjs (their modules and packages in one file, built by
// bin/bundle-cli.mjs) compiled with V8's code cache: that starts in about half the time of loading their
// ~400 files one by one. Every other command, and every command while the bundle is missing or older
// than dist/cli/main.js (a bare `tsc` since the last `npm run build`), runs from dist/cli/main.js.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// The keys of TRANSFORM_COMMANDS in src/cli/main.ts (a test keeps the two lists equal).
const BUNDLED = new Set(['init', 'debug', 'parse', 'compile', 'run', 'test', 'seed', 'build', 'snapshot', 'ls', 'source', 'docs', 'clean']);

/** The command argv names (the first argument that is not a global option or its value), as src/cli/main.ts reads it. */
function commandName(argv) {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--log-format') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Runs the bundle's runCli; its compiled code comes from the cache file next to it, saved after a run when missing or rejected. */
async function runBundle(file, stat) {
  // Named after the bundle's size and time: a cache is never read for another build of it.
  const cacheFile = `${file}.${stat.size}-${Math.trunc(stat.mtimeMs)}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const code = await module.exports.runCli(process.argv);
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so the cache holds the functions it compiled. A cache that cannot be saved (read-only
    // install, full disk) only means the next start compiles again, so the command's result stands.
    const partial = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      rmSync(partial, { force: true });
    }
  }
  return code;
}

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('mercator is not built yet: run `npm run build` in ' + fileURLToPath(new URL('..', import.meta.url)) + '\n');
  process.exit(2);
}
const bundle = fileURLToPath(new URL('../dist/bundle/main.cjs', import.meta.url));
const built = BUNDLED.has(commandName(process.argv)) ? statSync(bundle, { throwIfNoEntry: false }) : undefined;
if (built && built.mtimeMs >= statSync(fileURLToPath(main)).mtimeMs) {
  process.exitCode = await runBundle(bundle, built);
} else {
  const { runCli } = await import(main.href);
  process.exitCode = await runCli(process.argv);
}
