{{
  config(
    materialized='incremental',
    unique_key='order_item_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- One row per order line with its order, product and customer attributes, amounts in USD at the order day's rate (int_order_fx_rates).
-- Incremental: a run merges the lines whose line or order changed, whose customer or product changed (their attributes
-- are copied here), and those converted at a fallback rate (the day's rate may have arrived since). The orders those
-- lines belong to are found first, each condition on its own table, so the joins below read only their lines.
{% if is_incremental() %}
with candidate_orders as (
    select order_id from {{ ref('stg_order_items') }} where updated_at > {{ watermark('updated_at') }}
    union
    select order_id from {{ ref('stg_orders') }} where updated_at > {{ watermark('updated_at') }}
    union
    select o.order_id from {{ ref('stg_orders') }} o
    join {{ ref('stg_customers') }} c on c.customer_id = o.customer_id
    where c.updated_at > {{ watermark('customer_updated_at') }}
    union
    select i.order_id from {{ ref('stg_order_items') }} i
    join {{ ref('stg_products') }} p on p.product_id = i.product_id
    where p.updated_at > {{ watermark('product_updated_at') }}
{% if this_has_column('fx_is_fallback') %}
    union
    select order_id from {{ this }} where fx_is_fallback
{% endif %}
)
{% endif %}
select
    i.order_item_id,
    i.order_id,
    o.customer_id,
    i.product_id,
    o.order_date,
    o.ordered_at,
    o.status,
    o.status in ('paid', 'shipped', 'delivered') as is_revenue,
    o.currency,
    o.country as order_country,
    p.category,
    p.product_name,
    c.segment as customer_segment,
    c.country as customer_country,
    i.quantity,
    r.fx_rate,
    i.line_total,
    {{ currency_convert('i.line_total', 'o.currency', 'r.fx_rate') }} as line_total_usd,
    {{ currency_convert('i.discount', 'o.currency', 'r.fx_rate') }} as discount_usd,
    {{ currency_convert('p.cost * i.quantity', 'p.currency', 'r.fx_rate') }} as cost_usd,
    r.fx_is_fallback,
    greatest(i.updated_at, o.updated_at) as updated_at,
    c.updated_at as customer_updated_at,
    p.updated_at as product_updated_at,
    current_timestamp as _merged_at
{% if is_incremental() %}
-- Each table is cut down to the candidate orders before the joins (joined whole and filtered after, they cost as
-- much as a third of a full build).
from (select * from {{ ref('stg_order_items') }} where order_id in (select order_id from candidate_orders)) i
join (select * from {{ ref('stg_orders') }} where order_id in (select order_id from candidate_orders)) o on o.order_id = i.order_id
join (select * from {{ ref('int_order_fx_rates') }} where order_id in (select order_id from candidate_orders)) r on r.order_id = i.order_id
{% else %}
from {{ ref('stg_order_items') }} i
join {{ ref('stg_orders') }} o on o.order_id = i.order_id
join {{ ref('int_order_fx_rates') }} r on r.order_id = i.order_id
{% endif %}
left join {{ ref('stg_products') }} p on p.product_id = i.product_id
left join {{ ref('stg_customers') }} c on c.customer_id = o.customer_id
{% if is_incremental() %}
where (greatest(i.updated_at, o.updated_at) > {{ watermark('updated_at') }}
   or c.updated_at > {{ watermark('customer_updated_at') }}
   or p.updated_at > {{ watermark('product_updated_at') }}
   {{ or_fallback_rate_rows('i.order_id', 'order_id') }}
  )
{% endif %}
