using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ResellerPortal.Domain;

/// <summary>
/// Telephone numbers, parsed and formatted by libphonenumber and stored in E.164 ("+442079460000").
/// People may type spaces, dots, dashes, slashes and brackets, and "00" for "+"; with a default
/// region (the client's country) they may also type the national form ("020 7946 0000").
/// </summary>
/// <remarks>
/// A number written with its country code counts when libphonenumber finds it <em>possible</em> (a real country code, and a length
/// that country's plan allows), not when it finds it <em>valid</em> (a range its metadata knows to be
/// assigned). Deliberately: DIDs come from carriers, whose new ranges reach the package's metadata
/// months later, and a portal pinned to one package version must not refuse a number a carrier has
/// just allocated; and the fictional ranges used for demos and tests (NANP 555-01xx and the rest of
/// 555, which the metadata marks unassigned) must keep working. Ofcom's drama ranges (+44 20 7946 0xxx)
/// are valid either way. A number typed in national form is different: it is read in the client's
/// country, so it must be valid there ("12345" is a possible German number, and surely a typo).
/// </remarks>
public static partial class PhoneNumber
{
    public const int MaxLength = 16;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>"+44 20 7946-0000" → "+442079460000"; null when it is not a possible number.</summary>
    public static string? NormalizeE164(string? input, string? defaultRegion = null) =>
        Parse(input, defaultRegion, out var number) is null ? Util.Format(number, PhoneNumberFormat.E164) : null;

    public static bool IsE164(string? input) => NormalizeE164(input) is not null;

    /// <summary>Why the input is not a phone number ("Not a phone number: …"), or null when it is one.</summary>
    public static string? Problem(string? input, string? defaultRegion = null) => Parse(input, defaultRegion, out _) switch
    {
        null => null,
        var reason => $"Not a phone number: {reason}.",
    };

    /// <summary>The country calling code of an E.164 number ("+442079460000" → 44), or 0 when it is none.</summary>
    public static int CountryCode(string? e164) => Parse(e164, null, out var number) is null ? number.CountryCode : 0;

    /// <summary>
    /// For people: "+442079460000" → "+44 20 7946 0000", "+15551234567" → "+1 555-123-4567". Anything that does
    /// not parse is shown as it is stored.
    /// </summary>
    public static string Display(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return string.Empty;
        }

        return Parse(e164, null, out var number) is null ? Util.Format(number, PhoneNumberFormat.INTERNATIONAL) : e164;
    }

    /// <summary>The digits of a dialled prefix, for rate and filter lookups: "+44 20" → "4420"; null if not digits.</summary>
    public static string? NormalizePrefix(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var compact = Separators().Replace(input.Trim(), string.Empty).TrimStart('+');
        return compact.Length is > 0 and <= 15 && compact.All(char.IsAsciiDigit) ? compact : null;
    }

    /// <summary>
    /// The country (ISO 3166-1 alpha-2) a number or dialled digits belong to, by the numbering ranges libphonenumber knows:
    /// "+14165550123" → "CA", "+12125550123" → "US", "+441534456789" → "JE". A number in no known range of its calling
    /// code (new or fictional, e.g. NANP 555) counts as the code's main country ("US" for +1, "RU" for +7, "GB" for +44);
    /// null when the digits start with no calling code at all.
    /// </summary>
    public static string? RegionOf(string? number)
    {
        var digits = NormalizePrefix(number);
        if (digits is null)
        {
            return null;
        }

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse("+" + digits, "ZZ");
        }
        catch (NumberParseException)
        {
            return null;
        }

        return Util.GetRegionCodeForNumber(parsed) is { Length: 2 } region && region != "ZZ"
            ? region
            : Util.GetRegionCodeForCountryCode(parsed.CountryCode) is { Length: 2 } main && main != "ZZ" ? main : null;
    }

    /// <summary>The calling code of a country as digits ("GB" → "44", "CA" → "1"), or null when libphonenumber knows no such country.</summary>
    public static string? CallingCodeOf(string? region)
    {
        var code = Countries.Normalize(region);
        return code.Length == 2 && Util.GetCountryCodeForRegion(code) is > 0 and var calling ? calling.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>True when other countries dial the same calling code (NANP +1, +7 RU/KZ, +44 GB/GG/JE/IM, +47 NO/SJ, …).</summary>
    public static bool SharesCallingCode(string? region) =>
        CallingCodeOf(region) is { } calling && Util.GetRegionCodesForCountryCode(int.Parse(calling, System.Globalization.CultureInfo.InvariantCulture)).Count > 1;

    /// <summary>The reason the input is not a possible number, or null with the parsed number.</summary>
    private static string? Parse(string? input, string? defaultRegion, out PhoneNumbers.PhoneNumber number)
    {
        number = null!;
        if (string.IsNullOrWhiteSpace(input))
        {
            return "it is empty";
        }

        var compact = Separators().Replace(input.Trim(), string.Empty);
        // libphonenumber reads letters as keypad digits ("1-800-FLOWERS") and accepts extensions: a
        // number stored for billing and routing must be digits only.
        if (!Typed().IsMatch(compact))
        {
            return $"\"{Shorten(input.Trim())}\" has characters other than digits, spaces, dashes and brackets";
        }

        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        var region = Countries.Find(defaultRegion)?.Code;
        if (!compact.StartsWith('+') && region is null)
        {
            return "start with + and the country code, e.g. +44 20 7946 0000";
        }

        try
        {
            number = Util.Parse(compact, region ?? "ZZ");
        }
        catch (NumberParseException e)
        {
            return e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => compact.StartsWith('+') ? "no country has that calling code" : "start with + and the country code, e.g. +44 20 7946 0000",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "too short",
                ErrorType.TOO_LONG => "too long",
                _ => "not a number",
            };
        }

        var code = number.CountryCode;
        return Util.IsPossibleNumberWithReason(number) switch
        {
            // Typed without its country code, the number is read in the given country, where a short or
            // mistyped number would be taken for some local one: there it must be a valid number.
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE when !compact.StartsWith('+') && !Util.IsValidNumberForRegion(number, region) =>
                $"{Shorten(input.Trim())} is not a number in {Countries.Find(region)!.Name}",
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE => Util.Format(number, PhoneNumberFormat.E164).Length <= MaxLength ? null : "too long",
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "no country has that calling code",
            PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => $"too short for a number with country code +{code}",
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"too long for a number with country code +{code}",
            _ => $"the wrong number of digits for country code +{code}",
        };
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex("^\\+?[0-9]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Typed();

    [GeneratedRegex("[\\s.\\-()/]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();
}
