using System.Data.Common;
using System.Text;
using DuckDB.NET.Data;
using ModelDsl.DuckDb;
using ModelDsl.Postgres;
using ModelDsl.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace EventStream.Ingestion;

/// <summary>
/// What the ingestion needs of an engine beyond <see cref="Warehouse"/>: a reader for typed rows and a bulk writer —
/// DuckDB's Appender, PostgreSQL's binary <c>COPY</c>.
/// </summary>
abstract class RawConnection(Warehouse warehouse) : IDisposable
{
    public Warehouse Warehouse => warehouse;

    public abstract DbConnection Connection { get; }

    /// <summary>A bulk writer of rows into <paramref name="table"/> (of <paramref name="schema"/>, or a temp table), in its column order.</summary>
    public abstract RowWriter Writer(string? schema, string table);

    /// <summary>The one-line error for a statement that waited past the engine's lock timeout, else null (DuckDB has none).</summary>
    public virtual RelationLockedException? Locked(Exception e) => null;

    /// <summary>The same database on a connection of its own.</summary>
    public RawConnection Duplicate() => For(warehouse.Duplicate());

    public void Dispose() => warehouse.Dispose();

    public static RawConnection For(Warehouse warehouse) => warehouse switch
    {
        DuckDbWarehouse duckDb => new DuckDbRaw(duckDb),
        PostgresWarehouse postgres => new PostgresRaw(postgres),
        _ => throw new BadInputException($"the ingestion does not write to {warehouse.Dialect.Name} databases"),
    };

    sealed class DuckDbRaw(DuckDbWarehouse warehouse) : RawConnection(warehouse)
    {
        public override DbConnection Connection => warehouse.Connection;

        public override RowWriter Writer(string? schema, string table) =>
            new DuckDbRowWriter(schema is null ? warehouse.Connection.CreateAppender(table) : warehouse.Connection.CreateAppender(schema, table));
    }

    sealed class PostgresRaw(PostgresWarehouse warehouse) : RawConnection(warehouse)
    {
        public override DbConnection Connection => warehouse.Connection;

        public override RelationLockedException? Locked(Exception e) => warehouse.Locked(e);

        public override RowWriter Writer(string? schema, string table)
        {
            var relation = schema is null ? warehouse.Dialect.Quote(table) : $"{warehouse.Dialect.Quote(schema)}.{warehouse.Dialect.Quote(table)}";
            return new PostgresRowWriter(warehouse.Connection.BeginBinaryImport($"COPY {relation} FROM STDIN (FORMAT BINARY)"));
        }
    }
}

/// <summary>
/// Rows for one table, value by value in its column order. <see cref="Complete"/> writes them; disposing without it
/// (the day failed) drops what was not written.
/// </summary>
abstract class RowWriter : IDisposable
{
    public abstract RowWriter Add(string? value);
    public abstract RowWriter Add(DateTime value);
    public abstract RowWriter Add(DateTime? value);
    public abstract RowWriter Add(long value);
    public abstract RowWriter Add(DateOnly value);
    public abstract void EndRow();

    /// <summary>The rows of a batch of <c>raw.event</c>.</summary>
    public abstract void Add(EventBatch batch);

    public abstract void Complete();
    public abstract void Dispose();
}

sealed class DuckDbRowWriter(DuckDBAppender appender) : RowWriter
{
    IDuckDBAppenderRow? row;

    IDuckDBAppenderRow Row => row ??= appender.CreateRow();

    public override RowWriter Add(string? value) { Row.AppendValue(value); return this; }
    public override RowWriter Add(DateTime value) { Row.AppendValue(value); return this; }
    public override RowWriter Add(DateTime? value) { Row.AppendValue(value); return this; }
    public override RowWriter Add(long value) { Row.AppendValue(value); return this; }
    public override RowWriter Add(DateOnly value) { Row.AppendValue(value); return this; }

    public override void EndRow()
    {
        Row.EndRow();
        row = null;
    }

    public override void Add(EventBatch batch) => batch.AppendTo(appender);

    public override void Complete() => appender.Close(); // closing copies the rows into the table

    public override void Dispose() => appender.Dispose();
}

// Times are the warehouse's logical UTC times in TIMESTAMP (without time zone) columns, whatever their Kind.
sealed class PostgresRowWriter(NpgsqlBinaryImporter importer) : RowWriter
{
    bool started;

    NpgsqlBinaryImporter Row()
    {
        if (!started) importer.StartRow();
        started = true;
        return importer;
    }

    public override RowWriter Add(string? value)
    {
        if (value is null) Row().WriteNull(); else Row().Write(value, NpgsqlDbType.Varchar);
        return this;
    }

    public override RowWriter Add(DateTime value)
    {
        Row().Write(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
        return this;
    }

    public override RowWriter Add(DateTime? value) => value is { } time ? Add(time) : Add((string?)null);

    public override RowWriter Add(long value) { Row().Write(value, NpgsqlDbType.Bigint); return this; }

    public override RowWriter Add(DateOnly value) { Row().Write(value, NpgsqlDbType.Date); return this; }

    public override void EndRow() => started = false;

    public override void Add(EventBatch batch) => batch.CopyTo(this);

    /// <summary>A UTF-8 text value.</summary>
    public void Add(ReadOnlySpan<byte> utf8) => Add(Encoding.UTF8.GetString(utf8));

    public override void Complete() => importer.Complete();

    public override void Dispose() => importer.Dispose();
}
