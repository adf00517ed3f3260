using ModelDsl.Catalog;

namespace ModelDsl.Engines;

/// <summary>
/// How one engine spells what the framework writes: quoting and literals, its types, the relation statements the
/// materializations use, and the expressions that read the build's variables. Standard SQL by default; an engine
/// overrides what it spells otherwise.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The engine's name, as a target's <c>type</c> and an engine-specific model SQL's key.</summary>
    public abstract string Name { get; }

    public string Quote(string identifier) => SqlIdentifier.Quote(identifier);

    public string Quote(string schema, string name) => $"{Quote(schema)}.{Quote(name)}";

    public string Literal(string value) => SqlIdentifier.Literal(value);

    public string Timestamp(DateTime value) => SqlIdentifier.Timestamp(value);

    /// <summary>
    /// Compiled SQL with every placeholder of <see cref="Narrowing"/> replaced by this engine's expression: a
    /// substitution, done once when a catalog is loaded for the engine.
    /// </summary>
    public string Render(string sql)
    {
        if (!sql.Contains("{{", StringComparison.Ordinal))
            return sql;
        foreach (var placeholder in Narrowing.Placeholders)
            sql = sql.Replace(placeholder, Placeholder(placeholder), StringComparison.Ordinal);
        return sql;
    }

    /// <summary>The expression that reads one of <see cref="Narrowing.Placeholders"/> in this engine.</summary>
    protected abstract string Placeholder(string placeholder);

    /// <summary>The statement that sets a build variable (<c>run_time</c>, <c>partition_start</c>, <c>partition_end</c>).</summary>
    public abstract string SetVariable(string name, DateTime value);

    /// <summary>A type's canonical spelling in this engine (aliases resolved), so that declared and actual types compare.</summary>
    public abstract string NormalizeType(string type);

    public virtual string CreateTableAs(string relation, string select) => $"CREATE TABLE {relation} AS\n{select}";

    /// <summary>A table private to the session.</summary>
    public virtual string CreateTempTableAs(string name, string select) => $"CREATE TEMP TABLE {name} AS\n{select}";

    public virtual string CreateView(string relation, string select) => $"CREATE VIEW {relation} AS\n{select}";

    public virtual string RenameTable(string relation, string newName) => $"ALTER TABLE {relation} RENAME TO {Quote(newName)}";

    /// <summary>
    /// Inserts the rows of <paramref name="select"/> into <paramref name="target"/>, matching columns by name; an engine
    /// that cannot match by name itself lists the <paramref name="columns"/> of the select (described only when asked).
    /// </summary>
    public abstract string InsertByName(string target, string select, Func<IReadOnlyList<string>> columns);

    public virtual string DeleteWhere(string target, string predicate) => $"DELETE FROM {target} WHERE {predicate}";

    public virtual string AddColumn(string relation, string name, string type) => $"ALTER TABLE {relation} ADD COLUMN {Quote(name)} {type}";
}
