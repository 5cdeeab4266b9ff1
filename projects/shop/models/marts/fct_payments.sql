{{
  config(
    materialized='incremental',
    unique_key='payment_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- One row per payment attempt (Stripe charge): method, status, the amount and its non-failed refunds in USD
-- at the charge day's rate (the daily export, else the seed's fallback rate), dated by when it was created.
-- Incremental: a run merges the charges loaded since the last one, those with a refund loaded since (a refund can
-- also fail later), and those converted at a fallback rate (the day's rate may have arrived since).
with refunds as (
    select
        charge_id,
        sum(amount) filter (where status <> 'failed') as refunded,
        max(loaded_at) as refunds_loaded_at
    from {{ ref('stg_refunds') }}
    group by charge_id
)
select
    p.charge_id as payment_id,
    p.order_id,
    p.customer_id,
    p.payment_method,
    p.status,
    p.is_successful,
    p.failure_code,
    p.currency,
    p.created_at,
    cast(p.created_at as date) as created_date,
    p.amount,
    coalesce(r.refunded, 0) as refunded,
    {{ currency_convert('p.amount', 'p.currency', 'coalesce(fx.rate, seed.usd_rate)') }} as amount_usd,
    {{ currency_convert('coalesce(r.refunded, 0)', 'p.currency', 'coalesce(fx.rate, seed.usd_rate)') }} as refunded_usd,
    fx.rate is null and p.currency <> 'USD' as fx_is_fallback,
    p.loaded_at,
    r.refunds_loaded_at
from {{ ref('stg_payments') }} p
left join refunds r on r.charge_id = p.charge_id
left join {{ ref('stg_fx_rates') }} fx on fx.rate_date = cast(p.created_at as date) and fx.currency = p.currency
left join {{ ref('currency_rates') }} seed on seed.currency = p.currency
{% if is_incremental() %}
where p.loaded_at > {{ watermark('loaded_at') }}
   or r.refunds_loaded_at > {{ watermark('refunds_loaded_at') }}
   {{ or_fallback_rate_rows('p.charge_id', 'payment_id') }}
{% endif %}
