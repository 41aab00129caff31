using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>The client a sub-account moves to, by the email the reseller knows it by.</summary>
public sealed class MoveSubAccountForm
{
    public string? ClientEmail { get; set; }
}

public sealed class MoveSubAccountFormValidator : AbstractValidator<MoveSubAccountForm>
{
    public MoveSubAccountFormValidator() =>
        RuleFor(x => x.ClientEmail).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the email of the client to move it to.")
            .MaximumLength(Client.EmailMaxLength).WithMessage($"An email address has at most {Client.EmailMaxLength} characters.");
}

/// <summary>Where the sub-account was and where it went.</summary>
public sealed record MovedSubAccount(SubAccount SubAccount, string? From, string To);

/// <summary>
/// Moves a sub-account, with its DIDs (they hang off it) and its package, to another client of the reseller;
/// the domain refuses a client billed in another currency than the package.
/// </summary>
public sealed class MoveSubAccount(PortalDbContext db, IValidator<MoveSubAccountForm> validator, TimeProvider clock)
{
    public async Task<Result<MovedSubAccount>> HandleAsync(Guid id, MoveSubAccountForm form, CancellationToken ct)
    {
        var sub = await db.SubAccounts.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (sub is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var email = form.ClientEmail!.Trim().ToLowerInvariant();
        var target = await db.Clients.SingleOrDefaultAsync(c => c.Email == email, ct);
        if (target is null)
        {
            return Result.Refused(nameof(form.ClientEmail), "None of your clients has this email.");
        }

        var from = sub.ClientId is { } current ? await db.Clients.Where(c => c.Id == current).Select(c => c.FirstName + " " + c.LastName).SingleOrDefaultAsync(ct) : null;
        var package = sub.PackageId is { } packageId ? await db.Packages.SingleOrDefaultAsync(p => p.Id == packageId, ct) : null;
        sub.MoveTo(target, package, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new MovedSubAccount(sub, from?.Trim(), target.DisplayName);
    }
}
