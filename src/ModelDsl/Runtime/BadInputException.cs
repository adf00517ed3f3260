namespace ModelDsl.Runtime;

/// <summary>
/// Input the user must fix (a bad selection, a database file that is not DuckDB, a bad option value).
/// The message is one line that names the thing at fault; the CLI prints it and exits with code 2.
/// </summary>
public sealed class BadInputException(string message) : Exception(message);
