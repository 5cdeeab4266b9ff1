-- Units of quote currency per 1 USD, per day.
select
    date as rate_date,
    upper(quote_currency) as currency,
    rate
from {{ source('exports', 'fx_rates') }}
where upper(base_currency) = 'USD'
qualify row_number() over (partition by date, quote_currency order by _mercator_loaded_at desc) = 1
