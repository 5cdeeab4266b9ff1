-- fct_marketing_daily: one row per day and channel; spend equals both exports' spend, attributed revenue the
-- campaign export's, and per channel it adds up to marketing_roas.
with daily as (
    select channel, sum(spend_usd) as spend, sum(attributed_revenue_usd) as revenue, count(*) as n, count(distinct (date_day, channel)) as keys
    from {{ ref('fct_marketing_daily') }}
    group by channel
),
src as (
    select (select coalesce(sum(spend), 0) from {{ ref('stg_marketing_spend') }}) + (select coalesce(sum(spend), 0) from {{ ref('stg_campaigns') }}) as spend,
           (select coalesce(sum(revenue), 0) from {{ ref('stg_campaigns') }}) as revenue
)
select 'totals' as what from daily, src
having abs(sum(daily.spend) - any_value(src.spend)) > 0.005 or abs(sum(daily.revenue) - any_value(src.revenue)) > 0.005 or sum(daily.n) <> sum(daily.keys)
union all
select 'channel ' || daily.channel from daily
full outer join {{ ref('marketing_roas') }} r on r.channel = daily.channel
where abs(coalesce(daily.spend, 0) - coalesce(r.total_spend_usd, 0)) > 0.005
   or abs(coalesce(daily.revenue, 0) - coalesce(r.attributed_revenue_usd, 0)) > 0.005
