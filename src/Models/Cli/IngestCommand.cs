using System.CommandLine;
using System.Globalization;
using EventStream.Ingestion;

namespace EventStream.Cli;

/// <summary>The <c>ingest</c> and <c>daily</c> verbs. Bad input: one line on stderr, exit code 2, nothing written.</summary>
public static class IngestCommand
{
    public const string DefaultDbPath = "event_stream.duckdb";
    public const int BadInput = 2;

    static Option<string> Db() => new("--db") { Description = "DuckDB database file", DefaultValueFactory = _ => DefaultDbPath };
    static Option<int> Days() => new("--days") { Description = "number of fictional days (at least 1)", DefaultValueFactory = _ => 1 };
    static Option<int> Seed() => new("--seed") { Description = "random seed: same seed and days give the same data", DefaultValueFactory = _ => IngestOptions.DefaultSeed };
    static Option<double> Scale() => new("--scale") { Description = "multiplies the data volumes (> 0)", DefaultValueFactory = _ => 1.0 };

    /// <summary><c>ingest [--db PATH] [--days N] [--seed N] [--scale X] [--start-date YYYY-MM-DD] [--full-refresh]</c></summary>
    public static Command Ingest()
    {
        Option<string> db = Db(), startDate = new("--start-date") { Description = "first day of an empty database (YYYY-MM-DD; default 2100-01-01)" };
        Option<int> days = Days(), seed = Seed();
        Option<double> scale = Scale();
        Option<bool> fullRefresh = new("--full-refresh") { Description = "delete and recreate the database file first" };
        var command = new Command("ingest", "Ingest the next fictional day(s) of mock raw data") { db, days, seed, scale, startDate, fullRefresh };

        command.SetAction(result => Guarded(result, () =>
        {
            var options = new IngestOptions(result.GetValue(db)!, result.GetValue(days), result.GetValue(seed), result.GetValue(scale),
                ParseDate(result.GetValue(startDate)), result.GetValue(fullRefresh));
            new Ingestor(result.InvocationConfiguration.Output).Run(options);
            return 0;
        }));
        return command;
    }

    /// <summary><c>daily [--db PATH] [--days N] [--seed N] [--scale X]</c>: per day, ingest it, then <paramref name="build"/> as of the day's end.</summary>
    public static Command Daily(Func<string, DateTime, int> build)
    {
        Option<string> db = Db();
        Option<int> days = Days(), seed = Seed();
        Option<double> scale = Scale();
        var command = new Command("daily", "Ingest a day, then build everything as of its end; repeated --days times") { db, days, seed, scale };

        command.SetAction(result => Guarded(result, () =>
        {
            var options = new IngestOptions(result.GetValue(db)!, result.GetValue(days), result.GetValue(seed), result.GetValue(scale));
            options.Validate();
            var ingestor = new Ingestor(result.InvocationConfiguration.Output);
            for (var i = 0; i < options.Days; i++)
            {
                var day = ingestor.Run(options with { Days = 1 })[0].Day;
                var exitCode = build(options.DbPath, day.End);
                if (exitCode != 0) return exitCode;
            }
            return 0;
        }));
        return command;
    }

    static int Guarded(ParseResult result, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (IngestionInputException e)
        {
            result.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new IngestionInputException($"--start-date must be a date like 2100-01-01 (got '{text}')");
}
