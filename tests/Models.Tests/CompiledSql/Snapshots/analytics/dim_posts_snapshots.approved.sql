-- analytics.dim_posts_snapshots (snapshot) from Analytics/DimPostsSnapshots.cs:8
select * from "analytics"."dim_posts"
