-- Stripe charges: amounts in minor units of the charge currency, turned into major units.
select
    id as charge_id,
    payment_intent as payment_intent_id,
    try_cast(metadata__order_id as bigint) as order_id,
    try_cast(metadata__customer_id as bigint) as customer_id,
    upper(currency) as currency,
    amount / 100.0 as amount,
    amount_refunded / 100.0 as amount_refunded,
    status,
    status = 'succeeded' as is_successful,
    payment_method_details__type as payment_method,
    failure_code,
    to_timestamp(created) as created_at
from {{ source('stripe', 'charges') }}
qualify row_number() over (partition by id order by _mercator_loaded_at desc) = 1
