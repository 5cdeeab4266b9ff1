-- Spend from the spend export, attributed revenue from the campaign export, per channel.
with spend as (
    select channel, sum(spend) as spend_usd, sum(clicks) as clicks, sum(impressions) as impressions
    from {{ ref('stg_marketing_spend') }} group by channel
),
campaigns as (
    select channel, sum(spend) as campaign_spend_usd, sum(revenue) as attributed_revenue_usd, sum(conversions) as conversions
    from {{ ref('stg_campaigns') }} group by channel
)
select
    coalesce(s.channel, c.channel) as channel,
    coalesce(s.spend_usd, 0) + coalesce(c.campaign_spend_usd, 0) as total_spend_usd,
    coalesce(c.attributed_revenue_usd, 0) as attributed_revenue_usd,
    coalesce(c.conversions, 0) as conversions,
    round(coalesce(c.attributed_revenue_usd, 0) / nullif(coalesce(s.spend_usd, 0) + coalesce(c.campaign_spend_usd, 0), 0), 4) as roas
from spend s
full outer join campaigns c on c.channel = s.channel
