namespace ModelDsl;

// Columns are declared as properties of a model, source or seed; their names and types form its contract.
// The tests below are recorded in the catalog and run after the node is built.

/// <summary>Overrides a column's name (default: the property name in snake_case) or SQL type.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute : Attribute
{
    public string? Name { get; set; }
    public string? SqlType { get; set; }
}

/// <summary>Base of column data tests.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public abstract class ColumnTestAttribute : TestAttribute;

public sealed class UniqueAttribute : ColumnTestAttribute;

public sealed class NotNullAttribute : ColumnTestAttribute;

public sealed class AcceptedValuesAttribute(params string[] values) : ColumnTestAttribute
{
    public string[] Values { get; } = values;
}

public sealed class AcceptedRangeAttribute : ColumnTestAttribute
{
    public double Min { get; set; } = double.NegativeInfinity;
    public double Max { get; set; } = double.PositiveInfinity;
}

/// <summary>Every non-null value appears in <typeparamref name="T"/>'s column <paramref name="column"/>.</summary>
public sealed class ReferencesAttribute<T>(string column) : ColumnTestAttribute where T : IRelation
{
    public string Column { get; } = column;
}
