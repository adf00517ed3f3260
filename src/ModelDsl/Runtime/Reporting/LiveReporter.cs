using ModelDsl.Catalog;
using Spectre.Console;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// On a terminal: the plain lines of <see cref="TextReporter"/> scroll above a live progress bar that counts finished
/// nodes and names the ones running. Spectre's live display keeps lines written during it above the bar.
/// </summary>
public sealed class LiveReporter(IAnsiConsole console) : IBuildReporter
{
    private readonly TextReporter _lines = new(line => console.WriteLine(line, Style.Plain));
    private readonly HashSet<string> _running = [];
    private ProgressTask? _task;

    public BuildResult Run(int total, Func<BuildResult> build) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                _task = context.AddTask("building", maxValue: Math.Max(1, total));
                return build();
            });

    public void Started(int index, int total, Node node)
    {
        _running.Add(ProjectBuilder.Display(node));
        Describe(total);
        _lines.Started(index, total, node);
    }

    public void Finished(int index, int total, NodeResult result)
    {
        _running.Remove(ProjectBuilder.Display(result.Node));
        _task?.Increment(1);
        Describe(total);
        _lines.Finished(index, total, result);
    }

    public void Completed(BuildResult result) => _lines.Completed(result);

    public void Warning(string message) => _lines.Warning(message);

    public void Progress(Node node, int done, int total) => _lines.Progress(node, done, total);

    private void Describe(int total)
    {
        if (_task is null)
            return;
        var running = _running.Count == 0 ? "" : ": " + string.Join(", ", _running.Take(3)) + (_running.Count > 3 ? ", ..." : "");
        _task.Description = Markup.Escape($"{_task.Value:0} of {total} done{running}");
    }
}
