select
    order_item_id,
    order_id,
    product_id,
    quantity,
    unit_price,
    discount,
    line_total,
    created_at,
    updated_at
from {{ source('shop_db', 'order_items') }}
qualify row_number() over (partition by order_item_id order by updated_at desc, _mercator_loaded_at desc) = 1
