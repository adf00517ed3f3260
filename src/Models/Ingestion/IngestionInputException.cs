namespace EventStream.Ingestion;

/// <summary>Bad input to an ingestion run (options, database file, raw table shape), found before anything is written.</summary>
public sealed class IngestionInputException(string message) : Exception(message);
