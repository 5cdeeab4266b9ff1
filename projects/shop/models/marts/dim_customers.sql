{{
  config(
    materialized='incremental',
    unique_key='customer_key',
    incremental_strategy='merge',
    on_schema_change='append_new_columns'
  )
}}
-- SCD Type 2: one row per customer version of segment and country, from the snapshot.
-- Incremental: a run merges every version of the customers whose snapshot rows were opened or closed since the last
-- run (a version's number, and so its valid_from, depends on the customer's other versions).
select
    md5(cast(customer_id as varchar) || '|' || cast(dbt_valid_from as varchar)) as customer_key,
    customer_id,
    email,
    first_name,
    last_name,
    segment,
    country,
    deleted_at is not null as is_deleted,
    -- The first version holds since before any order, so every order line finds a version.
    case when row_number() over (partition by customer_id order by dbt_valid_from) = 1 then timestamp '1900-01-01' else dbt_valid_from end as valid_from,
    dbt_valid_from as snapshot_valid_from,
    dbt_valid_to as valid_to,
    dbt_valid_to is null as is_current,
    greatest(dbt_valid_from, dbt_valid_to) as snapshot_changed_at
from {{ ref('customers_snapshot') }}
{% if is_incremental() %}
where customer_id in (
    select customer_id from {{ ref('customers_snapshot') }}
    where dbt_valid_from > {{ watermark('snapshot_changed_at') }}
       or dbt_valid_to > {{ watermark('snapshot_changed_at') }}
)
{% endif %}
