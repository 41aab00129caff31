using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Acting;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>The "Act as" button of a user list: whom, and why (required; the user acted as reads it).</summary>
public sealed class StartActingForm
{
    public Guid UserId { get; set; }

    public string? Reason { get; set; }

    /// <summary>The list the button is on, where a refusal is shown (a local address only).</summary>
    public string? ReturnUrl { get; set; }
}

public sealed class StartActingFormValidator : AbstractValidator<StartActingForm>
{
    public StartActingFormValidator()
    {
        RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why you act as this user; they will see it.")
            .MaximumLength(ActingRules.ReasonMaxLength).WithMessage($"The reason is at most {ActingRules.ReasonMaxLength} characters.");
        RuleFor(x => x.ReturnUrl).MaximumLength(2000);
    }
}

/// <summary>The login acted as, for the message after the start, and where its pages begin (a client's: its portal home).</summary>
public sealed record StartedActing(ActingSession Session, string TargetName, string Home);

/// <summary>
/// Starts acting as another login (§8): the rules of <see cref="ActingRules"/>, then an <see cref="ActingSession"/> and a
/// new cookie for the target that also names the real person, the reason and the end. The target's own sessions are
/// untouched (their security stamp is not changed). A ResellerAdmin asking for a login outside its reseller gets a 404,
/// as for any other record of another tenant.
/// </summary>
public sealed class StartActing(
    PortalDbContext db,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IHttpContextAccessor http,
    IValidator<StartActingForm> validator,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _security = loggerFactory.CreateLogger(SecurityEvents.Category);

    public async Task<Result<StartedActing>> HandleAsync(StartActingForm form, CancellationToken ct)
    {
        var principal = http.HttpContext!.User;
        if (principal.IsActing())
        {
            return Result.Refused(string.Empty, ActingRules.Message(ActingRefusal.AlreadyActing));
        }

        var target = await db.Users.SingleOrDefaultAsync(u => u.Id == form.UserId, ct);
        var actorId = principal.GetUserId();
        var actorRole = principal.GetRole();
        if (target is null || actorId is null || actorRole is null || (!principal.IsPlatformStaff() && target.ResellerId != principal.GetResellerId()))
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var targetRole = await RoleOfAsync(target.Id, ct);
        var now = clock.GetUtcNow();
        var targetIsActing = await db.ActingSessions.AnyAsync(s => s.RealUserId == target.Id && s.EndedAt == null && s.ExpiresAt > now, ct);
        var clientHome = target.ClientId is { } clientId ? await ClientHomeAsync(clientId, target.ResellerId, ct) : null;
        var unusable = target.IsDisabled || (target.ClientId is not null && clientHome is null);
        var refusal = targetRole is null ? ActingRefusal.NotAllowed
            : ActingRules.Check(new ActingParty(actorId.Value, actorRole, principal.GetResellerId()), false, new ActingParty(target.Id, targetRole, target.ResellerId), unusable, targetIsActing);
        if (refusal is { } refused)
        {
            return Result.Refused(string.Empty, ActingRules.Message(refused));
        }

        var real = await users.FindByIdAsync(actorId.Value.ToString());
        if (real is null)
        {
            return Result.NotFound;
        }

        var session = new ActingSession(real.Id, target.Id, target.ResellerId, form.Reason!, now, TimeSpan.FromMinutes(options.Value.ActingMinutes));
        db.ActingSessions.Add(session);
        await db.SaveChangesAsync(ct);
        await signIn.SignInWithClaimsAsync(target, isPersistent: false, ActingClaims.For(session, real, actorRole));
        _security.LogInformation(
            "Security: {Real} started acting as {Target} (session {Session}) until {UntilUtc:O}",
            LogText.Encode(real.Email), LogText.Encode(target.Email), session.Id, session.ExpiresAt.UtcDateTime);
        return new StartedActing(session, Audit.AuditDisplay.PersonName(target.DisplayName, target.Email), clientHome ?? "/");
    }

    /// <summary>
    /// The portal home of a client login (<c>/c/{slug}/</c>), or null when the client cannot sign in there: blocked,
    /// deleted, or its reseller's portal is closed. Such a login is as unusable as a disabled one.
    /// </summary>
    private async Task<string?> ClientHomeAsync(Guid clientId, Guid? resellerId, CancellationToken ct)
    {
        var usable = await db.Clients.IgnoreQueryFilters()
            .AnyAsync(c => c.Id == clientId && c.ResellerId == resellerId && c.DeletedAt == null && c.Status != ClientStatus.Blocked, ct);
        var slug = usable
            ? await db.Resellers.IgnoreQueryFilters().Where(r => r.Id == resellerId && r.IsActive).Select(r => r.Slug).SingleOrDefaultAsync(ct)
            : null;
        return slug is null ? null : $"/c/{slug}/";
    }

    private Task<string?> RoleOfAsync(Guid userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).FirstOrDefaultAsync(ct);
}
