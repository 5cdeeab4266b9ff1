{% snapshot customers_snapshot %}
{{
  config(
    target_schema='snapshots',
    unique_key='customer_id',
    strategy='check',
    check_cols=['segment', 'country']
  )
}}
select customer_id, email, first_name, last_name, country, segment, created_at, updated_at, deleted_at
from {{ ref('stg_customers') }}
{% endsnapshot %}
