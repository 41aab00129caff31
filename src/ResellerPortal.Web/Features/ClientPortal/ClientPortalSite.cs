using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>Settings of the client portal (section <c>Portal</c>).</summary>
public sealed class ClientPortalOptions
{
    /// <summary>
    /// The portal's public address (scheme and host, e.g. <c>https://portal.example.net</c>): links in
    /// e-mails to a reseller without a verified host name are this plus <c>/c/{slug}</c>. Never taken
    /// from the request's Host header.
    /// </summary>
    public string PublicBaseUrl { get; set; } = DefaultPublicBaseUrl;

    public const string DefaultPublicBaseUrl = "http://localhost:5000";

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash (the default when configured empty): the one reading of it for every link.</summary>
    public string BaseUrl => (string.IsNullOrWhiteSpace(PublicBaseUrl) ? DefaultPublicBaseUrl : PublicBaseUrl).TrimEnd('/');

    /// <summary>Self-signups accepted per client IP address per hour.</summary>
    public int SignupsPerIpPerHour { get; set; } = 5;

    /// <summary>Self-signups accepted per reseller per hour (all addresses together).</summary>
    public int SignupsPerResellerPerHour { get; set; } = 30;

    /// <summary>How long a password-reset or invitation link works.</summary>
    public int PasswordLinkHours { get; set; } = 24;
}

/// <summary>
/// Where a request to the client portal belongs (§7). Every client page lives under <c>/c/{slug}</c>; on
/// one of the reseller's verified host names the same routes answer, and <c>/</c> goes to the client
/// login. The slug must be an active reseller's, and on a registered host name the host's own: another
/// reseller's slug, an unverified host or an unknown slug is a 404 in the client portal's plain look.
/// </summary>
/// <remarks>
/// It reads in scopes of its own: the request's database context fixes its tenant at the first query,
/// and the tenant of an anonymous client-portal request is the reseller found here.
/// </remarks>
public sealed class ClientPortalSite(IServiceScopeFactory scopes)
{
    private const string BrandKey = "client-portal:brand";
    private const string MarkerKey = "client-portal";

    /// <summary>True when the request is to the client portal (its errors then wear the client layout, naming nobody).</summary>
    public static bool IsClientPortal(HttpContext context) => context.Items.ContainsKey(MarkerKey);

    /// <summary>The brand of the reseller whose portal this request is to, once resolved.</summary>
    public static ClientBrand? Brand(HttpContext context) => context.Items.TryGetValue(BrandKey, out var brand) ? brand as ClientBrand : null;

    public static void MarkClientPortal(HttpContext context) => context.Items[MarkerKey] = true;

    /// <summary>The lower-case host of the request without port (what a stored host name is compared with).</summary>
    public static string RequestHost(HttpContext context) => context.Request.Host.Host.TrimEnd('.').ToLowerInvariant();

    /// <summary>The brand for <paramref name="slug"/> on this request's host, or null (404).</summary>
    public async Task<ClientBrand?> ResolveAsync(HttpContext context, string? slug, CancellationToken ct)
    {
        MarkClientPortal(context);
        if (Brand(context) is { } known && string.Equals(known.Slug, slug, StringComparison.Ordinal))
        {
            return known;
        }

        var normalized = (slug ?? string.Empty).Trim().ToLowerInvariant();
        Guid? reseller;
        var host = RequestHost(context);
        await using (var lookup = scopes.CreateAsyncScope())
        {
            var db = lookup.ServiceProvider.GetRequiredService<PortalDbContext>();
            reseller = await db.Resellers.AsNoTracking().Where(r => r.Slug == normalized && r.IsActive).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(ct);
            if (reseller is null)
            {
                return null;
            }

            var registered = await db.ResellerHostnames.AsNoTracking().Where(h => h.Hostname == host).Select(h => new { h.ResellerId, h.IsVerified }).SingleOrDefaultAsync(ct);
            if (registered is not null && (!registered.IsVerified || registered.ResellerId != reseller))
            {
                return null;
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PortalDbContext>().Tenant.UseReseller(reseller.Value);
        var brand = await scope.ServiceProvider.GetRequiredService<IClientBrands>().ForResellerAsync(reseller.Value, ct);
        if (brand is not null)
        {
            context.Items[BrandKey] = brand;
        }

        return brand;
    }
}

/// <summary>
/// The host-name half of <see cref="ClientPortalSite"/>: a registered host name answers only as its
/// reseller's client portal. Verified: <c>/</c> goes to the client login, the staff sign-in and
/// administration are not there. Unverified: 404 everywhere. Other hosts are the portal's own.
/// </summary>
public sealed class ClientHostMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, PreTenantReads reads)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/c", StringComparison.OrdinalIgnoreCase))
        {
            ClientPortalSite.MarkClientPortal(context);
        }

        // A re-executed error page keeps the first pass's decision.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var host = ClientPortalSite.RequestHost(context);
        // One raw command, not a DbContext of its own (issue 14): the tenant is not known yet, and neither table is tenant-owned.
        var registered = await reads.ClientHostAsync(context, host, context.RequestAborted);
        if (registered is null)
        {
            await next(context);
            return;
        }

        ClientPortalSite.MarkClientPortal(context);
        if (!registered.IsVerified || registered.Slug is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (path == "/" || path == string.Empty)
        {
            context.Response.Redirect($"/c/{registered.Slug}/login");
            return;
        }

        if (path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}

/// <summary>
/// The address of a reseller's client portal for links in e-mails: its first verified host name (https),
/// else the configured <see cref="ClientPortalOptions.PublicBaseUrl"/> with <c>/c/{slug}</c>. Never the
/// request's Host header, so a forged Host cannot poison a reset link.
/// </summary>
public sealed class ClientPortalLinks(PortalDbContext db, IOptions<ClientPortalOptions> options)
{
    public async Task<string> BaseUrlAsync(Guid resellerId, CancellationToken ct)
    {
        var slug = await db.Resellers.AsNoTracking().Where(r => r.Id == resellerId).Select(r => r.Slug).SingleAsync(ct);
        var host = await db.ResellerHostnames.AsNoTracking()
            .Where(h => h.ResellerId == resellerId && h.IsVerified).OrderBy(h => h.CreatedAt).Select(h => h.Hostname).FirstOrDefaultAsync(ct);
        return host is not null
            ? string.Create(CultureInfo.InvariantCulture, $"https://{host}/c/{slug}")
            : options.Value.BaseUrl + "/c/" + slug;
    }
}
