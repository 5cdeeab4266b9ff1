select
    try_cast(date as date) as campaign_date,
    campaign_id,
    campaign_name,
    lower(trim(channel)) as channel,
    impressions,
    clicks,
    try_cast(spend as decimal(12, 2)) as spend,
    conversions,
    cast(revenue as decimal(12, 2)) as revenue
from {{ source('exports', 'campaigns') }}
where try_cast(date as date) is not null
  and try_cast(spend as decimal(12, 2)) is not null
qualify row_number() over (partition by campaign_id, try_cast(date as date) order by _mercator_loaded_at desc) = 1
