namespace ModelDsl;

/// <summary>
/// An external table <c>schema.name</c>. <see cref="EventTime"/> lets incremental models narrow it by day.
/// <see cref="LoadedAt"/> is the column whose latest value says how fresh the table is: <c>source freshness</c>
/// warns or errors when it is older than <see cref="WarnAfterHours"/> / <see cref="ErrorAfterHours"/> at the run time
/// (0: no limit).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SourceAttribute(string schema, string name) : Attribute
{
    public string Schema { get; } = schema;
    public string Name { get; } = name;
    public string? EventTime { get; set; }
    public string? LoadedAt { get; set; }
    public int WarnAfterHours { get; set; }
    public int ErrorAfterHours { get; set; }
}

/// <summary>A CSV seed loaded into <c>schema.name</c> (default <c>raw</c>, the class name in snake_case).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SeedAttribute(string path) : Attribute
{
    /// <summary>The CSV file, relative to the project's seeds folder.</summary>
    public string Path { get; } = path;
    public string? Name { get; set; }
    public string Schema { get; set; } = "raw";
}
