import { describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

describe('build with a unit test whose input is a seed', () => {
  it('runs the seed, the unit test, the model and its children', async () => {
    const project = await TestProject.create({
      'seeds/rates.csv': 'currency,rate\nEUR,1.1\nUSD,1.0\n',
      'models/converted.sql': "select currency, rate * 2 as doubled from {{ ref('rates') }}",
      'models/report.sql': "select count(*) as n from {{ ref('converted') }}",
      'seeds/rates.yml': 'seeds:\n  - name: rates\n    columns:\n      - name: currency\n        data_tests: [unique, not_null]\n',
      'models/unit.yml': `unit_tests:
  - name: doubles_rates
    model: converted
    given:
      - input: ref('rates')
        rows:
          - {currency: EUR, rate: 2}
    expect:
      rows:
        - {currency: EUR, doubled: 4}
`,
    });
    const result = await project.run('build');
    const statuses = Object.fromEntries(result.results.map((r) => [r.uniqueId, r.status]));
    expect(statuses).toMatchObject({
      'seed.shop.rates': 'success',
      'model.shop.converted': 'success',
      'model.shop.report': 'success',
    });
    expect(await project.rows('select n from main.report')).toEqual([{ n: 2 }]);
  });
});
