using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>The PlatformAdmin renames an operator, moves it to another domain or records its certificate's expiry.</summary>
public sealed class EditOperator(PortalDbContext db, IValidator<OperatorForm> validator)
{
    /// <summary>The form as the edit page opens it.</summary>
    public async Task<Result<OperatorForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var op = await db.Operators.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (op is null)
        {
            return Result.NotFound;
        }

        var form = new OperatorForm { Id = op.Id, ResellerId = op.ResellerId, Name = op.Name, Domain = op.Domain, CertificateExpiresOn = op.CertificateExpiresOn };
        await OperatorRules.DescribeAsync(db, form, ct);
        return form;
    }

    /// <summary>The read-only parts of a form re-shown before the handler ran (a malformed date).</summary>
    public async Task<Result<OperatorForm>> DescribeAsync(Guid id, OperatorForm form, CancellationToken ct)
    {
        var resellerId = await db.Operators.Where(o => o.Id == id).Select(o => (Guid?)o.ResellerId).SingleOrDefaultAsync(ct);
        if (resellerId is null)
        {
            return Result.NotFound;
        }

        form.Id = id;
        form.ResellerId = resellerId.Value;
        await OperatorRules.DescribeAsync(db, form, ct);
        return form;
    }

    public async Task<Result<Operator>> HandleAsync(Guid id, OperatorForm form, CancellationToken ct)
    {
        var op = await db.Operators.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (op is null)
        {
            return Result.NotFound;
        }

        form.Id = id;
        form.ResellerId = op.ResellerId;
        await OperatorRules.DescribeAsync(db, form, ct);
        if (await OperatorRules.ReadCertificateAsync(form, ct) is { } unreadable)
        {
            return unreadable;
        }

        if (await OperatorRules.ValidateAsync(validator, db, form, ct) is { } refused)
        {
            return refused;
        }

        op.Rename(form.Name);
        op.MoveToDomain(form.Domain);
        op.SetCertificateExpiry(form.CertificateExpiresOn);
        await db.SaveChangesAsync(ct);
        return op;
    }
}
