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
),
candidates as (
    select e.* from new_events e
    left join seen s on s.event_id = e.event_id
    where s.event_id is null
),
{% else %}
with candidates as (
    select * from {{ source('landing', 'events') }}
),
{% endif %}
-- An id loaded more than once keeps its first load. Repeats are rare, so only their ids go through the window
-- (ranking every event cost as much as the rest of the model).
repeated as (
    select event_id, true as repeated from candidates group by event_id having count(*) > 1
),
firsts as (
    select c.* from candidates c
    left join repeated r on r.event_id is not distinct from c.event_id
    where r.repeated is null
    union all
    (select c.* from candidates c
    join repeated r on r.event_id is not distinct from c.event_id
    qualify row_number() over (partition by c.event_id order by c._mercator_loaded_at) = 1)
)
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
from firsts e
