using ModelDsl.Catalog;
using ModelDsl.Lineage;

namespace ModelDslTests;

/// <summary>Column lineage on small queries with known answers, parsed by DuckDB.</summary>
public sealed class ColumnLineageTests
{
    // raw.orders(order_id, customer_id, amount, status, created_at), raw.customers(customer_id, name, country)
    private static readonly Dictionary<string, string[]> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["raw.orders"] = ["order_id", "customer_id", "amount", "status", "created_at"],
        ["raw.customers"] = ["customer_id", "name", "country"],
    };

    private static Dictionary<string, string> Trace(string sql)
    {
        using var parser = new DuckDbParseTree();
        var (query, error) = parser.Parse(sql);
        Assert.Null(error);
        return DuckDbQueryLineage.Trace(query!.Value, (schema, name) =>
                schema is not null && Tables.TryGetValue($"{schema}.{name}", out var columns) ? new KnownRelation(name, columns) : null)
            .ToDictionary(c => c.Name, c => c.Untraceable is null ? string.Join(" ", c.DependsOn) : $"? {c.Untraceable}");
    }

    [Fact]
    public void A_join_with_aliases_traces_each_column_to_its_table()
    {
        var columns = Trace("""
            select o.order_id, c.name as customer_name, o.amount * 2 as doubled, upper(c.country) || o.status as label
            from raw.orders o join raw.customers c on c.customer_id = o.customer_id
            """);
        Assert.Equal(new Dictionary<string, string>
        {
            ["order_id"] = "orders.order_id",
            ["customer_name"] = "customers.name",
            ["doubled"] = "orders.amount",
            ["label"] = "customers.country orders.status",
        }, columns);
    }

    [Fact]
    public void Ctes_are_followed_through_their_aliases_and_aggregates()
    {
        var columns = Trace("""
            with paid as (select customer_id, amount as paid_amount from raw.orders where status = 'paid'),
                 totals(who, total) as (select customer_id, sum(paid_amount) from paid group by 1)
            select who, total, count(*) as n_rows, count(*) filter (where total > 10) as big from totals group by all
            """);
        Assert.Equal("orders.customer_id", columns["who"]);
        Assert.Equal("orders.amount", columns["total"]);
        Assert.Equal("", columns["n_rows"]);
        Assert.Equal("orders.amount", columns["big"]);
    }

    [Fact]
    public void A_recursive_cte_is_traced_through_its_anchor_and_its_recursive_part()
    {
        var columns = Trace("""
            with recursive days as (
                select customer_id, cast(created_at as date) as day, 0 as step from raw.orders
                union all
                select customer_id, cast(day - 1 as date), step + 1 from days where step < 6
            )
            select d.day, count(distinct c.name) as names from days d join raw.customers c using (customer_id) group by d.day
            """);
        Assert.Equal("orders.created_at", columns["day"]);
        Assert.Equal("customers.name", columns["names"]);
    }

    [Fact]
    public void A_window_function_reads_its_arguments_partitions_and_orders()
    {
        var columns = Trace("""
            select order_id,
                   row_number() over (partition by customer_id order by created_at) as nth,
                   sum(amount) over (partition by customer_id) as customer_total,
                   lag(status) over (order by created_at) as previous_status
            from raw.orders
            """);
        Assert.Equal("orders.created_at orders.customer_id", columns["nth"]);
        Assert.Equal("orders.amount orders.customer_id", columns["customer_total"]);
        Assert.Equal("orders.created_at orders.status", columns["previous_status"]);
    }

    [Fact]
    public void Star_expands_with_exclude_and_replace_and_a_using_column_once()
    {
        var columns = Trace("""
            select * exclude (status, created_at) replace (amount + 1 as amount)
            from raw.orders join raw.customers c using (customer_id)
            """);
        Assert.Equal(["order_id", "customer_id", "amount", "name", "country"], columns.Keys);
        Assert.Equal("orders.customer_id", columns["customer_id"]); // the left side's, as DuckDB returns it
        Assert.Equal("orders.amount", columns["amount"]);
        Assert.Equal("customers.country", columns["country"]);

        var qualified = Trace("select o.order_id, c.* exclude (customer_id) from raw.orders o join raw.customers c using (customer_id)");
        Assert.Equal(["order_id", "name", "country"], qualified.Keys);
    }

    [Fact]
    public void Subqueries_unions_and_values_are_traced()
    {
        var columns = Trace("""
            select s.id, s.kind, (select max(amount) from raw.orders) as top_amount, v.label
            from (select order_id as id, 'order' as kind from raw.orders
                  union all
                  select customer_id, country from raw.customers) s
            left join (values (1, 'one'), (2, 'two')) v(n, label) on v.n = s.id
            """);
        Assert.Equal("customers.customer_id orders.order_id", columns["id"]);
        Assert.Equal("customers.country", columns["kind"]);
        Assert.Equal("orders.amount", columns["top_amount"]);
        Assert.Equal("", columns["label"]);
    }

    [Fact]
    public void What_cannot_be_traced_is_reported_not_guessed()
    {
        var columns = Trace("""
            select o.order_id, x.anything, missing_column, o.no_such
            from raw.orders o cross join other.unknown_table x
            """);
        Assert.Equal("orders.order_id", columns["order_id"]);
        Assert.Equal("? other.unknown_table is not a node of the project", columns["anything"]);
        // orders is known not to have it, so only the unknown table can.
        Assert.Equal("? other.unknown_table is not a node of the project", columns["missing_column"]);
        Assert.Equal("? o.no_such is not a column of orders", columns["no_such"]);

        var star = Trace("select * from other.unknown_table");
        Assert.Equal("? `*` over other.unknown_table, whose columns are not known", Assert.Single(star).Value);
    }

    [Fact]
    public void A_project_follows_columns_through_inlined_ephemerals_down_to_sources()
    {
        var source = TestNodes.Source("orders") with
        {
            Columns = [new Column("order_id", "INTEGER", false, [], null), new Column("status", "VARCHAR", true, [], null)],
        };
        var ephemeral = TestNodes.Model("int_orders", "select order_id, status = 'paid' as is_paid from \"raw\".\"orders\"", Materialization.Ephemeral, "intermediate", "orders");
        var model = TestNodes.Model("paid_orders", """
            with "__ephemeral__int_orders" as (select order_id, status = 'paid' as is_paid from "raw"."orders")
            select order_id, count(*) filter (where is_paid) as paid, getvariable('x') as unknown_value
            from "__ephemeral__int_orders" group by 1
            """, Materialization.Table, "analytics", "int_orders");
        var lineage = ProjectLineage.Compute(TestNodes.Catalog(source, ephemeral, model), () => new DuckDbParseTree())["paid_orders"].ToDictionary(c => c.Column);

        Assert.Equal([new ColumnRef("int_orders", "is_paid")], lineage["paid"].DependsOn);
        Assert.Equal([new ColumnRef("orders", "status")], lineage["paid"].Sources);
        Assert.Equal([new ColumnRef("orders", "order_id")], lineage["order_id"].Sources);
        Assert.Null(lineage["paid"].Untraceable);
        Assert.Empty(lineage["unknown_value"].Sources);
    }

    [Fact]
    public void A_query_DuckDB_cannot_parse_leaves_its_declared_columns_untraceable()
    {
        var model = TestNodes.Model("broken", "selec order_id frm x") with { Columns = [new Column("order_id", "INTEGER", false, [], null)] };
        var column = Assert.Single(ProjectLineage.Compute(TestNodes.Catalog(model), () => new DuckDbParseTree())["broken"]);
        Assert.Equal("order_id", column.Column);
        Assert.StartsWith("DuckDB cannot parse it: ", column.Untraceable);
    }
}
