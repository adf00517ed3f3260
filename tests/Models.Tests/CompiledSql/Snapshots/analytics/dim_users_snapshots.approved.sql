-- analytics.dim_users_snapshots (snapshot) from Analytics/DimUsersSnapshots.cs:8
select * from "analytics"."dim_users"
