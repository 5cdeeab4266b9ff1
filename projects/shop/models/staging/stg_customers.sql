-- One row per customer, the latest version; soft-deleted customers stay, flagged.
select
    customer_id,
    lower(email) as email,
    first_name,
    last_name,
    trim(country) as country,
    segment,
    created_at,
    updated_at,
    deleted_at,
    deleted_at is not null as is_deleted
from {{ source('shop_db', 'customers') }}
qualify row_number() over (partition by customer_id order by updated_at desc, _mercator_loaded_at desc) = 1
