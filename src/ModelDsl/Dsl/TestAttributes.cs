namespace ModelDsl;

/// <summary>
/// What every data test shares: its severity and thresholds on the number of failing rows. With severity
/// <see cref="Severity.Error"/> the test fails when failures exceed <see cref="ErrorIf"/>, else warns when they
/// exceed <see cref="WarnIf"/>; with <see cref="Severity.Warn"/> it only ever warns (above <see cref="WarnIf"/>).
/// </summary>
public abstract class TestAttribute : Attribute
{
    public Severity Severity { get; set; } = Severity.Error;

    /// <summary>Warn when more than this many rows fail (default 0).</summary>
    public int WarnIf { get; set; }

    /// <summary>Fail when more than this many rows fail (default 0); only with severity Error.</summary>
    public int ErrorIf { get; set; }
}

/// <summary>Base of tests declared on a model, source or seed class as a whole.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public abstract class ModelTestAttribute : TestAttribute;

/// <summary>The relation has between <see cref="Min"/> and <see cref="Max"/> rows (inclusive).</summary>
public sealed class RowCountAttribute : ModelTestAttribute
{
    public long Min { get; set; }
    public long Max { get; set; } = long.MaxValue;
}

/// <summary>No two rows share the same values of these columns, none of which is NULL (a composite key; dbt_utils'
/// unique_combination_of_columns, plus not-null).</summary>
public sealed class UniqueCombinationAttribute(params string[] columns) : ModelTestAttribute
{
    public string[] Columns { get; } = columns;
}

/// <summary>Every row satisfies a SQL boolean expression over the relation's columns (dbt_utils' expression_is_true).</summary>
public sealed class ExpressionIsTrueAttribute(string expression) : ModelTestAttribute
{
    public string Expression { get; } = expression;
}

/// <summary>
/// Marks a singular data test: a <see cref="SqlTest"/> whose SQL returns the failing rows. Its typed
/// references are edges like a model's, so a test of a missing model does not compile.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DataTestAttribute : TestAttribute
{
    public string? Name { get; set; }
    public string[] Tags { get; set; } = [];

    /// <summary>
    /// Checks only the days the build processes, as an incremental model reads them: each <c>Ref</c> or
    /// <c>Source</c> of a node with an event time is narrowed to those days (<c>RefAll</c> reads the whole
    /// relation), so a daily build's test costs a day, not all of history. A build that rebuilds an incremental
    /// model from scratch, or the <c>test</c> verb alone, checks every day.
    /// </summary>
    public bool Incremental { get; set; }
}
