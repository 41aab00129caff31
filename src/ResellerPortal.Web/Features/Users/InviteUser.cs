using System.Text.Encodings.Web;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;
using ResellerPortal.Web.Infrastructure;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>A new staff login of the reseller: the admin chooses who and what, never the password (§1).</summary>
public sealed class InviteForm
{
    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string Role { get; set; } = Roles.ResellerUser;

    public List<Guid> OperatorIds { get; set; } = [];

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> AvailableOperators { get; set; } = [];
}

public sealed class InviteFormValidator : AbstractValidator<InviteForm>
{
    public InviteFormValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the person's email address; the invitation goes there.")
            .MaximumLength(256)
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(PortalUser.DisplayNameMaxLength);
        RuleFor(x => x.Role).Must(r => ResellerStaff.AssignableRoles.Contains(r)).WithMessage("Choose ResellerAdmin or ResellerUser.");
        RuleFor(x => x.OperatorIds).NotEmpty().When(x => x.Role == Roles.ResellerUser)
            .WithMessage("A ResellerUser must be assigned at least one operator.");
    }
}

/// <summary>
/// A ResellerAdmin invites a staff login into its own reseller (§1): the login is created without a password, and an
/// e-mail (through the outbox, in the same transaction) carries a set-password link that works once (setting the
/// password changes the security stamp the token is bound to) and until <see cref="PortalOptions.InvitationHours"/>.
/// </summary>
public sealed class InviteUser(
    PortalDbContext db,
    UserManager<PortalUser> users,
    ILookupNormalizer normalizer,
    IValidator<InviteForm> validator,
    Invitations invitations,
    TimeProvider clock)
{
    public const string EmailTaken = "This email already has a login.";

    public async Task<InviteForm> DescribeAsync(InviteForm form, CancellationToken ct)
    {
        form.AvailableOperators = await ResellerStaff.OperatorsAsync(db, ct);
        return form;
    }

    public async Task<Result<PortalUser>> HandleAsync(InviteForm form, CancellationToken ct)
    {
        if (db.Tenant.ResellerId is not { } reseller)
        {
            return Result.NotFound;
        }

        await DescribeAsync(form, ct);
        var refusals = new List<Refusal>((await validator.RefuseAsync(form, ct))?.All ?? []);
        var email = normalizer.NormalizeEmail(form.Email?.Trim() ?? string.Empty);
        if (email.Length > 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == email, ct))
        {
            refusals.Add(Result.Refused(nameof(InviteForm.Email), EmailTaken));
        }

        var offered = form.AvailableOperators.Select(o => o.Id).ToHashSet();
        if (!form.OperatorIds.All(offered.Contains))
        {
            refusals.Add(Result.Refused(nameof(InviteForm.OperatorIds), "Choose operators of your reseller only."));
        }

        if (refusals.Count > 0)
        {
            return new Refusals(refusals);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new PortalUser
        {
            UserName = form.Email!.Trim(),
            Email = form.Email!.Trim(),
            EmailConfirmed = false,
            DisplayName = form.DisplayName.Trim(),
            ResellerId = reseller,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, form.Role);
        }

        if (!result.Succeeded)
        {
            return new Refusals([.. result.Errors.Select(e => Result.Refused(e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(InviteForm.Email) : string.Empty, e.Description))]);
        }

        if (form.Role == Roles.ResellerUser)
        {
            db.OperatorAssignments.AddRange(form.OperatorIds.Distinct().Select(o => new OperatorAssignment(reseller, user.Id, o)));
        }

        await invitations.SendAsync(user, ct);
        await transaction.CommitAsync(ct);
        return user;
    }
}

/// <summary>The invitation e-mail and its set-password link; sent again from the list when a link has expired.</summary>
public sealed class Invitations(
    PortalDbContext db,
    UserManager<PortalUser> users,
    EmailOutbox outbox,
    IOptions<ClientPortal.ClientPortalOptions> site,
    IOptions<PortalOptions> options,
    TimeProvider clock)
{
    /// <summary>Opens (or renews) the invitation and queues its mail; saves. The caller's transaction holds both.</summary>
    public async Task SendAsync(PortalUser user, CancellationToken ct)
    {
        var expires = clock.GetUtcNow().AddHours(options.Value.InvitationHours);
        user.InvitationExpiresAt = expires;
        // A new stamp first: a link sent earlier stops working when a new one is sent.
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{BaseUrl()}/account/set-password?user={user.Id}&token={UrlEncoder.Default.Encode(token)}";
        var reseller = await db.Resellers.Where(r => r.Id == user.ResellerId).Select(r => r.Name).SingleOrDefaultAsync(ct);
        outbox.Enqueue(
            user.ResellerId,
            user.Email!,
            $"Your login to the {reseller} portal",
            $"""
            Hello {user.DisplayName},

            You have been given a login to the {reseller} portal ({user.Email}). Choose your password here:

            {link}

            The link works once, until {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC. If it has expired, ask your administrator to send a new invitation.
            """);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The portal's configured public address (<c>Portal:PublicBaseUrl</c>), never the request's Host header.</summary>
    private string BaseUrl() => site.Value.BaseUrl;
}
