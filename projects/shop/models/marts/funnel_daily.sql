select
    session_date,
    count(*) as sessions,
    count(*) filter (where viewed_product) as product_views,
    count(*) filter (where added_to_cart) as add_to_carts,
    count(*) filter (where started_checkout) as checkouts,
    count(*) filter (where purchased) as purchases,
    round(count(*) filter (where purchased) / count(*), 4) as conversion_rate
from {{ ref('int_sessions') }}
group by session_date
