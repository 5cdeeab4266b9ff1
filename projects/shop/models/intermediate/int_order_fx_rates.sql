{{
  config(
    materialized='incremental',
    unique_key='order_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- The rate (units per 1 USD) of each order's currency on its day: the daily export, else the seed's fallback rate
-- (`fx_is_fallback`, so int_order_items_enriched recomputes those lines once the day's rate arrives).
-- Incremental: a run merges new and changed orders, and again the orders still at a fallback rate.
select
    o.order_id,
    coalesce(fx.rate, seed.usd_rate) as fx_rate,
    fx.rate is null and o.currency <> 'USD' as fx_is_fallback,
    o.updated_at
from {{ ref('stg_orders') }} o
left join {{ ref('stg_fx_rates') }} fx on fx.rate_date = o.order_date and fx.currency = o.currency
left join {{ ref('currency_rates') }} seed on seed.currency = o.currency
{% if is_incremental() %}
where o.updated_at > {{ watermark('updated_at') }}
{% if this_has_column('fx_is_fallback') %}
   or o.order_id in (select order_id from {{ this }} where fx_is_fallback)
{% endif %}
{% endif %}
