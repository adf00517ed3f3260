namespace EventStream.Ingestion;

/// <summary>A country the generator emits: ISO 3166-1 alpha-2 code with its UN M49 region and subregion.</summary>
public sealed record Country(string Code, string Name, string Region, string Subregion);

/// <summary>The countries users come from. <see cref="Known"/> is what the countries seed must contain.</summary>
public static class Countries
{
    public static readonly IReadOnlyList<Country> Known =
    [
        new("US", "United States", "Americas", "Northern America"),
        new("CA", "Canada", "Americas", "Northern America"),
        new("MX", "Mexico", "Americas", "Latin America and the Caribbean"),
        new("BR", "Brazil", "Americas", "Latin America and the Caribbean"),
        new("AR", "Argentina", "Americas", "Latin America and the Caribbean"),
        new("CL", "Chile", "Americas", "Latin America and the Caribbean"),
        new("CO", "Colombia", "Americas", "Latin America and the Caribbean"),
        new("PE", "Peru", "Americas", "Latin America and the Caribbean"),
        new("GB", "United Kingdom", "Europe", "Northern Europe"),
        new("IE", "Ireland", "Europe", "Northern Europe"),
        new("SE", "Sweden", "Europe", "Northern Europe"),
        new("NO", "Norway", "Europe", "Northern Europe"),
        new("DK", "Denmark", "Europe", "Northern Europe"),
        new("FI", "Finland", "Europe", "Northern Europe"),
        new("DE", "Germany", "Europe", "Western Europe"),
        new("FR", "France", "Europe", "Western Europe"),
        new("NL", "Netherlands", "Europe", "Western Europe"),
        new("BE", "Belgium", "Europe", "Western Europe"),
        new("AT", "Austria", "Europe", "Western Europe"),
        new("CH", "Switzerland", "Europe", "Western Europe"),
        new("ES", "Spain", "Europe", "Southern Europe"),
        new("IT", "Italy", "Europe", "Southern Europe"),
        new("PT", "Portugal", "Europe", "Southern Europe"),
        new("GR", "Greece", "Europe", "Southern Europe"),
        new("PL", "Poland", "Europe", "Eastern Europe"),
        new("CZ", "Czechia", "Europe", "Eastern Europe"),
        new("HU", "Hungary", "Europe", "Eastern Europe"),
        new("RO", "Romania", "Europe", "Eastern Europe"),
        new("UA", "Ukraine", "Europe", "Eastern Europe"),
        new("JP", "Japan", "Asia", "Eastern Asia"),
        new("KR", "Republic of Korea", "Asia", "Eastern Asia"),
        new("CN", "China", "Asia", "Eastern Asia"),
        new("IN", "India", "Asia", "Southern Asia"),
        new("ID", "Indonesia", "Asia", "South-eastern Asia"),
        new("SG", "Singapore", "Asia", "South-eastern Asia"),
        new("VN", "Viet Nam", "Asia", "South-eastern Asia"),
        new("TR", "Türkiye", "Asia", "Western Asia"),
        new("IL", "Israel", "Asia", "Western Asia"),
        new("AE", "United Arab Emirates", "Asia", "Western Asia"),
        new("EG", "Egypt", "Africa", "Northern Africa"),
        new("NG", "Nigeria", "Africa", "Sub-Saharan Africa"),
        new("KE", "Kenya", "Africa", "Sub-Saharan Africa"),
        new("ZA", "South Africa", "Africa", "Sub-Saharan Africa"),
        new("AU", "Australia", "Oceania", "Australia and New Zealand"),
        new("NZ", "New Zealand", "Oceania", "Australia and New Zealand"),
    ];

    /// <summary>Codes that are deliberately not in the seed, to exercise the <c>Unknown</c> fallback downstream.</summary>
    public static readonly IReadOnlyList<string> Unknown = ["XX", "ZZ", "QQ"];

    /// <summary>Share of users given an <see cref="Unknown"/> code.</summary>
    public const double UnknownShare = 0.02;

    public static string Pick(Random random) => random.NextDouble() < UnknownShare
        ? Unknown[random.Next(Unknown.Count)]
        : Known[random.Next(Known.Count)].Code;
}
