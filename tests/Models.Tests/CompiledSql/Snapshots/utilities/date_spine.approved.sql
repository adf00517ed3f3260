-- utilities.date_spine (table) from Utilities/DateSpine.cs:8
select
    cast(day as date) as date_day,
    cast(month(day) as integer) as month,
    cast(quarter(day) as integer) as quarter,
    cast(year(day) as integer) as year,
    monthname(day) as month_name,
    cast(dayofyear(day) as integer) as day_of_year,
    cast(isodow(day) as integer) as iso_weekday,
    isodow(day) >= 6 as is_weekend
from (
    select unnest(generate_series(
        cast(min(ingest_date) as timestamp),
        cast(max(ingest_date) as timestamp) + interval 1 year,
        interval 1 day)) as day
    from "raw"."ingestion_audit"
)
