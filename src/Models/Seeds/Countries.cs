using ModelDsl;

namespace EventStream.Seeds;

/// <summary>ISO 3166-1 alpha-2 countries with their UN M49 region and subregion: every country the generator emits.</summary>
[Seed("countries.csv")]
public sealed partial class Countries : SeedTable
{
    [Unique, NotNull] public required string CountryCode { get; init; }
    [NotNull] public required string Name { get; init; }
    [NotNull] public required string Region { get; init; }
    [NotNull] public required string Subregion { get; init; }
}
