{{
  config(
    materialized='incremental',
    unique_key='charge_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- A table merged on its key rather than a view: as a view every reader (models, tests) deduplicated the
-- whole raw table again. A run merges the rows loaded since the last one; the raw layer holds one row per
-- key (the loader merges on it), so the latest loaded version is the current one, as in the source.
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
    to_timestamp(created) as created_at,
    _mercator_loaded_at as loaded_at
from {{ source('stripe', 'charges') }}
{% if is_incremental() %}
where _mercator_loaded_at > {{ watermark('loaded_at') }}
{% endif %}
qualify row_number() over (partition by id order by _mercator_loaded_at desc) = 1
