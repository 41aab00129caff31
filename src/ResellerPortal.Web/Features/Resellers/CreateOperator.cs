using FluentValidation;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin adds an operator (a profile with its own domain) to a reseller.</summary>
public sealed class CreateOperator(PortalDbContext db, IValidator<OperatorForm> validator, TimeProvider clock)
{
    /// <summary>The empty form for the reseller, or not found.</summary>
    public Task<Result<OperatorForm>> LoadAsync(Guid resellerId, CancellationToken ct) => DescribeAsync(resellerId, new OperatorForm(), ct);

    /// <summary>The read-only parts of the form (also of a form re-shown before the handler ran), or not found.</summary>
    public async Task<Result<OperatorForm>> DescribeAsync(Guid resellerId, OperatorForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        return await OperatorRules.DescribeAsync(db, form, ct) ? form : Result.NotFound;
    }

    public async Task<Result<Operator>> HandleAsync(Guid resellerId, OperatorForm form, CancellationToken ct)
    {
        form.Id = null;
        form.ResellerId = resellerId;
        if (!await OperatorRules.DescribeAsync(db, form, ct))
        {
            return Result.NotFound;
        }

        if (await OperatorRules.ReadCertificateAsync(form, ct) is { } unreadable)
        {
            return unreadable;
        }

        if (await OperatorRules.ValidateAsync(validator, db, form, ct) is { } refused)
        {
            return refused;
        }

        var op = new Operator(resellerId, form.Name, form.Domain, clock.GetUtcNow());
        op.SetCertificateExpiry(form.CertificateExpiresOn);
        db.Operators.Add(op);
        await db.SaveChangesAsync(ct);
        return op;
    }
}
