using ModelDsl.Runtime;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

public sealed class WarehouseTests
{
    [Fact]
    public void Opens_in_memory_and_a_new_file()
    {
        using var folder = new TempFolder();
        using (var memory = DuckDbWarehouse.Open(":memory:"))
            Assert.Equal(1, memory.Scalar<int>("select 1"));

        var path = folder.File("new.duckdb");
        using (var file = DuckDbWarehouse.Open(path))
            file.Execute("create table t as select 42 as x");
        using (var reopened = DuckDbWarehouse.Open(path))
            Assert.Equal(42, reopened.Scalar<int>("select x from t"));
    }

    [Fact]
    public void Refuses_a_file_that_is_not_duckdb_and_leaves_it_unchanged()
    {
        using var folder = new TempFolder();
        var path = folder.File("x.db");
        var bytes = "SQLite format 3\0 not a duck at all"u8.ToArray();
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<BadInputException>(() => DuckDbWarehouse.Open(path));

        Assert.Equal($"'{path}' is not a DuckDB database file", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Refuses_a_directory_and_a_missing_parent_directory()
    {
        using var folder = new TempFolder();

        var directory = Assert.Throws<BadInputException>(() => DuckDbWarehouse.Open(folder.Path));
        Assert.Contains("is a directory", directory.Message);

        var missing = Assert.Throws<BadInputException>(() => DuckDbWarehouse.Open(folder.File("nope/x.duckdb")));
        Assert.Contains("does not exist", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);
    }

    [Fact]
    public void Refuses_an_unwritable_location_with_one_line()
    {
        // /proc exists on Linux and accepts no new files, even for root.
        if (!OperatingSystem.IsLinux())
            return;

        var error = Assert.Throws<BadInputException>(() => DuckDbWarehouse.Open("/proc/eventstream-test.duckdb"));

        Assert.StartsWith("cannot open database '/proc/eventstream-test.duckdb': ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Finds_tables_views_and_nothing()
    {
        using var warehouse = DuckDbWarehouse.Open(":memory:");
        warehouse.Execute("create schema s; create table s.t (x int); create view s.v as select 1");

        Assert.Equal(RelationType.Table, warehouse.FindRelation("s", "t"));
        Assert.Equal(RelationType.View, warehouse.FindRelation("s", "v"));
        Assert.Equal(RelationType.None, warehouse.FindRelation("s", "missing"));
    }
}
