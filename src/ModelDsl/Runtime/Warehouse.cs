using System.Globalization;
using System.Numerics;
using ModelDsl.Catalog;
using ModelDsl.Engines;

namespace ModelDsl.Runtime;

/// <summary>
/// An open database of some engine: the connection every build step runs on. An engine implements the few primitives
/// (statements, queries, describing columns, another connection, interrupting); everything a materialization, a test or
/// the contract checker does is written on them and on the engine's <see cref="Dialect"/>. Parameters are written
/// <c>$1</c>, <c>$2</c>, ...
/// </summary>
public abstract class Warehouse(string path, SqlDialect dialect) : IDisposable
{
    /// <summary>Where the warehouse was opened from, as messages name it (a file, or the target; never a secret).</summary>
    public string Path { get; } = path;

    public SqlDialect Dialect { get; } = dialect;

    /// <summary><c>--record-sql</c>: where every statement sent on this connection is written (null: nowhere).</summary>
    public SqlRecorder? Recorder { get; set; }

    /// <summary>An engine calls this from the one place it sends a statement, before sending it.</summary>
    protected void Sent(string sql, object[] parameters)
    {
        Recorder?.Record(sql, parameters);
        if (_relations is not null && !_tracking && RelationCache.MayChangeRelations(sql))
            _relations.Forget();
    }

    // During a build on one connection: the relations read once (see RelationCache); null: every look-up asks the database.
    private RelationCache? _relations;
    private bool _tracking; // a relation statement that updates _relations itself is being sent

    /// <summary>Look-ups of relations read the database's catalog once and follow this connection's own statements (for a
    /// build on this connection alone: another connection's statements are not seen), until <see cref="IDisposable.Dispose"/>.</summary>
    internal IDisposable CacheRelations()
    {
        _relations = new RelationCache();
        return new Uncache(this);
    }

    private sealed class Uncache(Warehouse warehouse) : IDisposable
    {
        public void Dispose() => warehouse._relations = null;
    }

    // Sends a relation statement on `relation`, then records what is there now (null: a temporary table, outside the
    // database's catalog).
    private void Relation(string sql, string? relation, RelationType now)
    {
        _tracking = true;
        try
        {
            Execute(sql);
        }
        finally
        {
            _tracking = false;
        }
        if (relation is not null)
            _relations?.Set(relation, now);
    }

    // What this connection has already set up, so that repeating it costs no round trip: a build sets the same window
    // before most tests and asks for each node's schema. A rollback may undo either (PostgreSQL's SET is transactional).
    private (DateOnly First, DateOnly EndExclusive)? _window;
    private readonly HashSet<string> _schemas = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Another connection to the same database, for a build thread of its own.</summary>
    public abstract Warehouse Duplicate();

    /// <summary>Runs a statement; returns the affected-row count.</summary>
    public abstract int Execute(string sql, params object[] parameters);

    /// <summary>
    /// A query's column names and its first <paramref name="limit"/> rows (all of them when null), read in the query's
    /// order; each value as the engine's driver reads it (<c>null</c> for SQL NULL).
    /// </summary>
    public abstract QueryResult Query(string sql, int? limit = null, params object[] parameters);

    /// <summary>The columns (name, engine type) of a relation or a query, in order, without running it.</summary>
    public abstract IReadOnlyList<(string Name, string Type)> Describe(string relationOrQuery);

    /// <summary>The first column of the first row (<c>null</c> for none or SQL NULL).</summary>
    protected abstract object? ScalarValue(string sql, object[] parameters);

    /// <summary>Stops the statement running on this connection (from another thread): it fails as interrupted.</summary>
    public abstract void Interrupt();

    /// <summary>
    /// Applies the engine's resource settings for this build (<see cref="EngineSettings"/>); an engine without such settings
    /// refuses any.
    /// </summary>
    public virtual void Configure(EngineSettings settings)
    {
        if (!settings.IsEmpty)
            throw new BadInputException($"the {Dialect.Name} engine takes no memory limit, engine threads or temporary directory ({Path})");
    }

    /// <summary>A new, empty scratch database of the same engine, gone when disposed (<c>--empty</c> builds there).</summary>
    public abstract Warehouse OpenScratch();

    public abstract void Dispose();

    /// <summary>Every row of a query, each as its column values (<c>null</c> for SQL NULL).</summary>
    public IReadOnlyList<object?[]> Rows(string sql, params object[] parameters) => Query(sql, null, parameters).Rows;

    /// <summary>A query's column names and its rows as text (<see cref="QueryResult.Text"/>), for people to read.</summary>
    public (IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows) RowsAsText(string sql)
    {
        var result = Query(sql);
        return (result.Columns, result.Rows.Select(row => row.Select(QueryResult.Text).ToArray()).ToList());
    }

    public T? Scalar<T>(string sql, params object[] parameters) => ScalarValue(sql, parameters) switch
    {
        null or DBNull => default,
        T value => value,
        // A HUGEINT (e.g. DuckDB's sum of BIGINT) arrives as BigInteger, which Convert does not know.
        BigInteger big => (T)Convert.ChangeType((decimal)big, typeof(T), CultureInfo.InvariantCulture),
        var value => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
    };

    /// <summary>A DATE value as a row holds it (drivers give <see cref="DateOnly"/> or <see cref="DateTime"/>).</summary>
    public static DateOnly AsDate(object value) => value is DateOnly date ? date : DateOnly.FromDateTime((DateTime)value);

    /// <summary>Whether a table, a view or nothing exists under <c>schema.name</c> in this database.</summary>
    public virtual RelationType FindRelation(string schema, string name) =>
        _relations is { } cache ? cache.Find(schema, name, AllRelations) : AskRelation(schema, name);

