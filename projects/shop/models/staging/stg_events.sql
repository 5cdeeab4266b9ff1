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
from {{ source('landing', 'events') }} e
{% if is_incremental() %}
where e._mercator_loaded_at > {{ watermark('loaded_at') }}
  and not exists (select 1 from {{ this }} t where t.event_id = e.event_id)
{% endif %}
qualify row_number() over (partition by e.event_id order by e._mercator_loaded_at) = 1
