using System.Data.Common;
using Bogus;

namespace EventStream.Ingestion;

/// <summary>What every stage of one day's ingestion shares: the warehouse (inside the day's transaction), the day, its randomness.</summary>
sealed class DayContext(RawConnection raw, FictionalDay day, int seed, Volumes volumes, TextWriter log)
{
    public FictionalDay Day => day;
    public Volumes Volumes => volumes;
    public TextWriter Log => log;

    /// <summary>
    /// The same day on a connection of its own, outside the day's transaction, so it sees the committed days only
    /// and can run beside the day's stages. Dispose the connection after use.
    /// </summary>
    public (DayContext Context, IDisposable Connection) OnOwnConnection()
    {
        var own = raw.Duplicate();
        return (new DayContext(own, day, seed, volumes, log), own);
    }

    public Random Random(RandomStream stream) => new(Seeds.For(seed, day.Number, stream));

    /// <summary>A Bogus faker with its own seeded randomizer (never Bogus' shared global one).</summary>
    public Faker Faker(RandomStream stream) => new() { Random = new Randomizer(Seeds.For(seed, day.Number, stream)) };

    /// <summary>Bulk-writes the rows <paramref name="fill"/> gives into a raw table.</summary>
    public void Append(string table, Action<RowWriter> fill) => Write(RawTables.Schema, table, fill);

    void Write(string? schema, string table, Action<RowWriter> fill)
    {
        using var writer = raw.Writer(schema, table);
        fill(writer);
        writer.Complete();
    }

    public void Execute(string sql) => raw.Warehouse.Execute(sql);

    // Typed rows straight from the reader: the stages read hundreds of thousands of ids, boxing them would cost.
    public List<T> Query<T>(string sql, Func<DbDataReader, T> row)
    {
        using var command = raw.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    /// <summary>
    /// Bulk-writes rows to a fresh temp table, runs set-based SQL that reads it, and drops it —
    /// updates and soft deletes touch the raw tables once, whatever the number of rows.
    /// </summary>
    public void ApplyThroughTempTable(string name, string columns, Action<RowWriter> fill, string statement) =>
        ThroughTempTable(name, columns, fill, () => raw.Warehouse.Execute(statement));

    /// <summary>Soft-deletes rows of a raw table (docs/warehouse.md §1): their data stays, <c>deleted_at</c> and <c>updated_at</c> become each row's time.</summary>
    public void SoftDelete(RawTables.Table table, string key, IEnumerable<(string Id, DateTime At)> rows)
    {
        var changes = $"{table.Name}_delete";
        ApplyThroughTempTable(changes, $"{key} VARCHAR, changed_at TIMESTAMP", writer =>
        {
            foreach (var (id, at) in rows) writer.Add(id).Add(at).EndRow();
        }, table.Rewrite(key, changes, new() { ["deleted_at"] = "c.changed_at", ["updated_at"] = "c.changed_at" }));
    }

    /// <summary>Bulk-writes rows to a fresh temp table, runs <paramref name="use"/> on it, and drops it.</summary>
    public T ThroughTempTable<T>(string name, string columns, Action<RowWriter> fill, Func<T> use)
    {
        Execute($"DROP TABLE IF EXISTS {name}; CREATE TEMP TABLE {name} ({columns})");
        Write(null, name, fill);
        var result = use();
        Execute($"DROP TABLE {name}");
        return result;
    }
}

/// <summary>A live row as the generator needs it.</summary>
readonly record struct Member(string Id, DateTime CreatedAt);
