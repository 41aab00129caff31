using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Dids;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Domain.Money;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Dids;

/// <summary>Add one number, or a range first–last (seed 001 "Add DDI").</summary>
public sealed class AddDidsForm
{
    public string? First { get; set; }

    /// <summary>Empty for a single number.</summary>
    public string? Last { get; set; }

    public string? Description { get; set; }
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

/// <summary>Connect a DID to a sub-account with its charges (seed 003 "Setting up the charges for those DID(s)").</summary>
public sealed class ConnectDidForm
{
    public string? Number { get; set; }

    public decimal? SetupFee { get; set; }

    public decimal? MonthlyFee { get; set; }

    public decimal? PerMinuteRate { get; set; }

    public DateOnly? BillingStart { get; set; }

    public bool IncludedInUnlimitedPlan { get; set; }

    public string? ForwardTo { get; set; }

    public string? VoicemailEmail { get; set; }

    /// <summary>Charge the setup fee at connection (on by default).</summary>
    public bool ChargeSetupFee { get; set; } = true;

    public DidTerms Terms() => new(
        SetupFee ?? 0m, MonthlyFee ?? 0m, PerMinuteRate ?? 0m, BillingStart!.Value, IncludedInUnlimitedPlan,
        string.IsNullOrWhiteSpace(ForwardTo) ? null : ForwardTo, VoicemailEmail);
}

public sealed class ConnectDidFormValidator : AbstractValidator<ConnectDidForm>
{
    public ConnectDidFormValidator()
    {
        RuleFor(x => x.Number).Must(v => PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the DID in E.164, e.g. +442079460000.");
        RuleFor(x => x.SetupFee).Must(v => v is null or >= 0m and <= LedgerEntry.MaxAmount).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.MonthlyFee).Must(v => v is null or >= 0m and <= LedgerEntry.MaxAmount).WithMessage("Enter a fee of 0 or more.");
        RuleFor(x => x.PerMinuteRate).Must(v => v is null or >= 0m and <= 1000m).WithMessage("Enter a rate of 0 or more.");
        RuleFor(x => x.BillingStart).NotNull().WithMessage("Enter the date billing starts (free until then).");
        RuleFor(x => x.ForwardTo).Must(v => string.IsNullOrWhiteSpace(v) || PhoneNumber.Problem(v) is null)
            .WithMessage((_, v) => $"{PhoneNumber.Problem(v)} Enter the forwarding number in E.164, or leave it empty.");
        RuleFor(x => x.VoicemailEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.VoicemailEmail))
            .WithMessage("Enter an email address for the voicemail messages.");
        RuleFor(x => x.VoicemailEmail).MaximumLength(Client.EmailMaxLength)
            .WithMessage($"An email address has at most {Client.EmailMaxLength} characters.");
    }
}

/// <summary>The reseller's DID stock: adding numbers, connecting, swapping and unconnecting them.</summary>
public sealed class DidInventory(PortalDbContext db, AuditActorAccessor actors, TimeProvider clock)
{
    /// <summary>
    /// Adds first..last (or one number) in one INSERT … SELECT over generate_series, with one audit row
    /// per number in the same statement. All or nothing: if any number exists, nothing is added and
    /// the reason says which of the reseller's own numbers clash, and only "not available" for numbers
    /// another reseller holds, so nothing about another reseller leaks.
    /// </summary>
    public async Task<(int Added, string? Refusal)> AddAsync(AddDidsForm form, CancellationToken ct)
    {
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
            return (0, Refusal(clashes.Select(c => (c.Number, c.Ours)).ToList(), count));
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
                INSERT INTO "AuditEntries" ("Id", "At", "ResellerId", "EntityType", "EntityId", "Action", "Changes", "ActorUserId", "ActorName", "RealActorUserId", "RealActorName", "IpAddress")
                SELECT gen_random_uuid(), {now}::timestamptz, {reseller}::uuid, 'Did', added."Id", 'Added', jsonb_build_object('Number', jsonb_build_array(NULL, added."Number")),
                       {actor.UserId}::uuid, {actor.Name}::text, {actor.RealUserId}::uuid, {actor.RealName}::text, {actor.IpAddress}::text
                FROM added
                """,
                ct);
            return (added, null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Someone added one of these numbers between the check and the insert.
            return (0, "One of these numbers was just added elsewhere and is not available. Nothing was added.");
        }
    }

    private static string Refusal(List<(string Number, bool Ours)> clashes, long count)
    {
        var ours = clashes.Where(c => c.Ours).Select(c => c.Number).ToList();
        var what = count == 1 ? "The number" : "The range";
        return ours.Count > 0
            ? $"{what} overlaps numbers you already hold ({string.Join(", ", ours.Take(5))}{(clashes.Count > 5 ? ", …" : "")}). Nothing was added."
            : $"{what} includes numbers that are not available. Nothing was added.";
    }

    /// <summary>Connects a free DID to a connected sub-account, charging its setup fee when asked.</summary>
    public async Task<string?> ConnectAsync(SubAccount sub, ConnectDidForm form, CancellationToken ct)
    {
        if (sub.ClientId is not { } clientId)
        {
            return "Connect the sub-account to a client first.";
        }

        var number = PhoneNumber.NormalizeE164(form.Number);
        var did = await db.Dids.SingleOrDefaultAsync(d => d.Number == number, ct);
        if (did is null)
        {
            return "You hold no such number. Add it under DIDs first.";
        }

        if (did.IsConnected)
        {
            return $"{did.Number} is already connected; unconnect or swap it first.";
        }

        var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
        var terms = form.Terms();
        if (!Currencies.FitsMinorUnits(terms.SetupFee, client.Currency) || !Currencies.FitsMinorUnits(terms.MonthlyFee, client.Currency))
        {
            return $"Fees in {client.Currency} have at most {Currencies.MinorUnits(client.Currency)} decimals.";
        }

        var now = clock.GetUtcNow();
        did.Connect(sub.Id, terms, now);
        if (form.ChargeSetupFee && terms.SetupFee > 0m)
        {
            db.LedgerEntries.Add(LedgerEntry.Record(
                client.ResellerId, client.Id, LedgerKind.Charge, terms.SetupFee, client.Currency,
                $"DID setup fee: {did.Number}", $"did-setup:{did.ConnectionId:N}", now, actors.Current()));
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The reseller's DID defaults, named here rather than left to the tenant filter, which lets the provider's staff see every reseller's.</summary>
    public async Task<DidTerms> DefaultTermsAsync(Guid resellerId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var defaults = await db.DidDefaults.SingleOrDefaultAsync(d => d.ResellerId == resellerId, ct);
        return defaults?.TermsFor(today) ?? new DidTerms(0m, 0m, 0m, today);
    }
}
