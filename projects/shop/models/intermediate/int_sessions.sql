{{
  config(
    materialized='incremental',
    unique_key='session_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- One row per session: start, end, events and how far down the funnel it got.
-- Incremental: a run recomputes, from all their events, the sessions that received an event loaded since the last run.
{% if is_incremental() %}
with new_sessions as (
    select session_id, min(occurred_at) as first_new_at
    from {{ ref('stg_events') }}
    where session_id is not null and loaded_at > {{ watermark('loaded_at') }}
    group by session_id
),
-- Each event of such a session is new or was counted here before, so none occurred before the earliest new
-- event or the recorded start of those sessions: the scan below reads only the events since then.
since as (
    select least(min(n.first_new_at), min(t.started_at)) as since_at
    from new_sessions n
    left join {{ this }} t on t.session_id = n.session_id
)
{% endif %}
select
    session_id,
    min(anonymous_id) as anonymous_id,
    max(customer_id) as customer_id,
    min(occurred_at) as started_at,
    max(occurred_at) as ended_at,
    cast(min(occurred_at) as date) as session_date,
    count(*) as events,
    bool_or(event_type = 'product_view') as viewed_product,
    bool_or(event_type = 'add_to_cart') as added_to_cart,
    bool_or(event_type = 'checkout_start') as started_checkout,
    bool_or(event_type = 'purchase') as purchased,
    min(utm_source) as utm_source,
    min(device) as device,
    max(loaded_at) as loaded_at
from {{ ref('stg_events') }}
where session_id is not null
{% if is_incremental() %}
  and session_id in (select session_id from new_sessions)
  and occurred_at >= (select since_at from since)
{% endif %}
group by session_id
