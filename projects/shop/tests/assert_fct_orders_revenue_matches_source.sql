-- fct_orders revenue equals the source order items converted at the day's rate (to the cent).
with src as (
    select sum(round(case when o.currency = 'USD' then i.line_total
                          else i.line_total / coalesce(fx.rate, seed.usd_rate) end, 2)) as usd
    from {{ source('shop_db', 'order_items') }} i
    join {{ source('shop_db', 'orders') }} o on o.order_id = i.order_id
    left join {{ source('exports', 'fx_rates') }} fx on fx.date = cast(o.created_at as date) and upper(fx.quote_currency) = o.currency
    left join {{ ref('currency_rates') }} seed on seed.currency = o.currency
),
mart as (select sum(line_total_usd) as usd from {{ ref('fct_orders') }})
select src.usd, mart.usd from src, mart where abs(coalesce(src.usd, 0) - coalesce(mart.usd, 0)) > 0.005
