{{
  config(
    materialized='incremental',
    unique_key='customer_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- Per customer: first and last order, order count, revenue (USD, revenue statuses only) and lifetime value.
-- Incremental: a run recomputes, from all their lines, the customers who are new or have a line merged since the last run.
select
    c.customer_id,
    min(i.order_date) as first_order_date,
    max(i.order_date) as last_order_date,
    count(distinct i.order_id) as orders,
    count(distinct case when i.is_revenue then i.order_id end) as revenue_orders,
    coalesce(sum(case when i.is_revenue then i.line_total_usd end), 0) as revenue_usd,
    coalesce(sum(case when i.is_revenue then i.cost_usd end), 0) as cost_usd,
    coalesce(sum(case when i.is_revenue then i.line_total_usd end), 0) as lifetime_value_usd,
    max(c.updated_at) as customer_updated_at,
    max(i._merged_at) as lines_merged_at
from {{ ref('stg_customers') }} c
left join {{ ref('int_order_items_enriched') }} i on i.customer_id = c.customer_id
{% if is_incremental() %}
where c.updated_at > {{ watermark('customer_updated_at') }}
   or c.customer_id in (
        select customer_id from {{ ref('int_order_items_enriched') }}
        where _merged_at > {{ watermark('lines_merged_at') }})
{% endif %}
group by c.customer_id
