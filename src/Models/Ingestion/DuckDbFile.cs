using System.Text;
using DuckDB.NET.Data;

namespace EventStream.Ingestion;

/// <summary>The database file: recognised by its magic bytes before DuckDB gets to touch it.</summary>
public static class DuckDbFile
{
    /// <summary>Throws unless the file is absent or starts like a DuckDB database ("DUCK" at offset 8).</summary>
    public static void EnsureDuckDbOrAbsent(string path)
    {
        if (!File.Exists(path)) return;
        var header = new byte[12];
        using (var stream = File.OpenRead(path))
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                && Encoding.ASCII.GetString(header, 8, 4) == "DUCK")
                return;
        throw new IngestionInputException($"{path} is not a DuckDB database");
    }

    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".wal");
    }

    public static DuckDBConnection Open(string path, bool readOnly = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!readOnly && directory is not null) Directory.CreateDirectory(directory);
        var connection = new DuckDBConnection($"Data Source={path}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
        connection.Open();
        return connection;
    }
}
