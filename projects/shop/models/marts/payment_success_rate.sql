select
    payment_method,
    count(*) as attempts,
    count(*) filter (where is_successful) as succeeded,
    round(count(*) filter (where is_successful) / count(*), 4) as success_rate
from {{ ref('stg_payments') }}
group by payment_method
