-- utilities.date_spine (table) from Utilities/DateSpine.cs:8
with recursive spine(day, last_day) as (
    select min(ingest_date), cast(max(ingest_date) + interval '1 year' as date)
    from "raw"."ingestion_audit"
    union all
    select cast(day + 1 as date), last_day from spine where day < last_day
)
select
    day as date_day,
    cast(extract(month from day) as integer) as month,
    cast(extract(quarter from day) as integer) as quarter,
    cast(extract(year from day) as integer) as year,
    case cast(extract(month from day) as integer)
        when 1 then 'January' when 2 then 'February' when 3 then 'March' when 4 then 'April'
        when 5 then 'May' when 6 then 'June' when 7 then 'July' when 8 then 'August'
        when 9 then 'September' when 10 then 'October' when 11 then 'November' else 'December'
    end as month_name,
    cast(extract(doy from day) as integer) as day_of_year,
    cast(extract(isodow from day) as integer) as iso_weekday,
    extract(isodow from day) >= 6 as is_weekend
from spine
where day is not null
