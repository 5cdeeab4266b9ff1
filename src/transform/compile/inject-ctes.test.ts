import { describe, expect, it } from 'vitest';
import { injectCtes } from './inject-ctes.js';

describe('injectCtes', () => {
  it('adds a with clause to a plain select', () => {
    expect(injectCtes('select * from __dbt__cte__a', [{ name: '__dbt__cte__a', sql: 'select 1 as x' }])).toBe('with __dbt__cte__a as (\nselect 1 as x\n)\nselect * from __dbt__cte__a');
  });
  it("puts ephemeral CTEs before the query's own CTEs, after comments", () => {
    const out = injectCtes('-- note\nWITH b AS (select 2) select * from b, __dbt__cte__a', [{ name: '__dbt__cte__a', sql: 'select 1;' }]);
    expect(out).toBe('-- note\nWITH __dbt__cte__a as (\nselect 1\n),\nb AS (select 2) select * from b, __dbt__cte__a');
  });
});
