-- snapshots.raw__post_snapshots (snapshot) from Snapshots/RawPostSnapshots.cs:9
select * from "raw"."post"
