using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Docs;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>docs generate</c>: write the documentation site under <c>target/docs/</c>; <c>docs serve</c>: serve it on
/// 127.0.0.1.</summary>
internal static class DocsCommand
{
    public const int DefaultPort = 8080;

    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var database = CliOptions.Database(project);
        database.Description = "Database to read the built relations' columns from (default: the project's, when it exists)";
        var targetDir = CliOptions.TargetDir();
        var generate = new Command("generate", "Write the documentation site (target/docs/index.html), its manifest and catalog") { database, targetDir };
        generate.SetAction(result =>
        {
            // The site works without a database: only one named on the command line must exist.
            var path = result.GetValue(database)!;
            var given = result.GetResult(database) is { Implicit: false };
            using var warehouse = given || File.Exists(path) ? project.Engine.Open(path, readOnly: true) : null;
            var index = DocsSite.Generate(catalog, result.GetValue(targetDir)!, warehouse, project.LineageParser);
            stdout.WriteLine(warehouse is null
                ? $"Wrote {index} (no database '{path}': the site shows no built columns)"
                : $"Wrote {index} with the columns of '{path}'");
            return ExitCodes.Success;
        });

        var port = CliOptions.Port(DefaultPort);
        var serveTarget = CliOptions.TargetDir();
        var serve = new Command("serve", "Serve the generated documentation site on 127.0.0.1 until Ctrl-C") { port, serveTarget };
        serve.SetAction(result =>
        {
            using var server = new DocsServer(Path.Combine(result.GetValue(serveTarget)!, DocsSite.Folder), result.GetValue(port));
            stdout.WriteLine($"Serving the docs at {server.Address} (Ctrl-C to stop)");
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            stop.Wait();
            return ExitCodes.Success;
        });

        return new Command("docs", "The documentation site: generate it, serve it") { generate, serve };
    }
}