    private RelationType AskRelation(string schema, string name)
    {
        var type = Scalar<string>(
            """
            select table_type from information_schema.tables
            where table_catalog = current_database() and lower(table_schema) = lower($1) and lower(table_name) = lower($2)
            """,
            schema, name);
        return TypeOf(type);
    }

    private static RelationType TypeOf(string? tableType) => tableType switch
    {
        null => RelationType.None,
        "VIEW" => RelationType.View,
        _ => RelationType.Table,
    };

    // What FindRelation would say of every relation, in one query.
    private IEnumerable<(string, string, RelationType)> AllRelations() =>
        Rows("select table_schema, table_name, table_type from information_schema.tables where table_catalog = current_database()")
            .Select(r => ((string)r[0]!, (string)r[1]!, TypeOf((string?)r[2])));

    /// <summary>Every table and view of this database as <c>schema.name</c>, in order.</summary>
    public virtual IReadOnlyList<string> Relations() =>
        Rows("""
            select table_schema || '.' || table_name from information_schema.tables
            where table_catalog = current_database() and table_type <> 'LOCAL TEMPORARY'
              and table_schema not in ('information_schema', 'pg_catalog')
            order by 1
            """)
            .Select(r => (string)r[0]!)
            .ToList();

    /// <summary>Drops the table or view under <c>schema.name</c>, if there is one.</summary>
    public void DropRelation(string schema, string name)
    {
        var relation = Dialect.Quote(schema, name);
        switch (FindRelation(schema, name))
        {
            case RelationType.Table:
                Relation($"DROP TABLE {relation}", relation, RelationType.None);
                break;
            case RelationType.View:
                Relation($"DROP VIEW {relation}", relation, RelationType.None);
                break;
        }
    }

    /// <summary>Creates <paramref name="schema"/> when missing (once per connection: a later call sends nothing).</summary>
    public void CreateSchema(string schema)
    {
        if (_schemas.Contains(schema))
            return;
        Execute($"CREATE SCHEMA IF NOT EXISTS {Dialect.Quote(schema)}");
        _schemas.Add(schema);
    }

    public void CreateTable(string relation, string select)
    {
        Relation(Dialect.CreateTableAs(relation, select), relation, RelationType.Table);
        RefreshStatistics(relation);
    }

    /// <summary>
    /// Brings the planner's statistics of <paramref name="relation"/> up to date after a write, so the next statements
    /// (its tests, its dependents) are planned on its real size. Nothing by default: DuckDB keeps them as it writes.
    /// </summary>
    public virtual void RefreshStatistics(string relation)
    {
    }

    /// <summary>A table private to this connection, replacing one of that name.</summary>
    public void CreateTempTable(string name, string select)
    {
        DropTempTable(name);
        Relation(Dialect.CreateTempTableAs(name, select), null, RelationType.None);
    }

    /// <summary>Drops a table private to this connection, if there is one (it is not in the database's catalog).</summary>
    public void DropTempTable(string name) => Relation($"DROP TABLE IF EXISTS {name}", null, RelationType.None);

    public void DropTableIfExists(string relation) => Relation($"DROP TABLE IF EXISTS {relation}", relation, RelationType.None);

    public void CreateView(string relation, string select) => Relation(Dialect.CreateView(relation, select), relation, RelationType.View);

    public void RenameTable(string relation, string newName)
    {
        Relation(Dialect.RenameTable(relation, newName), relation, RelationType.None);
        _relations?.Set(RelationCache.Parse(relation) is var (schema, _) ? Dialect.Quote(schema, newName) : newName, RelationType.Table);
    }

    /// <summary>Inserts <paramref name="select"/>'s rows, matching columns by name; returns the rows inserted.</summary>
    public long InsertByName(string target, string select)
    {
        var inserted = Execute(Dialect.InsertByName(target, select, () => Describe(select).Select(c => c.Name).ToList()));
        RefreshStatistics(target);
        return inserted;
    }

    /// <summary>Deletes the rows of <paramref name="target"/> that match <paramref name="predicate"/>; returns how many.</summary>
    public long DeleteWhere(string target, string predicate) => Execute(Dialect.DeleteWhere(target, predicate));

    public void AddColumns(string relation, IEnumerable<(string Name, string Type)> columns)
    {
        foreach (var (name, type) in columns)
            Execute(Dialect.AddColumn(relation, name, type));
    }

    /// <summary>Creates <paramref name="relation"/> from a CSV file with a header: the declared columns, in order, or detected ones.</summary>
    public abstract void CreateTableFromCsv(string relation, string path, IReadOnlyList<Column> columns);

    public void Begin() => Execute("BEGIN TRANSACTION");

    public void Commit() => Execute("COMMIT");

    public void Rollback()
    {
        _window = null;
        _relations?.Forget();
        _schemas.Clear();
        Execute("ROLLBACK");
    }

    /// <summary>Sets the logical run time that models read with <see cref="Narrowing.RunTime"/>.</summary>
    public void SetRunTime(DateTime runTime) => Execute(Dialect.SetVariable("run_time", BuildOptions.InUtc(runTime)));

    /// <summary>Sets the days being processed, [<paramref name="first"/>, <paramref name="endExclusive"/>); nothing is sent when
    /// they are already set.</summary>
    public void SetWindow(DateOnly first, DateOnly endExclusive)
    {
        if (_window == (first, endExclusive))
            return;
        _window = null; // a failure half-way leaves it unknown
        Execute(Dialect.SetVariable("partition_start", first.ToDateTime(TimeOnly.MinValue)));
        Execute(Dialect.SetVariable("partition_end", endExclusive.ToDateTime(TimeOnly.MinValue)));
        _window = (first, endExclusive);
    }

    /// <summary>An engine's error message, first line only: the rest is context people do not need.</summary>
    public static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
