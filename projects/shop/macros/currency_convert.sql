{# Converts an amount in a currency to USD given the currency's units per 1 USD; NULL rate → NULL, USD passes through. #}
{% macro currency_convert(amount, currency, rate) -%}
  round(case when {{ currency }} = 'USD' then {{ amount }} else {{ amount }} / nullif({{ rate }}, 0) end, 2)
{%- endmacro %}
