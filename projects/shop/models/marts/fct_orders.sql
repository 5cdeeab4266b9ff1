{{
  config(
    materialized='incremental',
    unique_key='order_item_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- One row per order line; a changed order or line is merged in again.
select
    i.order_item_id,
    i.order_id,
    i.customer_id,
    d.customer_key,
    i.product_id,
    cast(strftime(i.order_date, '%Y%m%d') as integer) as date_key,
    i.order_date,
    i.ordered_at,
    i.status,
    i.is_revenue,
    i.currency,
    i.quantity,
    i.line_total,
    i.fx_rate,
    i.line_total_usd,
    i.discount_usd,
    i.cost_usd,
    i.updated_at,
    i._merged_at as lines_merged_at
from {{ ref('int_order_items_enriched') }} i
left join {{ ref('dim_customers') }} d
  on d.customer_id = i.customer_id
 and i.ordered_at >= d.valid_from and i.ordered_at < coalesce(d.valid_to, timestamp '9999-12-31')  -- an OR here makes DuckDB fall back to a nested loop
{% if is_incremental() %}
-- Every line int_order_items_enriched merged since this table's last run: changed lines and orders, but also lines
-- of changed customers (their version may differ) and lines converted again once their day's fx rate arrived,
-- whose updated_at stays the same.
where i._merged_at > {{ watermark('lines_merged_at') }}
{% endif %}
