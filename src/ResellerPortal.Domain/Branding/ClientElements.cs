namespace ResellerPortal.Domain.Branding;

/// <summary>One page or element of the client portal the reseller may show or hide (§7; seed 003 "Display Elements", "Services").</summary>
public sealed record ClientElement(string Key, string Label);

/// <summary>The pages and elements a reseller chooses for its clients.</summary>
public static class ClientElements
{
    public static readonly IReadOnlyList<ClientElement> All =
    [
        new("balance", "Balance"),
        new("transactions", "Transactions"),
        new("statements", "Statements"),
        new("dids", "Phone numbers (DIDs)"),
        new("basket", "Basket items (charges to come)"),
        new("usage", "Usage"),
        new("profile", "Profile (contact details, e-mail and password)"),
        new("sip-passwords", "SIP and IAX passwords of the client's services (seed 003 \"Display SIP and IAX password\")"),
        new("spending-summary", "This month's and today's spending on the balance page"),
    ];

    public static bool IsKnown(string key) => All.Any(e => e.Key == key);
}

/// <summary>A field of the client sign-up form and whether the reseller shows and requires it.</summary>
public sealed record SignupFieldChoice(string Name, bool Shown, bool Required);

/// <summary>
/// The client fields a sign-up form can ask for (§7; seed 003 "Signup Form Fields"): the client form's
/// contact fields. The first name is always shown and required; a required field is always shown.
/// </summary>
public static class SignupFields
{
    public const string FirstName = nameof(FirstName);

    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (FirstName, "First name"), ("LastName", "Last name"), ("Company", "Company"), ("Address", "Address"), ("City", "City"),
        ("State", "State"), ("Country", "Country"), ("Zip", "Zip"), ("Phone", "Phone number"), ("VatNumber", "EU VAT number"),
    ];

    public static readonly IReadOnlyList<SignupFieldChoice> Defaults =
    [
        new(FirstName, true, true), new("LastName", true, false), new("Company", true, false), new("Address", false, false),
        new("City", false, false), new("State", false, false), new("Country", true, false), new("Zip", false, false),
        new("Phone", true, false), new("VatNumber", true, false),
    ];

    /// <summary>The stored form: the shown fields in order, a required one marked with <c>*</c> ("FirstName*,LastName,Country").</summary>
    public static string Format(IEnumerable<SignupFieldChoice> choices) =>
        string.Join(",", Complete(choices).Where(c => c.Shown).Select(c => c.Required ? c.Name + "*" : c.Name));

    /// <summary>Reads the stored form; unknown names are ignored, the first name is always shown and required.</summary>
    public static IReadOnlyList<SignupFieldChoice> Parse(string stored)
    {
        var shown = stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(s => s.TrimEnd('*'), s => s.EndsWith('*'), StringComparer.Ordinal);
        return Complete(All.Select(f => new SignupFieldChoice(f.Name, shown.ContainsKey(f.Name), shown.TryGetValue(f.Name, out var required) && required)));
    }

    /// <summary>Every field once, in order: a required field is shown, the first name shown and required.</summary>
    public static IReadOnlyList<SignupFieldChoice> Complete(IEnumerable<SignupFieldChoice> choices)
    {
        var byName = choices.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return All.Select(f =>
        {
            if (f.Name == FirstName)
            {
                return new SignupFieldChoice(FirstName, true, true);
            }

            var choice = byName.GetValueOrDefault(f.Name) ?? new SignupFieldChoice(f.Name, false, false);
            return choice with { Shown = choice.Shown || choice.Required };
        }).ToList();
    }
}
