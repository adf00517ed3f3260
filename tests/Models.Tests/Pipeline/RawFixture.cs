using EventStream.Ingestion;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Pipeline;

/// <summary>
/// A small, hand-written raw layer in an in-memory database (tables from <see cref="RawTables"/>, the ingestion's
/// own DDL): three users (one soft-deleted), three posts and a few events, so every expected value is countable.
/// </summary>
internal static class RawFixture
{
    public static DuckDbWarehouse Create()
    {
        var warehouse = DuckDbWarehouse.Open(DuckDbWarehouse.InMemory);
        RawTables.Create(warehouse);
        warehouse.Execute("""
            insert into raw."user" values
                ('u1', 'Ada',   'Lovelace', '2100-01-01 08:00', '2100-01-01 08:00', null,               ' gb', 'red'),
                ('u2', 'Alan',  'Turing',   '2100-01-01 09:00', '2100-01-02 10:00', null,               'GB',  null),
                ('u3', 'Grace', 'Hopper',   '2100-01-01 10:00', '2100-01-02 11:00', '2100-01-02 11:00', 'us',  'blue');
            insert into raw.post values
                ('p1', 'u1', 'hello',  '2100-01-01 09:00', '2100-01-01 09:00', null),
                ('p2', 'u3', 'world',  '2100-01-01 11:00', '2100-01-01 11:00', null),
                ('p3', 'u2', 'gone',   '2100-01-01 12:00', '2100-01-02 12:00', '2100-01-02 12:00');
            insert into raw.event values
                ('e1', 'u2', 'p1', '2100-01-01 10:00', 'view'),
                ('e2', 'u2', 'p1', '2100-01-01 10:01', 'like'),
                ('e3', 'u1', 'p2', '2100-01-02 12:00', 'view'),
                ('e4', 'u3', 'p1', '2100-01-02 23:59:59', 'view');
            """);
        return warehouse;
    }
}
