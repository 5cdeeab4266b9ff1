-- Landing files are appended once each; an event id seen twice keeps its first load.
select
    event_id,
    event_type,
    occurred_at,
    cast(occurred_at as date) as event_date,
    session_id,
    anonymous_id,
    try_cast(customer_id as bigint) as customer_id,
    page,
    try_cast(product_id as bigint) as product_id,
    try_cast(cast(order_id as varchar) as bigint) as order_id,
    utm_source,
    device,
    _mercator_loaded_at as loaded_at
from {{ source('landing', 'events') }}
qualify row_number() over (partition by event_id order by _mercator_loaded_at) = 1
