// Does: measures the Jinja engine on dbt-model-sized templates: 100 distinct models rendered 100 times (template cache)
// and 10,000 distinct models parsed and rendered once. Run alone with `npx tsx bench/jinja-bench.ts`.
// Does not: touch a warehouse or the dbt context; refs/config/vars are small stand-ins.
import { pathToFileURL } from 'node:url';
import { Environment } from '../src/jinja/index.js';
import type { BenchResult } from './bench-result.js';

const STATUSES = ['placed', 'shipped', 'completed', 'returned', 'return_pending'];

/** A ~40-line model: config, refs, a macro, loops with loop.last, a namespace, filters and an if/else. */
export function modelTemplate(i: number): string {
  const cols = Array.from({ length: 4 + (i % 5) }, (_, k) => `col_${i}_${k}`);
  return `{{ config(materialized='${i % 3 === 0 ? 'table' : 'view'}', tags=['bench', 'm${i}']) }}
{%- macro cents_to_dollars(column, scale=2) -%}
    round({{ column }} / 100.0, {{ scale }})
{%- endmacro -%}
{%- set payment_methods = ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] -%}
{%- set columns = ${JSON.stringify(cols)} -%}
{%- set ns = namespace(n=0) %}
-- model ${i}
with orders as (
    select * from {{ ref('stg_orders_${i % 17}') }}
),
payments as (
    select * from {{ ref('stg_payments') }}
    where created_at >= '{{ var('start_date', '2024-01-01') }}'
),
order_payments as (
    select
        order_id,
        {% for method in payment_methods -%}
        sum(case when payment_method = '{{ method }}' then {{ cents_to_dollars('amount') }} else 0 end) as {{ method }}_amount,
        {% endfor -%}
        sum({{ cents_to_dollars('amount', scale=4) }}) as total_amount
    from payments
    group by 1
),
final as (
    select
        {%- for col in columns %}
        orders.{{ col | lower }}{% set ns.n = ns.n + 1 %}{{ ',' if not loop.last }}
        {%- endfor %},
        case orders.status
        {%- for s in ${JSON.stringify(STATUSES)} %}
            when '{{ s }}' then {{ loop.index }}
        {%- endfor %}
        end as status_rank,
        {{ ns.n }} as column_count,
        order_payments.total_amount as amount
    from orders
    left join order_payments using (order_id)
)
{% if is_incremental() -%}
select * from final where order_date > (select max(order_date) from {{ this }})
{%- else -%}
select * from final
{%- endif %}
`;
}

export function context(i: number): Record<string, unknown> {
  return {
    config: (..._a: unknown[]) => '',
    ref: (name: string) => `"analytics"."main"."${name}"`,
    var: (name: string, dflt?: unknown) => (name === 'start_date' ? '2024-01-01' : dflt),
    is_incremental: () => i % 2 === 0,
    this: { toString: () => `"analytics"."main"."model_${i}"` },
  };
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Renders 10,000 model templates both ways and reports milliseconds per template. */
export async function runJinjaBench(): Promise<BenchResult> {
  const distinct = 100;
  const repeats = 100;
  const sources = Array.from({ length: distinct }, (_, i) => modelTemplate(i));
  const contexts = Array.from({ length: distinct }, (_, i) => context(i));
  let chars = 0;

  // Warm-up so the JIT has compiled the hot paths before measuring.
  const warm = new Environment();
  for (let i = 0; i < 2000; i++) chars += warm.renderString(modelTemplate(100_000 + i), context(i), `warm_${i}.sql`).length;

  // Best of three rounds: the figure is the engine's speed, not the noise of other processes on the machine.
  const rounds = 3;
  let cachedMs = Infinity;
  let uncachedMs = Infinity;
  for (let round = 0; round < rounds; round++) {
    const cachedEnv = new Environment();
    cachedMs = Math.min(
      cachedMs,
      time(() => {
        for (let r = 0; r < repeats; r++) {
          for (let i = 0; i < distinct; i++) chars += cachedEnv.renderString(sources[i]!, contexts[i], `model_${i}.sql`).length;
        }
      }),
    );
    const uniqueSources = Array.from({ length: distinct * repeats }, (_, i) => modelTemplate(1000 + round * 100_000 + i));
    const uncachedEnv = new Environment();
    uncachedMs = Math.min(
      uncachedMs,
      time(() => {
        for (let i = 0; i < uniqueSources.length; i++) chars += uncachedEnv.renderString(uniqueSources[i]!, contexts[i % distinct], `model_${i}.sql`).length;
      }),
    );
  }

  const n = distinct * repeats;
  return {
    bench: 'jinja',
    params: { templates: n, distinctCached: distinct, repeats, rounds, linesPerTemplate: sources[0]!.split('\n').length, outputChars: chars },
    metrics: [
      { name: 'render with template cache', value: +(cachedMs / n).toFixed(4), unit: 'ms/template', target: { op: '<=', value: 0.1 } },
      { name: 'parse + compile + render', value: +(uncachedMs / n).toFixed(4), unit: 'ms/template' },
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runJinjaBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
