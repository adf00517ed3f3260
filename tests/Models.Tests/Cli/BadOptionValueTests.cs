using System.CommandLine;
using System.CommandLine.Help;
using System.Security.Cryptography;
using DuckDB.NET.Data;
using ModelDsl.Cli;

namespace EventStream.Models.Tests.Cli;

/// <summary>
/// Every option of every verb, found by walking the command tree (a new option is covered without a new test line), given
/// values no option should take as they are. On a database of another project, which no verb may change.
/// </summary>
public sealed class BadOptionValueTests : IDisposable
{
    static readonly string[] BadValues = ["", "abc", "-1", "99999999999", "'\"", "@x"];

    // File and folder names: any text names one, so only the empty one is refused. The others are put in the test's
    // folder, so that what they name is written there and not in the current directory.
    static readonly string[] PathOptions = ["--db", "--target-dir"];

    // Options naming a file or folder that every run need not be given.
    static readonly string[] NameOptions = [.. PathOptions, "--record-sql", "--temp-directory"];

    // The bad values an option takes as they are, on which it must only not crash: names.
    static bool Valid(string option, string value) => NameOptions.Contains(option) && value.Length > 0;

    // The arguments a verb needs besides its options (a new verb with arguments fails here until it is added).
    static readonly Dictionary<string, string[]> Arguments = new()
    {
        ["show"] = ["dim_users"],
        ["analysis run"] = ["mau_by_region_and_month"],
    };

    readonly string folder = Directory.CreateTempSubdirectory("bad-values-").FullName;

    string Database => Path.Combine(folder, "other.duckdb");

    public BadOptionValueTests()
    {
        using var connection = new DuckDBConnection($"Data Source={Database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """CREATE SCHEMA raw; CREATE TABLE raw."user" (user_id INTEGER, name VARCHAR); INSERT INTO raw."user" VALUES (1, 'ada')""";
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Each verb (as its words) and each of its options.</summary>
    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var (verb, command) in Verbs(ModelCli.Root(EventStreamProject.Catalog, EventStreamProject.Options, TextWriter.Null), ""))
            foreach (var option in command.Options.Where(o => o is not (HelpOption or VersionOption)))
                data.Add(verb, option.Name);
        return data;
    }

    static IEnumerable<(string Verb, Command Command)> Verbs(Command command, string path) =>
        command.Subcommands.SelectMany(c => Verbs(c, $"{path} {c.Name}".Trim()))
            .Concat(command.Action is null || command is RootCommand ? [] : [(path, command)]);

    [Theory]
    [MemberData(nameof(Options))]
    public void A_bad_value_is_one_line_naming_the_option_and_the_value_exit_2_and_changes_nothing(string verb, string option)
    {
        var command = Verbs(ModelCli.Root(EventStreamProject.Catalog, EventStreamProject.Options, TextWriter.Null), "").Single(v => v.Verb == verb).Command;
        var before = Hash();
        foreach (var bad in BadValues)
        {
            var value = Valid(option, bad) ? Path.Combine(folder, bad) : bad;
            string[] args = [.. verb.Split(' '), .. Arguments.GetValueOrDefault(verb, []), .. Given(command, option), option, value];
            var (stdout, stderr) = (new StringWriter(), new StringWriter());

            var code = EventStreamProject.Run(args, stdout, stderr);

            var context = $"{string.Join(' ', args)} -> exit {code}, stderr: {stderr}";
            var errors = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(errors.Length <= 1, context);
            // No stack trace, no exception caught as a last resort, no .NET type name.
            Assert.DoesNotContain("   at ", stderr.ToString() + stdout);
            Assert.DoesNotContain("Exception", stderr.ToString());
            Assert.DoesNotContain("System.", stderr.ToString());
            Assert.Equal(before, Hash());
            if (Valid(option, bad))
            {
                Assert.True(code is 0 or 1 or 2, context);
                continue;
            }
            Assert.True(code == ExitCodes.BadInput, context);
            var error = Assert.Single(errors);
            Assert.Contains($"'{value}'", error);
            // A value that looks like an option is read as one: the error names it instead of the option before it.
            if (!value.StartsWith('-'))
                Assert.True(command.Options.Single(o => o.Name == option).Aliases.Append(option).Any(error.Contains), context);
        }
    }

    // The options every run gets, so that nothing is written outside the test's folder and only our database is used.
    string[] Given(Command command, string option) =>
        command.Options.Select(o => o.Name).Intersect(PathOptions).Where(o => o != option)
            .SelectMany(o => new[] { o, o == "--db" ? Database : Path.Combine(folder, "target") })
            .ToArray();

    string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Database)));
}
