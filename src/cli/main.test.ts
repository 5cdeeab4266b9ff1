import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';
import { renderError } from './render-error.js';
import { MercatorError } from '../errors/index.js';

describe('runCli', () => {
  it('exits 0 for --help and --version', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['node', 'mercator', '--help'])).toBe(0);
      expect(await runCli(['node', 'mercator', '--version'])).toBe(0);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(/Usage: mercator/);
    } finally {
      write.mockRestore();
    }
  });

  it('exits 2 with a suggestion for an unknown command', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['node', 'mercator', 'validat'])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/Did you mean validate\?/);
      expect(await runCli(['node', 'mercator', 'nosuchcommand'])).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/unknown command 'nosuchcommand'/);
    } finally {
      err.mockRestore();
    }
  });
});

describe('renderError', () => {
  it('prints code, message and hint without a stack unless --debug', () => {
    const error = new MercatorError('CONFIG_FILE_MISSING', { file: 'mercator.yml' });
    const plain = renderError(error, false);
    expect(plain.exit).toBe(2);
    expect(plain.text).toContain('[CONFIG_FILE_MISSING] Config file mercator.yml does not exist.');
    expect(plain.text).toContain('hint: Create it');
    expect(plain.text).not.toContain('at ');
    expect(renderError(error, true).text).toMatch(/\n\s+at /);
  });

  it('renders unknown errors as internal with exit 70', () => {
    const { text, exit } = renderError(new TypeError('x is not a function'), false);
    expect(exit).toBe(70);
    expect(text).toContain('[INTERNAL] Unexpected internal error: x is not a function');
  });
});

describe('mercator validate', () => {
  it('exits 2 and names file, line and the closest key for a misspelt key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-validate-'));
    writeFileSync(join(dir, 'mercator.yml'), 'name: shop\ndbt_projct_dir: dbt\n');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['node', 'mercator', 'validate', '--project-dir', dir])).toBe(2);
      const text = err.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toContain('mercator.yml:2: dbt_projct_dir: unknown key `dbt_projct_dir` — did you mean `dbt_project_dir`?');
      expect(text).toContain('hint: Rename `dbt_projct_dir` to `dbt_project_dir`.');
    } finally {
      err.mockRestore();
    }
  });

  it('exits 0 for a valid file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-validate-'));
    writeFileSync(join(dir, 'mercator.yml'), 'name: shop\n');
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['node', 'mercator', 'validate', '--project-dir', dir])).toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('mercator.yml is valid (project shop)');
    } finally {
      out.mockRestore();
    }
  });
});
