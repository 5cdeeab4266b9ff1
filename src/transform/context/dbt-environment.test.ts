import { describe, expect, it } from 'vitest';
import { createDbtEnvironment } from './dbt-environment.js';

describe('dbt filters', () => {
  const env = createDbtEnvironment();
  it('converts text to booleans and numbers', () => {
    expect(env.renderString("{{ 'true' | as_bool }} {{ 'False' | as_bool }} {{ ('4' | as_number) + 1 }}")).toBe('True False 5');
  });

  it('renders none as empty text and passes native values through', () => {
    expect(env.renderString('[{{ none | as_text }}] {{ (3 | as_native) * 2 }}')).toBe('[] 6');
  });
});
