select
    product_id,
    sku,
    name as product_name,
    category,
    price,
    cost,
    trim(currency) as currency,
    is_active,
    created_at,
    updated_at
from {{ source('shop_db', 'products') }}
qualify row_number() over (partition by product_id order by updated_at desc, _mercator_loaded_at desc) = 1
