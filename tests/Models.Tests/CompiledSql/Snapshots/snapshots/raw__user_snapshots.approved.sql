-- snapshots.raw__user_snapshots (snapshot) from Snapshots/RawUserSnapshots.cs:9
select * from "raw"."user"
