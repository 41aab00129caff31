using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace ResellerPortal.Web.Auth;

/// <summary>
/// Remembers, per node and for a minute, what a session cookie decrypts to, so that the requests of a session do not
/// each pay for Data Protection's key derivation, AES and HMAC and the ticket's deserialization (issue 14: about a
/// tenth of the cheapest request's CPU). The cache maps the exact cookie text to the ticket that decrypting it gave,
/// which is what decrypting it again would give: a forged or altered cookie is a different text and is decrypted
/// (and refused) as before, and refusals are never cached. Everything after decryption is unchanged and runs on every
/// request: the ticket's expiry, the security-stamp check (<see cref="SessionStamp"/>: logging out, a disabled user
/// or a new password are refused at once on every node), Identity's 30-second revalidation. Each request gets its
/// own copy of the ticket, so nothing a request does to its principal reaches another.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>At most this many sessions are remembered per node (a ticket and its cookie are a few KB).</summary>
    public const int Capacity = 1_000;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var key = (protectedText, purpose);
        if (_tickets.TryGetValue(key, out AuthenticationTicket? known) && known is not null)
        {
            return known.Clone();
        }

        var ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is not null)
        {
            _tickets.Set(key, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return ticket;
    }

    public void Dispose() => _tickets.Dispose();
}
