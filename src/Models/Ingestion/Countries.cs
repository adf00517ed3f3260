using ModelDsl.Runtime;

namespace EventStream.Ingestion;

/// <summary>A country the generator emits: ISO 3166-1 alpha-2 code with its UN M49 region and subregion.</summary>
public sealed record Country(string Code, string Name, string Region, string Subregion);

/// <summary>
/// The countries users come from: the rows of the countries seed (<c>Seeds/countries.csv</c>, next to the program),
/// so the generator and the seed cannot disagree. <see cref="Unknown"/> codes are deliberately missing from it.
/// </summary>
public static class Countries
{
    public const string SeedFile = "countries.csv";

    public static IReadOnlyList<Country> Known => known.Value;

    static readonly Lazy<IReadOnlyList<Country>> known = new(() =>
        File.ReadLines(Path.Combine(BuildOptions.DefaultSeedsDirectory, SeedFile)).Skip(1).Select(Parse).ToList());

    // The seed has no quoted fields: four plain columns, as its header says.
    static Country Parse(string line) => line.Split(',') is [var code, var name, var region, var subregion]
        ? new Country(code, name, region, subregion)
        : throw new InvalidDataException($"{SeedFile}: expected country_code,name,region,subregion, got '{line}'");

    /// <summary>Codes that are deliberately not in the seed, to exercise the <c>Unknown</c> fallback downstream.</summary>
    public static readonly IReadOnlyList<string> Unknown = ["XX", "ZZ", "QQ"];

    /// <summary>Share of users given an <see cref="Unknown"/> code.</summary>
    public const double UnknownShare = 0.02;

    public static string Pick(Random random) => random.NextDouble() < UnknownShare
        ? Unknown[random.Next(Unknown.Count)]
        : Known[random.Next(Known.Count)].Code;
}
