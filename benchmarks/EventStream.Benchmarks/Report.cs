using System.Globalization;
using System.Text;

namespace EventStream.Benchmarks;

/// <summary>
/// What a harness run measured and how it compares with the targets: printed as it goes, then written as a markdown
/// table, a CSV and PNG charts under the results folder.
/// </summary>
public sealed class Report
{
    private sealed record Measure(string Scenario, string Name, Sample Sample, string Unit);

    private sealed record Target(string Scenario, string Name, double Value, string Comparison, double Limit)
    {
        public bool Met => Comparison == "<=" ? Value <= Limit : Value >= Limit;
    }

    private sealed record Series(string Label, double[] X, double[] Y);

    private sealed record Chart(string File, string Title, string XLabel, string YLabel, Series[] Series);

    private readonly List<Measure> _measures = [];
    private readonly List<Target> _targets = [];
    private readonly List<Chart> _charts = [];

    /// <summary>Records a measurement (seconds unless <paramref name="unit"/> says otherwise) and prints it.</summary>
    public Sample Add(string scenario, string name, Sample sample, string unit = "s")
    {
        _measures.Add(new Measure(scenario, name, sample, unit));
        Console.WriteLine($"  {name,-58} {Format(sample.Median, unit),12}  ({Format(sample.Min, unit)} .. {Format(sample.Max, unit)}, {sample.Values.Count} runs)");
        return sample;
    }

    /// <summary>Records a figure measured in this run against its target (<c>&lt;=</c> or <c>&gt;=</c> the limit) and prints it.</summary>
    public void Compare(string scenario, string name, double value, string comparison, double limit)
    {
        var target = new Target(scenario, name, value, comparison, limit);
        _targets.Add(target);
        Console.WriteLine($"  {name,-58} {Number(value),12}  target {comparison} {Number(limit)}: {(target.Met ? "met" : "MISSED")}");
    }

    public void AddChart(string file, string title, string xLabel, string yLabel, params (string Label, double[] X, double[] Y)[] series) =>
        _charts.Add(new Chart(file, title, xLabel, yLabel, series.Select(s => new Series(s.Label, s.X, s.Y)).ToArray()));

    public void Write(string folder, string heading)
    {
        Directory.CreateDirectory(folder);
        var markdown = new StringBuilder($"# {heading}\n\n| scenario | measure | median | min | max | runs |\n|---|---|---:|---:|---:|---:|\n");
        foreach (var m in _measures)
            markdown.Append($"| {m.Scenario} | {m.Name} | {Format(m.Sample.Median, m.Unit)} | {Format(m.Sample.Min, m.Unit)} | {Format(m.Sample.Max, m.Unit)} | {m.Sample.Values.Count} |\n");
        markdown.Append("\n| scenario | ratio or figure | value | target | |\n|---|---|---:|---|---|\n");
        foreach (var t in _targets)
            markdown.Append($"| {t.Scenario} | {t.Name} | {Number(t.Value)} | {t.Comparison} {Number(t.Limit)} | {(t.Met ? "met" : "missed")} |\n");
        foreach (var chart in _charts)
            markdown.Append($"\n![{chart.Title}]({chart.File})\n");
        File.WriteAllText(Path.Combine(folder, "results.md"), markdown.ToString());

        var csv = new StringBuilder("scenario,measure,unit,median,min,max,runs\n");
        foreach (var m in _measures)
            csv.Append(string.Join(',', Csv(m.Scenario), Csv(m.Name), m.Unit, Number(m.Sample.Median), Number(m.Sample.Min), Number(m.Sample.Max), m.Sample.Values.Count)).Append('\n');
        File.WriteAllText(Path.Combine(folder, "results.csv"), csv.ToString());

        foreach (var chart in _charts)
            Draw(chart, Path.Combine(folder, chart.File));
        Console.WriteLine($"\nwrote {Path.Combine(folder, "results.md")}, results.csv and {_charts.Count} chart(s); " +
                          $"targets met: {_targets.Count(t => t.Met)} of {_targets.Count}");
    }

    private static void Draw(Chart chart, string path)
    {
        var plot = new ScottPlot.Plot();
        foreach (var series in chart.Series)
            plot.Add.Scatter(series.X, series.Y).LegendText = series.Label;
        plot.Title(chart.Title);
        plot.XLabel(chart.XLabel);
        plot.YLabel(chart.YLabel);
        plot.Axes.SetLimitsY(0, chart.Series.SelectMany(s => s.Y).DefaultIfEmpty(1).Max() * 1.1);
        plot.ShowLegend();
        plot.SavePng(path, 800, 500);
    }

    private static string Format(double value, string unit) => unit switch
    {
        "s" => $"{value:0.000} s",
        "bytes" => $"{value / 1048576:0} MiB",
        _ => $"{Number(value)} {unit}",
    };

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture);

    private static string Csv(string text) => text.Contains(',') || text.Contains('"') ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
