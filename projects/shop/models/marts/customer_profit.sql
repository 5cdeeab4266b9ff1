select
    l.customer_id,
    l.revenue_orders,
    l.revenue_usd,
    l.cost_usd,
    {{ calculate_profit('l.revenue_usd', 'l.cost_usd') }} as profit_usd
from {{ ref('int_customer_lifetime') }} l
