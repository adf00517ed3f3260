using ModelDsl.Runtime;

namespace ModelDsl.Engines;

/// <summary>An engine the framework builds on: it opens a <see cref="Warehouse"/> and speaks its <see cref="SqlDialect"/>.</summary>
public interface IEngine
{
    SqlDialect Dialect { get; }

    /// <summary>Whether opening <paramref name="database"/> would create it (a build checks its sources first, so as not to create it for nothing).</summary>
    bool WouldCreate(string database);

    /// <summary>
    /// Opens <paramref name="database"/> (the engine's kind of address: a file, a connection string). Created when missing
    /// unless <paramref name="mustExist"/> or <paramref name="readOnly"/>; whatever is wrong with it is a
    /// <see cref="BadInputException"/> naming it, and leaves it as it was.
    /// </summary>
    Warehouse Open(string database, bool mustExist = false, bool readOnly = false);
}
