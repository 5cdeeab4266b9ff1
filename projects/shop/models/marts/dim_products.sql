select product_id, sku, product_name, category, price, cost, currency, is_active, created_at, updated_at
from {{ ref('stg_products') }}
