using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>The number that takes a connected DID's place (seed 001 "Swap").</summary>
public sealed class ReplaceDidForm
{
    public string? Replacement { get; set; }
}

public sealed class ReplaceDidFormValidator : AbstractValidator<ReplaceDidForm>
{
    /// <summary>Room for a number typed with spaces, dashes and brackets; the E.164 form stored is at most 16.</summary>
    public const int TypedMaxLength = 40;

    public ReplaceDidFormValidator() =>
        RuleFor(x => x.Replacement).Cascade(CascadeMode.Stop)
            .MaximumLength(TypedMaxLength).WithMessage("Not a phone number: too long.")
            .Must(v => PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the replacement number in E.164, e.g. +442079460001.");
}

/// <summary>What the swap did: the number now connected, and the one it replaced.</summary>
public sealed record ReplacedDid(Did Replacement, Did Replaced);

/// <summary>
/// Puts a free number of the reseller in a connected DID's place, on the same sub-account with the same
/// terms; the old number becomes free.
/// </summary>
public sealed class ReplaceDid(PortalDbContext db, IValidator<ReplaceDidForm> validator, TimeProvider clock)
{
    public async Task<Result<ReplacedDid>> HandleAsync(Guid id, ReplaceDidForm form, CancellationToken ct)
    {
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (did is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var number = PhoneNumber.NormalizeE164(form.Replacement);
        var replacement = await db.Dids.SingleOrDefaultAsync(d => d.Number == number, ct);
        if (replacement is null)
        {
            return Result.Refused(nameof(form.Replacement), "You hold no such number.");
        }

        did.SwapWith(replacement, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new ReplacedDid(replacement, did);
    }
}
