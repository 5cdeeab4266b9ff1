select
    id as refund_id,
    charge as charge_id,
    try_cast(metadata__order_id as bigint) as order_id,
    upper(currency) as currency,
    amount / 100.0 as amount,
    status,
    reason,
    to_timestamp(created) as created_at,
    _mercator_loaded_at as loaded_at
from {{ source('stripe', 'refunds') }}
qualify row_number() over (partition by id order by _mercator_loaded_at desc) = 1
