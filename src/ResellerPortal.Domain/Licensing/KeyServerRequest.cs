namespace ResellerPortal.Domain.Licensing;

/// <summary>The activation call of §4: an HTTP GET on the key server's <c>licence_wsvc_gen.do</c>.</summary>
public static class KeyServerRequest
{
    /// <summary>
    /// <paramref name="activationUrl"/> is the address the key server's owner gives with the keys
    /// (e.g. <c>http://my.server/llm/licence_wsvc_gen.do</c>); <paramref name="endUser"/> is the
    /// firm name that appears on the instance's License page and <paramref name="email"/> receives
    /// the server's note. Every value is percent-encoded (RFC 3986), including the ':' and '/' of the key.
    /// </summary>
    public static Uri ActivationUrl(Uri activationUrl, string endUser, string email, Ppk ppk)
    {
        if (!activationUrl.IsAbsoluteUri || (activationUrl.Scheme != Uri.UriSchemeHttp && activationUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The key server URL must be an absolute http or https URL.", nameof(activationUrl));
        }

        if (activationUrl.Fragment.Length > 0)
        {
            throw new ArgumentException("The key server URL must not have a fragment.", nameof(activationUrl));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(endUser);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);

        var query = $"K_enduser={Uri.EscapeDataString(endUser)}&K_email={Uri.EscapeDataString(email)}&K_id={Uri.EscapeDataString(ppk.Text)}";
        var existing = activationUrl.Query;
        var builder = new UriBuilder(activationUrl)
        {
            Query = existing.Length > 1 ? existing[1..] + "&" + query : query,
        };
        return builder.Uri;
    }
}
