namespace ResellerPortal.Domain.Branding;

/// <summary>
/// An origin of the reseller's own website (<c>https://host[:port]</c>), from which its clients may post the
/// direct-login form (§7, seed 003 "Auto Connect Form for Clients"). Compared with a request's Origin header
/// exactly, so it is stored in the browser's form: lower-case, no path, no default port.
/// </summary>
public static class WebsiteOrigin
{
    public const int MaxLength = 200;

    public const string Refusal = "Enter an origin such as https://www.example.com (https, a host name and optionally a port; no path).";

    public static string Normalize(string field, string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)
            || text.TrimEnd('/').Length < text.Length - 1
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4)
            || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new RuleViolationException(field, Refusal);
        }

        return uri.IsDefaultPort ? $"https://{uri.IdnHost}" : $"https://{uri.IdnHost}:{uri.Port}";
    }

    public static bool IsValid(string? value)
    {
        try
        {
            Normalize(string.Empty, value);
            return true;
        }
        catch (RuleViolationException)
        {
            return false;
        }
    }
}
