using ModelDsl.Runtime;

namespace ModelDsl.Engines;

/// <summary>An engine the framework builds on: it opens a <see cref="Warehouse"/> and speaks its <see cref="SqlDialect"/>.</summary>
public interface IEngine
{
    SqlDialect Dialect { get; }

    /// <summary>Whether <paramref name="database"/> is there (a build checks its sources first, and must not create it for nothing).</summary>
    bool Exists(string database);

    /// <summary>
    /// Opens <paramref name="database"/> (the engine's kind of address: a file, a connection string). Created when missing
    /// unless <paramref name="mustExist"/> or <paramref name="readOnly"/>; whatever is wrong with it is a
    /// <see cref="BadInputException"/> naming it, and leaves it as it was.
    /// </summary>
    Warehouse Open(string database, bool mustExist = false, bool readOnly = false);
}
