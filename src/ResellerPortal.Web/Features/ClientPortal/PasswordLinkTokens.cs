using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>
/// The tokens of password-reset and invitation links: protected (Data Protection, keys in the database)
/// with the portal's clock, the user and the login's security stamp. Time-limited
/// (<see cref="ClientPortalOptions.PasswordLinkHours"/>); single-use because setting the password changes
/// the security stamp, and a newer link (a second invitation or reset) changes it too. Identity's own
/// provider reads the system clock, which the tests cannot move; this one reads <see cref="TimeProvider"/>.
/// </summary>
public sealed class PasswordLinkTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<ClientPortalOptions> options)
    : IUserTwoFactorTokenProvider<PortalUser>
{
    public const string Name = "PortalPasswordLink";

    private readonly IDataProtector _protector = protection.CreateProtector("ResellerPortal.PasswordLink");

    public async Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var payload = string.Join('|', clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), user.Id.ToString("N"), purpose, stamp);
        return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token))).Split('|');
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }

        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
        {
            return false;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        return age >= TimeSpan.Zero && age <= TimeSpan.FromHours(options.Value.PasswordLinkHours)
            && parts[1] == user.Id.ToString("N") && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) => Task.FromResult(false);
}
