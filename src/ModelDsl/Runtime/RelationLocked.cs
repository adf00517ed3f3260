namespace ModelDsl.Runtime;

/// <summary>
/// A statement gave up waiting for a lock another session holds on a relation it needs (a server engine's lock
/// timeout); its transaction is rolled back. The message is one line; the CLI exits with code 1, as for a failed node.
/// </summary>
public sealed class RelationLockedException(string message, Exception? inner = null) : Exception(message, inner);
