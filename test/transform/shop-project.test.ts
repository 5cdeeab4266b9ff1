import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/shop-project', import.meta.url));

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('the shop fixture project', () => {
  it('builds seeds, staging views, the incremental fact, the dimension, tests and the snapshot to hand-computed tables', async () => {
    project = await TestProject.fromDir(FIXTURE);
    const build = await project.run('build');
    const statuses = TestProject.statuses(build);
    expect(Object.entries(statuses).filter(([, s]) => s !== 'success' && s !== 'pass')).toEqual([]);
    expect(build.summary).toMatchObject({ error: 0, skip: 0, warn: 0 });
    expect(Object.keys(statuses)).toHaveLength(22);

    expect(await project.rows('select order_id, customer_id, cast(order_date as varchar) as order_date, status, amount from main.fct_orders order by order_id')).toEqual([
      { order_id: 1, customer_id: 1, order_date: '2024-01-05', status: 'completed', amount: 15 },
      { order_id: 2, customer_id: 1, order_date: '2024-01-20', status: 'completed', amount: 25 },
      { order_id: 3, customer_id: 2, order_date: '2024-02-01', status: 'returned', amount: 12 },
      { order_id: 4, customer_id: 3, order_date: '2024-02-03', status: 'placed', amount: 8 },
    ]);
    expect(await project.rows('select * from main.dim_customers order by customer_id')).toEqual([
      { customer_id: 1, customer_name: 'Ann Lee', number_of_orders: 2, lifetime_value: 40 },
      { customer_id: 2, customer_name: 'Bob Ray', number_of_orders: 1, lifetime_value: 0 },
      { customer_id: 3, customer_name: 'Cid Moe', number_of_orders: 1, lifetime_value: 8 },
    ]);
    expect(await project.rows(`select table_name, table_type from information_schema.tables where table_schema = 'main' and table_name like 'stg_%' order by 1`)).toEqual([
      { table_name: 'stg_customers', table_type: 'VIEW' },
      { table_name: 'stg_orders', table_type: 'VIEW' },
      { table_name: 'stg_payments', table_type: 'VIEW' },
    ]);

    // Next day: a new order arrives and a customer changes e-mail.
    project.write({
      'seeds/raw_orders.csv': `id,customer_id,order_date,status\n1,1,2024-01-05,completed\n2,1,2024-01-20,completed\n3,2,2024-02-01,returned\n4,3,2024-02-03,placed\n5,2,2024-03-01,completed\n`,
      'seeds/raw_payments.csv': `id,order_id,payment_method,amount_cents\n1,1,card,1000\n2,1,coupon,500\n3,2,card,2500\n4,3,bank_transfer,1200\n5,4,card,800\n6,5,card,5000\n`,
      'seeds/raw_customers.csv': `id,first_name,last_name,email,updated_at\n1,Ann,Lee,ann@example.com,2024-01-01 00:00:00\n2,Bob,Ray,bob@example.com,2024-01-01 00:00:00\n3,Cid,Moe,cid@example.com,2024-03-01 00:00:00\n`,
    });
    const second = await project.run('build');
    expect(second.summary).toMatchObject({ error: 0, skip: 0 });
    const fct = second.results.find((r) => r.uniqueId === 'model.shop.fct_orders')!;
    expect(fct.rowsAffected).toBe(1);
    expect(await project.rows('select order_id, amount from main.fct_orders order by order_id')).toEqual([
      { order_id: 1, amount: 15 },
      { order_id: 2, amount: 25 },
      { order_id: 3, amount: 12 },
      { order_id: 4, amount: 8 },
      { order_id: 5, amount: 50 },
    ]);
    expect(await project.rows('select customer_id, number_of_orders, lifetime_value from main.dim_customers where customer_id = 2')).toEqual([{ customer_id: 2, number_of_orders: 2, lifetime_value: 50 }]);
    expect(await project.rows('select id, email, dbt_valid_to is null as current from snapshots.customers_snapshot where id = 3 order by dbt_valid_from')).toEqual([
      { id: 3, email: null, current: false },
      { id: 3, email: 'cid@example.com', current: true },
    ]);
  });
});
