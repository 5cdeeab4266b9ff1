-- Day × channel: spend (the spend export plus campaign spend) and the revenue the campaign export attributes,
-- so marketing metrics can be filtered by date; totals per channel equal marketing_roas.
with spend as (
    select spend_date as date_day, channel, sum(spend) as spend_usd, sum(clicks) as clicks, sum(impressions) as impressions
    from {{ ref('stg_marketing_spend') }}
    group by spend_date, channel
),
campaigns as (
    select campaign_date as date_day, channel, sum(spend) as campaign_spend_usd, sum(revenue) as attributed_revenue_usd, sum(conversions) as conversions
    from {{ ref('stg_campaigns') }}
    group by campaign_date, channel
)
select
    coalesce(s.date_day, c.date_day) as date_day,
    coalesce(s.channel, c.channel) as channel,
    coalesce(s.spend_usd, 0) + coalesce(c.campaign_spend_usd, 0) as spend_usd,
    coalesce(c.attributed_revenue_usd, 0) as attributed_revenue_usd,
    coalesce(c.conversions, 0) as conversions,
    coalesce(s.clicks, 0) as clicks,
    coalesce(s.impressions, 0) as impressions
from spend s
full outer join campaigns c on c.date_day = s.date_day and c.channel = s.channel
