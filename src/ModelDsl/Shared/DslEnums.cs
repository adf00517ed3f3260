// Shared with the source generator (linked into ModelDsl.Generators), which reads attribute arguments as these values.
namespace ModelDsl
{
    /// <summary>
    /// How an incremental model is built: per day of its event time (<c>Day</c>), by adding rows with new keys
    /// (<c>Event</c>), or by replacing the rows of the keys it outputs (<c>Key</c>: one current row per key).
    /// </summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    enum Grain
    {
        None,
        Day,
        Event,
        Key,
    }

    /// <summary>What an incremental build does when the model's output columns changed since the table was built.</summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    enum OnSchemaChange
    {
        Fail,
        AppendNewColumns,
    }

    /// <summary>How an SCD2 snapshot sees that a key changed: a later <c>updated_at</c>, or a checked column that differs.</summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    enum Scd2Strategy
    {
        Timestamp,
        Check,
    }

    /// <summary>What an SCD2 snapshot does with a key that vanished from its input.</summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    enum HardDeletes
    {
        Ignore,
        Invalidate,
        NewRecord,
    }

    /// <summary>Whether a failing data test fails the build or only warns.</summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    enum Severity
    {
        Error,
        Warn,
    }
}
