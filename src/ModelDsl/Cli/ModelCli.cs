using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using ModelDsl.Catalog;
using ModelDsl.Cli.Commands;
using ModelDsl.Runtime;
using Spectre.Console;

namespace ModelDsl.Cli;

/// <summary>
/// The command line of a project: <c>build</c>, <c>run</c>, <c>test</c>, <c>seed</c>, <c>snapshot</c>, <c>compile</c>, <c>ls</c>, <c>show</c>,
/// <c>analysis run</c>, <c>source freshness</c>, <c>docs generate</c>/<c>docs serve</c> and the project's own verbs. Exit codes: 0 success (warnings allowed), 1 a model or test
/// failed, the disk is full or an unexpected error (one line on stderr), 2 bad usage or bad input (one line on stderr), 130 a build cancelled by
/// Ctrl-C (one line on stderr).
/// </summary>
public static class ModelCli
{
    public static int Run(string[] args, ModelCatalog catalog, ProjectOptions project, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        // A live progress display only on a real terminal; CI logs and pipes get plain lines.
        var terminal = stdout is null && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        stdout ??= Console.Out;
        stderr ??= Console.Error;

        var root = Root(catalog, project, stdout, terminal);
        // No response files: `@name` is a selector, and a file of that name must not turn into options.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // System.CommandLine's own error action prints the whole help and returns 1; we want one line and 2.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            stderr.WriteLine($"error: {UsageError(parseResult)}");
            return ExitCodes.BadInput;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Cancelled;
        }
        catch (BadInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is DiskFullException or RelationLockedException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.NodeFailed;
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            stderr.WriteLine($"error: {DiskFull.Describe(e)}");
            return ExitCodes.NodeFailed;
        }
        catch (Exception e)
        {
            // Last resort for a bug: one line and a failure exit code rather than a crash with a stack trace.
            stderr.WriteLine($"error: {Warehouse.FirstLine($"{e.GetType().Name}: {e.Message}")}");
            return ExitCodes.NodeFailed;
        }
    }

    /// <summary>The command tree: the built-in verbs and the project's own (<paramref name="terminal"/>: builds show live progress).</summary>
    public static RootCommand Root(ModelCatalog catalog, ProjectOptions project, TextWriter stdout, bool terminal = false)
    {
        var root = new RootCommand("Build and inspect the project's models")
        {
            BuildCommand.Create("build", "Build the selected models and run their tests, in dependency order", catalog, project, stdout, terminal),
            BuildCommand.Create("run", "Build the selected models in dependency order, without tests", catalog, project, stdout, terminal),
            BuildCommand.Create("test", "Run the data tests of the selection", catalog, project, stdout, terminal),
            BuildCommand.Create("seed", "Load the selected seeds (CSV files) into tables", catalog, project, stdout, terminal),
            BuildCommand.Create("snapshot", "Run the selected SCD2 snapshots", catalog, project, stdout, terminal),
            CompileCommand.Create(catalog, project, stdout),
            LsCommand.Create(catalog, stdout),
            ShowCommand.Create(catalog, project, stdout),
            AnalysisCommand.Create(catalog, project, stdout),
            SourceFreshnessCommand.Create(catalog, project, stdout),
            DocsCommand.Create(catalog, project, stdout),
        };
        foreach (var command in project.Commands)
            root.Add(command);
        return root;
    }

    /// <summary>The one line that says what is wrong with the command line.</summary>
    private static string UsageError(ParseResult parseResult)
    {
        // No verb matched (at the top, or under a verb that only groups others, like `source`): say so, and name the word
        // we did not understand, rather than "Required command was not provided".
        var command = parseResult.CommandResult.Command;
        if (command.Action is null && command.Subcommands.Count > 0)
        {
            var prefix = command is RootCommand ? "" : $"{command.Name} ";
            var verbs = string.Join(", ", command.Subcommands.Select(c => prefix + c.Name));
            return parseResult.UnmatchedTokens.Count > 0
                ? $"unknown command '{prefix}{parseResult.UnmatchedTokens[0]}' (expected one of: {verbs})"
                : $"no command given (expected one of: {verbs})";
        }
        if (parseResult.UnmatchedTokens.Count > 0)
        {
            var word = parseResult.UnmatchedTokens[0];
            if (word.StartsWith('-'))
                return CliOptions.UnknownOption(word);
            // A word the parser did not take right after an option is a value given to an option that takes none.
            var tokens = parseResult.Tokens.ToList();
            var index = tokens.FindIndex(t => t.Value == word && t.Type == TokenType.Argument);
            return index > 0 && tokens[index - 1].Type == TokenType.Option
                ? $"{tokens[index - 1].Value} takes no value, not '{word}'"
                : $"unexpected argument '{word}'";
        }
        // Some messages list allowed values on separate lines.
        return string.Join(' ', parseResult.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
