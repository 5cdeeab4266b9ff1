import { afterEach, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../src/errors/index.js';
import { sourceLineOf, statementLine } from '../../src/transform/run/sql-error-location.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

/** The error of the node named `name` in a result. */
function errorOf(result: Awaited<ReturnType<TestProject['run']>>, name: string): { message: string; location?: { file?: string; line?: number } } {
  const r = result.results.find((x) => x.uniqueId.endsWith(`.${name}`));
  expect(r?.status).toBe('error');
  const err = r!.error;
  expect(isMercatorError(err)).toBe(true);
  return err as { message: string; location?: { file?: string; line?: number } };
}

describe('SQL errors name the model file and line', () => {
  it('maps a missing column in a table model through a Jinja loop back to its line of the model file', async () => {
    project = await TestProject.create({
      'models/bad_col.sql': [
        "{{ config(materialized='table') }}",
        '',
        '-- a comment',
        'select',
        '  1 as id,',
        "  {% for c in ['a', 'b'] %}",
        "  '{{ c }}' as col_{{ c }},",
        '  {% endfor %}',
        '  nonexistent_col as x',
        'from (select 1 as y) t',
      ].join('\n'),
    });
    const err = errorOf(await project.run('run'), 'bad_col');
    expect(err.message).toContain('nonexistent_col');
    // Compiled: the config line and the loop tags leave blank lines, so the column is on line 11 of the compiled file.
    expect(err.message).toContain('models/bad_col.sql:9');
    expect(err.message).toContain('target/compiled/shop/models/bad_col.sql:11');
    expect(err.location).toMatchObject({ file: 'models/bad_col.sql', line: 9 });
  });

  it('points a syntax error in a view at its line', async () => {
    project = await TestProject.create({ 'models/bad_syntax.sql': 'select 1 as id\nfrom (select 1 as id) t\nwhere id = = 2\n' });
    const err = errorOf(await project.run('run'), 'bad_syntax');
    expect(err.message).toMatch(/syntax error/i);
    expect(err.message).toContain('models/bad_syntax.sql:3');
    expect(err.message).toContain('target/compiled/shop/models/bad_syntax.sql:3');
  });

  it('counts the lines of inlined ephemeral models in the compiled line but not in the model line', async () => {
    project = await TestProject.create({
      'models/eph.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as id,\n  2 as other",
      'models/uses_eph.sql': "{{ config(materialized='table') }}\nselect id,\n  missing_col\nfrom {{ ref('eph') }}",
    });
    const err = errorOf(await project.run('run'), 'uses_eph');
    expect(err.message).toContain('models/uses_eph.sql:3');
    // with __dbt__cte__eph as ( / (blank config line) / select 1 as id, / 2 as other / ) / (blank config line) / select id, / missing_col
    expect(err.message).toContain('target/compiled/shop/models/uses_eph.sql:8');
  });

  it('names the line of a singular test and of a snapshot block', async () => {
    project = await TestProject.create({
      'models/m.sql': 'select 1 as id',
      'tests/t.sql': "select *\nfrom {{ ref('m') }}\nwhere no_such_col > 0",
      'snapshots/s.sql': "-- header\n{% snapshot s %}\n{{ config(target_schema='snaps', unique_key='id', strategy='check', check_cols='all') }}\nselect id,\n  bad_snapshot_col\nfrom {{ ref('m') }}\n{% endsnapshot %}\n",
    });
    await project.run('run');
    expect(errorOf(await project.run('test'), 't').message).toContain('tests/t.sql:3');
    // The block starts on line 2 of the file: its line 4 is the file's line 5.
    expect(errorOf(await project.run('snapshot'), 's').message).toContain('snapshots/s.sql:5');
  });

  it('says nothing about a model line when no line of the model has the text', () => {
    // The failing line came from a macro: no source line matches it.
    expect(sourceLineOf("select\n  {{ my_cols() }}\nfrom t", 'select\n  a,\n  b\nfrom t', 3)).toBeUndefined();
    // Repeated text resolves by order.
    expect(sourceLineOf('select x\nunion all\nselect x', 'select x\nunion all\nselect x', 3)).toEqual({ line: 3, exact: false });
    expect(statementLine('Parser Error: syntax error at position 9', 'select 1\nfrom = t')).toBe(2);
  });
});
