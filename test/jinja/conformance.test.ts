// Does: renders every case of test/jinja/cases with our engine and compares with the goldens real Jinja2 produced.
// Does not: run Python; regenerate goldens with `python3 scripts/jinja-goldens.py` after editing cases.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Environment, TemplateError, TemplateSyntaxError } from '../../src/jinja/index.js';
import { makeFixtures } from './fixtures.js';

interface Case {
  name: string;
  template: string;
}
interface Golden {
  template: string;
  context: Record<string, unknown>;
  fixtures: string[];
  output?: string;
  error?: { type: string; message: string; line: number | null; syntax: boolean };
}

const casesDir = new URL('./cases/', import.meta.url);
const goldensDir = new URL('./goldens/', import.meta.url);

for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort()) {
  const cases = parse(readFileSync(new URL(file, casesDir), 'utf8')) as Case[];
  const goldenFile = file.replace(/\.yaml$/, '.json');
  const goldens = (JSON.parse(readFileSync(new URL(goldenFile, goldensDir), 'utf8')) as { cases: Record<string, Golden> }).cases;
  describe(file, () => {
    for (const c of cases) {
      it(c.name, () => {
        const golden = goldens[c.name];
        expect(golden, `no golden for ${c.name}; run scripts/jinja-goldens.py`).toBeDefined();
        expect(golden!.template, 'golden is stale; run scripts/jinja-goldens.py').toBe(c.template);
        const env = new Environment();
        const context = { ...golden!.context, ...makeFixtures(golden!.fixtures) };
        let output: string | undefined;
        let error: unknown;
        try {
          output = env.fromString(golden!.template, c.name).render(context);
        } catch (e) {
          error = e;
        }
        if (golden!.error) {
          expect(error, `Jinja2 raised ${golden!.error.type}: ${golden!.error.message}; we rendered ${JSON.stringify(output)}`).toBeInstanceOf(TemplateError);
          if (golden!.error.syntax) {
            expect(error, `Jinja2 raised a syntax error: ${golden!.error.message}`).toBeInstanceOf(TemplateSyntaxError);
            expect((error as TemplateError).line).toBe(golden!.error.line);
          }
        } else {
          if (error) throw error;
          expect(output).toBe(golden!.output);
        }
      });
    }
  });
}
