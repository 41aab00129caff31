using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>
/// Signs a client into its reseller's portal (§7) with the staff sign-in's pieces: the same form and
/// validator (<see cref="LoginInput"/>), the same generic refusal after the same hashing work, lockout
/// after five wrong passwords. The login is looked up within the reseller only, so the same e-mail may
/// be a client of two resellers and a client's login on another reseller's page fails like a wrong
/// password. The one other answer, given only after the right password: the account awaits activation.
/// </summary>
public sealed class ClientSignIn(
    PortalDbContext db,
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IPasswordHasher<PortalUser> passwordHasher,
    IValidator<LoginInput> validator,
    IHttpContextAccessor http,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    public const string AwaitingActivation = "Your account is awaiting activation. You can sign in as soon as it has been activated.";

    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    public async Task<Result<PortalUser>> HandleAsync(Guid resellerId, LoginInput input, CancellationToken ct)
    {
        if (await validator.RefuseAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        var user = await FindAsync(resellerId, input.Email, ct);
        var client = user?.ClientId is { } clientId
            ? await db.Clients.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == clientId && c.ResellerId == resellerId && c.DeletedAt == null)
                .Select(c => new { c.Status }).SingleOrDefaultAsync(ct)
            : null;
        if (user is null || user.IsDisabled || client is null || client.Status == ClientStatus.Blocked || await userManager.IsLockedOutAsync(user))
        {
            _ = passwordHasher.VerifyHashedPassword(user ?? new PortalUser(), SignIn.DecoyHash(passwordHasher), input.Password);
            SecurityEvents.LoginFailed(_security, input.Email, user is null ? "unknown client login" : "client login not usable", ip, now);
            return Failed;
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, input.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            if (check.IsLockedOut)
            {
                SecurityEvents.LockedOut(_security, input.Email, ip, now);
            }
            else
            {
                SecurityEvents.LoginFailed(_security, input.Email, "wrong password", ip, now);
            }

            return Failed;
        }

        if (client.Status == ClientStatus.Wait)
        {
            SecurityEvents.LoginFailed(_security, input.Email, "awaiting activation", ip, now);
            return Result.Refused(string.Empty, AwaitingActivation);
        }

        await signInManager.SignOutAsync();
        await signInManager.SignInAsync(user, isPersistent: false);
        SecurityEvents.LoginSucceeded(_security, input.Email, user.ResellerId, ip, now);
        return user;
    }

    /// <summary>The client login of <paramref name="email"/> at this reseller, or null.</summary>
    public Task<PortalUser?> FindAsync(Guid resellerId, string email, CancellationToken ct)
    {
        var normalized = userManager.NormalizeEmail(email.Trim());
        return db.Users.SingleOrDefaultAsync(u => u.ResellerId == resellerId && u.ClientId != null && u.NormalizedEmail == normalized, ct);
    }

    /// <summary>The Identity user name of a client login: unique per reseller, never shown.</summary>
    public static string UserName(Guid resellerId, string email) => "c." + resellerId.ToString("N") + "." + email.Trim().ToLowerInvariant();

    private static Refusal Failed => Result.Refused(string.Empty, SignIn.GenericError);
}
