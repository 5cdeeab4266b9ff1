-- One row per session: start, end, events and how far down the funnel it got.
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
    min(device) as device
from {{ ref('stg_events') }}
where session_id is not null
group by session_id
