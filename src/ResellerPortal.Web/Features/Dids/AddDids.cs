using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>Add one number, or a range first–last (seed 001 "Add DDI").</summary>
public sealed class AddDidsForm
{
    public string? First { get; set; }

    /// <summary>Empty for a single number.</summary>
    public string? Last { get; set; }

    public string? Description { get; set; }

    /// <summary>The field a refusal of the whole range goes beside: the last number of a range, else the one number.</summary>
    public string RangeField => string.IsNullOrWhiteSpace(Last) ? nameof(First) : nameof(Last);
}

public sealed class AddDidsFormValidator : AbstractValidator<AddDidsForm>
{
    public AddDidsFormValidator()
    {
        RuleFor(x => x.First).Must(v => PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the number in E.164, e.g. +442079460000.");
        // The range is the digits between its two ends (generate_series in the insert), so the two ends
        // are what is checked: both possible numbers, in one country, of one length, in order.
        RuleFor(x => x.Last).Cascade(CascadeMode.Stop)
            .Must(v => PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the last number of the range in E.164, or leave it empty for one number.")
            .Must((form, last) => PhoneNumber.CountryCode(form.First) == PhoneNumber.CountryCode(last))
            .WithMessage("The last number must have the same country code as the first.")
            .Must((form, last) => DidRange.Count(form.First!, last!) is > 0)
            .WithMessage("The last number must have as many digits as the first and not come before it.")
            .Must((form, last) => DidRange.Count(form.First!, last!) <= Did.MaxRange)
            .WithMessage($"A range is at most {Did.MaxRange:N0} numbers.")
            .When(x => !string.IsNullOrWhiteSpace(x.Last) && PhoneNumber.IsE164(x.First));
        RuleFor(x => x.Description).MaximumLength(Did.DescriptionMaxLength);
    }
}

public static class DidRange
{
    /// <summary>How many numbers first..last holds; 0 when the two differ in length or last comes first.</summary>
    public static long Count(string first, string last)
    {
        var a = PhoneNumber.NormalizeE164(first);
        var b = PhoneNumber.NormalizeE164(last);
        if (a is null || b is null || a.Length != b.Length)
        {
            return 0;
        }

        var from = long.Parse(a[1..], CultureInfo.InvariantCulture);
        var to = long.Parse(b[1..], CultureInfo.InvariantCulture);
        return to < from ? 0 : to - from + 1;
    }
}

/// <summary>What was added: how many numbers, starting with which.</summary>
public sealed record AddedDids(int Count, string First);

/// <summary>
/// Adds first..last (or one number) in one INSERT … SELECT over generate_series, with one audit row
/// per number in the same statement. All or nothing: if any number exists, nothing is added and
/// the reason says which of the reseller's own numbers clash, and only "not available" for numbers
/// another reseller holds, so nothing about another reseller leaks.
/// </summary>
public sealed class AddDids(PortalDbContext db, IValidator<AddDidsForm> validator, AuditActorAccessor actors, TimeProvider clock)
{
    public async Task<Result<AddedDids>> HandleAsync(AddDidsForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var first = PhoneNumber.NormalizeE164(form.First)!;
        var last = string.IsNullOrWhiteSpace(form.Last) ? first : PhoneNumber.NormalizeE164(form.Last)!;
        var count = DidRange.Count(first, last);
        var reseller = db.Tenant.ResellerId!.Value;
        var from = long.Parse(first[1..], CultureInfo.InvariantCulture);
        var to = from + count - 1;
        var width = first.Length - 1;

        // The uniqueness check must see every reseller's numbers; it reads only whether they are ours.
#pragma warning disable CA1309 // Runs in SQL on the C-collated column, where the comparison is ordinal; EF translates only this overload.
        var clashes = await db.Dids.IgnoreQueryFilters()
            .Where(d => string.Compare(d.Number, first) >= 0 && string.Compare(d.Number, last) <= 0 && d.Number.Length == first.Length)
#pragma warning restore CA1309
            .OrderBy(d => d.Number)
            .Select(d => new { d.Number, Ours = d.ResellerId == reseller })
            .Take(6)
            .ToListAsync(ct);
        if (clashes.Count > 0)
        {
            return Result.Refused(form.RangeField, Clash(clashes.Select(c => (c.Number, c.Ours)).ToList(), count));
        }

        var now = clock.GetUtcNow();
        var actor = actors.Current();
        try
        {
            var added = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                WITH added AS (
                    INSERT INTO "Dids" ("Id", "ResellerId", "Number", "Description", "CreatedAt", "SetupFee", "MonthlyFee", "PerMinuteRate", "IncludedInUnlimitedPlan")
                    SELECT gen_random_uuid(), {reseller}::uuid, '+' || lpad(n::text, {width}::int, '0'), {form.Description?.Trim() ?? string.Empty}::text, {now}::timestamptz, 0, 0, 0, false
                    FROM generate_series({from}::bigint, {to}::bigint) AS n
                    RETURNING "Id", "Number")
                INSERT INTO "AuditEntries" ("Id", "At", "ResellerId", "EntityType", "EntityId", "Action", "Changes", "ActorUserId", "ActorName", "RealActorUserId", "RealActorName", "IpAddress", "ActingSessionId")
                SELECT gen_random_uuid(), {now}::timestamptz, {reseller}::uuid, 'Did', added."Id", 'Added', jsonb_build_object('Number', jsonb_build_array(NULL, added."Number")),
                       {actor.UserId}::uuid, {actor.Name}::text, {actor.RealUserId}::uuid, {actor.RealName}::text, {actor.IpAddress}::text, {actor.ActingSessionId}::uuid
                FROM added
                """,
                ct);
            return new AddedDids(added, first);
        }
        catch (Exception e) when (ConstraintViolations.Translate(e) is { } violation)
        {
            // Someone added one of these numbers between the check and the insert.
            return Result.Refused(form.RangeField, violation.Message);
        }
    }

    private static string Clash(List<(string Number, bool Ours)> clashes, long count)
    {
        var ours = clashes.Where(c => c.Ours).Select(c => c.Number).ToList();
        var what = count == 1 ? "The number" : "The range";
        return ours.Count > 0
            ? $"{what} overlaps numbers you already hold ({string.Join(", ", ours.Take(5))}{(clashes.Count > 5 ? ", …" : "")}). Nothing was added."
            : $"{what} includes numbers that are not available. Nothing was added.";
    }
}
