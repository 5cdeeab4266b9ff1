import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerValidate } from './validate.js';

/** A CLI command module: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command) => void;

/** Every command, in the order `mercator --help` lists them. Add a new command file here. */
export const commands: RegisterCommand[] = [
  registerDemo,
  registerValidate,
];
