namespace ResellerPortal.Domain;

/// <summary>A country a client can live in: ISO 3166-1 alpha-2 code, name, calling code, EU membership.</summary>
public sealed record Country(string Code, string Name, string CallingCode, bool InEu);

/// <summary>The countries the portal knows, for addresses, EU VAT rules and per-country rates.</summary>
public static class Countries
{
    public static IReadOnlyList<Country> All { get; } =
    [
        new("AE", "United Arab Emirates", "971", false), new("AR", "Argentina", "54", false),
        new("AT", "Austria", "43", true), new("AU", "Australia", "61", false),
        new("BE", "Belgium", "32", true), new("BG", "Bulgaria", "359", true),
        new("BR", "Brazil", "55", false), new("CA", "Canada", "1", false),
        new("CH", "Switzerland", "41", false), new("CL", "Chile", "56", false),
        new("CN", "China", "86", false), new("CO", "Colombia", "57", false),
        new("CY", "Cyprus", "357", true), new("CZ", "Czechia", "420", true),
        new("DE", "Germany", "49", true), new("DK", "Denmark", "45", true),
        new("EE", "Estonia", "372", true), new("EG", "Egypt", "20", false),
        new("ES", "Spain", "34", true), new("FI", "Finland", "358", true),
        new("FR", "France", "33", true), new("GB", "United Kingdom", "44", false),
        new("GR", "Greece", "30", true), new("HK", "Hong Kong", "852", false),
        new("HR", "Croatia", "385", true), new("HU", "Hungary", "36", true),
        new("ID", "Indonesia", "62", false), new("IE", "Ireland", "353", true),
        new("IL", "Israel", "972", false), new("IN", "India", "91", false),
        new("IS", "Iceland", "354", false), new("IT", "Italy", "39", true),
        new("JP", "Japan", "81", false), new("KR", "South Korea", "82", false),
        new("LT", "Lithuania", "370", true), new("LU", "Luxembourg", "352", true),
        new("LV", "Latvia", "371", true), new("MA", "Morocco", "212", false),
        new("MT", "Malta", "356", true), new("MX", "Mexico", "52", false),
        new("MY", "Malaysia", "60", false), new("NL", "Netherlands", "31", true),
        new("NO", "Norway", "47", false), new("NZ", "New Zealand", "64", false),
        new("PH", "Philippines", "63", false), new("PL", "Poland", "48", true),
        new("PT", "Portugal", "351", true), new("RO", "Romania", "40", true),
        new("RS", "Serbia", "381", false), new("SA", "Saudi Arabia", "966", false),
        new("SE", "Sweden", "46", true), new("SG", "Singapore", "65", false),
        new("SI", "Slovenia", "386", true), new("SK", "Slovakia", "421", true),
        new("TH", "Thailand", "66", false), new("TN", "Tunisia", "216", false),
        new("TR", "Turkey", "90", false), new("TW", "Taiwan", "886", false),
        new("UA", "Ukraine", "380", false), new("US", "United States", "1", false),
        new("VN", "Vietnam", "84", false), new("ZA", "South Africa", "27", false),
    ];

    private static readonly Dictionary<string, Country> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The countries as a picker lists them: by name, compared as the reader's language sorts (Ä with A in German, after Z in Swedish).</summary>
    public static IReadOnlyList<Country> ByName(System.Globalization.CultureInfo culture) =>
        [.. All.OrderBy(c => c.Name, StringComparer.Create(culture, ignoreCase: true))];

    public static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    public static Country? Find(string? code) => ByCode.GetValueOrDefault(Normalize(code));

    public static bool IsEu(string? code) => Find(code)?.InEu == true;

    /// <summary>
    /// A country's English name for any ISO code (also those not in <see cref="All"/>, e.g. Jersey or Kazakhstan
    /// in a rate table): the portal's own list first, then .NET's region names, else the code itself.
    /// </summary>
    public static string NameOf(string code)
    {
        if (Find(code) is { } country)
        {
            return country.Name;
        }

        try
        {
            return new System.Globalization.RegionInfo(Normalize(code)).EnglishName;
        }
        catch (ArgumentException)
        {
            return Normalize(code);
        }
    }
}
