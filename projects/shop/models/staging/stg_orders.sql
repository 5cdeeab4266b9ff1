select
    order_id,
    customer_id,
    status,
    trim(currency) as currency,
    trim(country) as country,
    subtotal,
    discount,
    shipping,
    tax,
    total,
    created_at as ordered_at,
    cast(created_at as date) as order_date,
    updated_at
from {{ source('shop_db', 'orders') }}
qualify row_number() over (partition by order_id order by updated_at desc, _mercator_loaded_at desc) = 1
