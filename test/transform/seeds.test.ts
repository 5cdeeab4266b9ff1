import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('seeds', () => {
  it('infers types in dbt order, reads "" and null as NULL, and honours column_types and delimiter', async () => {
    project = await TestProject.create({
      'dbt_project.yml': `name: shop\nprofile: shop\nseeds:\n  shop:\n    semi:\n      +delimiter: ";"\n    raw_orders:\n      +column_types:\n        code: varchar\n`,
      'seeds/raw_orders.csv': `id,amount,ordered_on,paid_at,gift,note,code\n1,10.5,2024-01-02,2024-01-02 10:00:00,true,hello,007\n2,3,2024-01-03,2024-01-03T11:30:00,false,,010\n3,,null,,,"a, b",\n`,
      'seeds/semi/semi.csv': `a;b\n1;x\n`,
    });
    const result = await project.run('seed');
    expect(TestProject.statuses(result)).toEqual({ raw_orders: 'success', semi: 'success' });
    const types = await project.rows(`select column_name, data_type from information_schema.columns where table_name = 'raw_orders' order by ordinal_position`);
    expect(types.map((t) => `${String(t.column_name)}:${String(t.data_type)}`)).toEqual(['id:INTEGER', 'amount:DOUBLE', 'ordered_on:DATE', 'paid_at:TIMESTAMP', 'gift:BOOLEAN', 'note:VARCHAR', 'code:VARCHAR']);
    expect(await project.rows('select id, amount, gift, note, code from main.raw_orders order by id')).toEqual([
      { id: 1, amount: 10.5, gift: true, note: 'hello', code: '007' },
      { id: 2, amount: 3, gift: false, note: null, code: '010' },
      { id: 3, amount: null, gift: null, note: 'a, b', code: null },
    ]);
    expect(await project.rows('select * from main.semi')).toEqual([{ a: 1, b: 'x' }]);
  });
});
