-- SCD Type 2: one row per customer version of segment and country, from the snapshot.
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
    dbt_valid_to is null as is_current
from {{ ref('customers_snapshot') }}
