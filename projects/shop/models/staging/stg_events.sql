{{
  config(
    materialized='incremental',
    incremental_strategy='append'
  )
}}
-- Landing files are appended once each; an event id seen twice keeps its first load.
-- The one staging model kept as a table: the clickstream is the largest, append-only source, and as a view every
-- reader (sessions, tests) deduplicated all of it again. A run appends the events loaded since the last one that it
-- has not seen.
{% if is_incremental() %}
with new_events as (
    select * from {{ source('landing', 'events') }}
    where _mercator_loaded_at > {{ watermark('loaded_at') }}
),
-- A redelivered event repeats its id and its time, so only kept events from the earliest new one on (and any
-- without a time) can match: the check reads those instead of every event id ever kept.
seen as (
    select event_id from {{ this }} where occurred_at >= (select min(occurred_at) from new_events)
    union all
    select event_id from {{ this }} where occurred_at is null
)
{% endif %}
select
    e.event_id,
    e.event_type,
    e.occurred_at,
    cast(e.occurred_at as date) as event_date,
    e.session_id,
    e.anonymous_id,
    try_cast(e.customer_id as bigint) as customer_id,
    e.page,
    try_cast(e.product_id as bigint) as product_id,
    try_cast(cast(e.order_id as varchar) as bigint) as order_id,
    e.utm_source,
    e.device,
    e._mercator_loaded_at as loaded_at
{% if is_incremental() %}
from new_events e
left join seen s on s.event_id = e.event_id
where s.event_id is null
{% else %}
from {{ source('landing', 'events') }} e
{% endif %}
qualify row_number() over (partition by e.event_id order by e._mercator_loaded_at) = 1
