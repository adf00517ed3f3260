-- analysis.like_ratio_by_creator_region_and_month (analysis) from Analyses/LikeRatioByCreatorRegionAndMonth.cs:12
select
    cast(date_trunc('month', event_date) as date) as month,
    creator_region,
    count(distinct creator_id) filter (where views > 0) as creators,
    sum(views) as views,
    sum(likes) as likes,
    round(sum(likes) / nullif(sum(views), 0), 4) as like_ratio
from "analytics"."agg_creator_metrics_daily"
group by 1, 2
order by month, creator_region
