-- The spreadsheet export has hand-typed rows ('n/a', 'TBD', '#REF!'): rows whose date or spend do not parse are dropped.
select
    try_cast(date as date) as spend_date,
    lower(trim(channel)) as channel,
    try_cast(spend as decimal(12, 2)) as spend,
    impressions,
    clicks,
    upper(coalesce(currency, 'USD')) as currency
from {{ source('exports', 'marketing_spend') }}
where try_cast(date as date) is not null
  and try_cast(spend as decimal(12, 2)) is not null
