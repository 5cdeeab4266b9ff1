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

  it('loads a large seed through the CSV reader with the same types and values as the literal path', async () => {
    const rows: string[] = [];
    for (let i = 1; i <= 1000; i++) {
      const note = i % 7 === 0 ? '' : i % 11 === 0 ? 'null' : i % 5 === 0 ? `"say ""hi""; ${i}, ok"` : i % 13 === 0 ? `"two\nlines ${i}"` : ` spaced ${i}`;
      rows.push([i, i % 3 === 0 ? '' : (i / 4).toString(), `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 2 === 0 ? 'true' : 'false', note, `00${i}`].join(';'));
    }
    const header = 'id;amount;day;flag;note;code';
    project = await TestProject.create({
      'dbt_project.yml': `name: shop\nprofile: shop\nseeds:\n  shop:\n    +delimiter: ";"\n    +column_types:\n      code: varchar\n`,
      'seeds/big.csv': [header, ...rows].join('\n') + '\n',
      'seeds/small.csv': [header, ...rows.slice(0, 100)].join('\n') + '\n',
    });
    expect(TestProject.statuses(await project.run('seed'))).toEqual({ big: 'success', small: 'success' });
    const types = async (t: string): Promise<string[]> =>
      (await project!.rows(`select column_name, data_type from information_schema.columns where table_name = '${t}' order by ordinal_position`)).map((r) => `${String(r.column_name)}:${String(r.data_type)}`);
    expect(await types('big')).toEqual(['id:INTEGER', 'amount:DOUBLE', 'day:DATE', 'flag:BOOLEAN', 'note:VARCHAR', 'code:VARCHAR']);
    expect(await types('small')).toEqual(await types('big'));
    expect(await project.rows('select count(*) as n, count(note) as notes, count(amount) as amounts from main.big')).toEqual([{ n: 1000, notes: 1000 - 142 - 78, amounts: 667 }]);
    // The literal path (100 rows) and the bulk path agree row for row on the rows they share.
    expect(await project.rows('select count(*) as n from (select * from main.big where id <= 100 except select * from main.small)')).toEqual([{ n: 0 }]);
    expect(await project.rows('select count(*) as n from (select * from main.small except select * from main.big)')).toEqual([{ n: 0 }]);
    expect(await project.rows('select note, code from main.big where id in (5, 26, 1000) order by id')).toEqual([
      { note: 'say "hi"; 5, ok', code: '005' },
      { note: 'two\nlines 26', code: '0026' },
      { note: 'say "hi"; 1000, ok', code: '001000' },
    ]);
  });
});
