using System.Diagnostics;
using EventStream.Ingestion;

/// <summary>The physical limit: an Appender loop writing event-shaped rows (same id formatting), no generation logic.</summary>
static class BareAppender
{
    /// <returns>The time to append and flush the rows, excluding the commit, like the generator's event stage.</returns>
    public static TimeSpan Write(string path, long rows)
    {
        using var warehouse = ModelDsl.Runtime.Warehouse.Open(path);
        var connection = warehouse.Connection;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE raw.bare_event AS SELECT * FROM raw.event LIMIT 0";
            command.ExecuteNonQuery();
        }

        var users = Enumerable.Range(0, 1024).Select(i => Ids.User(1, i)).ToArray();
        var posts = Enumerable.Range(0, 1024).Select(i => Ids.Post(1, i)).ToArray();
        // A rolled-back warm-up so that JIT compilation is not measured (the generator is warm after day 1 too).
        using (var warmUp = connection.BeginTransaction())
            Append(connection, users, posts, Math.Min(rows, 50_000));

        using var transaction = connection.BeginTransaction();
        var clock = Stopwatch.StartNew();
        Append(connection, users, posts, rows);
        var elapsed = clock.Elapsed;
        transaction.Commit();
        return elapsed;
    }

    static void Append(DuckDB.NET.Data.DuckDBConnection connection, string[] users, string[] posts, long rows)
    {
        var start = new DateTime(2100, 1, 1);
        using var appender = connection.CreateAppender("raw", "bare_event");
        for (long i = 0; i < rows; i++)
            appender.CreateRow().AppendValue(Ids.Event(1, i)).AppendValue(users[i & 1023]).AppendValue(posts[(i * 7) & 1023])
                .AppendValue(start.AddSeconds(i % 86_400)).AppendValue(i % 10 == 0 ? "like" : "view").EndRow();
    }
}
