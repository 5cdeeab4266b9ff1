import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerValidate } from './validate.js';
import { registerIngest } from './ingest.js';
import { registerPipeline } from './pipeline.js';
import { registerSchedule } from './schedule.js';
import { registerParse } from './parse.js';
import { registerCompile } from './compile.js';
import { registerRun } from './run.js';
import { registerTest } from './test.js';
import { registerSeed } from './seed.js';
import { registerBuild } from './build.js';
import { registerLs } from './ls.js';
import { registerSnapshot } from './snapshot.js';
import { registerSource } from './source.js';
import { registerDocs } from './docs.js';
import { registerInit } from './init.js';
import { registerDebug } from './debug.js';
import { registerClean } from './clean.js';
import { registerServe } from './serve.js';

/** A CLI command module: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every command, in the order `mercator --help` lists them. Add a new command file here. */
export const commands: RegisterCommand[] = [
  registerDemo,
  registerValidate,
  registerIngest,
  registerPipeline,
  registerSchedule,
  registerInit,
  registerDebug,
  registerParse,
  registerCompile,
  registerRun,
  registerTest,
  registerSeed,
  registerBuild,
  registerSnapshot,
  registerLs,
  registerSource,
  registerDocs,
  registerClean,
  registerServe,
];
