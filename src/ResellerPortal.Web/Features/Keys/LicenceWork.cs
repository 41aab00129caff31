using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>An activation with work to do, and its reseller (found in the platform scope).</summary>
public sealed record LicenceJobItem(Guid ResellerId, Guid ActivationId);

/// <summary>What one activation or installation run ended as.</summary>
public enum LicenceWorkResult
{
    /// <summary>Another job holds it, or it is no longer in the phase.</summary>
    Skipped,
    Succeeded,
    Refused,
    GaveUp,
}

/// <summary>
/// The two phases of §4 for one activation, as the jobs run them in the reseller's scope: call the
/// key server until it gives a key, refuses, or the deadline passes; then install the key on the
/// instance over XML-RPC the same way. The activation is leased first (row version), so two nodes
/// or two runs never work on it at once, and every call is recorded as it ends.
/// </summary>
public sealed class LicenceWork(
    PortalDbContext db,
    LicenceCalls calls,
    LicenceRetries retries,
    LicenceSecrets secrets,
    IOptions<LicensingOptions> options,
    TimeProvider clock,
    ILogger<LicenceWork> logger)
{
    private LicensingOptions Options => options.Value;

    /// <summary>Activations in <paramref name="status"/> (platform scope): the jobs' work list.</summary>
    public Task<List<LicenceJobItem>> DueAsync(ActivationStatus status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.LicenceActivations.AsNoTracking()
            .Where(a => a.Status == status && (a.LeaseUntil == null || a.LeaseUntil < now))
            .OrderBy(a => a.LastChangedAt)
            .Select(a => new LicenceJobItem(a.ResellerId, a.Id))
            .ToListAsync(ct);
    }

    public async Task<LicenceWorkResult> ActivateAsync(Guid activationId, CancellationToken ct)
    {
        var activation = await LeaseAsync(activationId, ActivationStatus.Pending, ct);
        if (activation is null)
        {
            return LicenceWorkResult.Skipped;
        }

        var key = await db.PrepurchasedKeys.AsNoTracking().SingleAsync(k => k.Id == activation.PpkId, ct);
        var email = await db.Resellers.Where(r => r.Id == activation.ResellerId).Select(r => r.LicenceEmail).SingleAsync(ct);
        if (!Uri.TryCreate(Options.KeyServerUrl, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            return await GiveUpAsync(activation, "No key server is configured (Licensing:KeyServerUrl)", ct);
        }

        var url = KeyServerRequest.ActivationUrl(server, activation.EndUser, email ?? Options.DefaultEmail, Ppk.FromText(secrets.UnprotectPpk(key.TextProtected)));
        var result = await CallUntilDeadlineAsync(activation, LicencePhase.Activation, token => calls.ActivateAsync(url, token), ct);
        if (result is null)
        {
            return LicenceWorkResult.GaveUp;
        }

        var now = clock.GetUtcNow();
        if (result is { Outcome: AttemptOutcome.Succeeded, Reply.LicenceKey: { } licenceKey })
        {
            activation.RecordActivated(result.Reply, secrets.ProtectLicence(licenceKey), now, Options.Deadline);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Key {Ppk} activated for instance {Instance}, licence until {ExpiresOn}", key.Masked, activation.InstanceName, activation.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return LicenceWorkResult.Succeeded;
        }

        activation.RecordRefused(result.Describe(), now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Key {Ppk} refused by the key server: {Reason}", key.Masked, activation.FailureReason);
        return LicenceWorkResult.Refused;
    }

    public async Task<LicenceWorkResult> InstallAsync(Guid activationId, CancellationToken ct)
    {
        var activation = await LeaseAsync(activationId, ActivationStatus.Activated, ct);
        if (activation is null)
        {
            return LicenceWorkResult.Skipped;
        }

        var endpoint = Options.InstanceRpcUrl.Replace("{name}", Uri.EscapeDataString(activation.InstanceName), StringComparison.Ordinal);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var rpc) || rpc.Scheme is not ("http" or "https"))
        {
            return await GiveUpAsync(activation, "No instance XML-RPC endpoint is configured (Licensing:InstanceRpcUrl)", ct);
        }

        if (activation.InstanceId is null)
        {
            return await GiveUpAsync(activation, "The instance has been deleted", ct);
        }

        var licenceKey = secrets.UnprotectLicence(activation.LicenceKeyProtected!);
        var result = await CallUntilDeadlineAsync(activation, LicencePhase.Installation, token => calls.InstallAsync(rpc, activation.InstanceName, licenceKey, token), ct);
        if (result is null)
        {
            return LicenceWorkResult.GaveUp;
        }

        var now = clock.GetUtcNow();
        if (result.Outcome == AttemptOutcome.Succeeded)
        {
            activation.RecordInstalled(now);
            // QueueMetrics licences replace each other: the one just installed is in force, the earlier ones are gone.
            var replaced = await db.LicenceActivations
                .Where(a => a.InstanceId == activation.InstanceId && a.Id != activation.Id && a.Status == ActivationStatus.Installed)
                .ToListAsync(ct);
            foreach (var earlier in replaced)
            {
                earlier.RecordReplaced(now);
            }

            await db.SaveChangesAsync(ct);
            logger.LogInformation("Licence installed on instance {Instance}, replacing {Replaced} earlier licence(s)", activation.InstanceName, replaced.Count);
            return LicenceWorkResult.Succeeded;
        }

        activation.RecordInstallationRefused("The instance refused the key: " + result.Describe(), now);
        await db.SaveChangesAsync(ct);
        return LicenceWorkResult.Refused;
    }

    /// <summary>Loads and leases the activation if it is in <paramref name="phase"/>; null when someone else has it.</summary>
    private async Task<LicenceActivation?> LeaseAsync(Guid activationId, ActivationStatus phase, CancellationToken ct)
    {
        var activation = await db.LicenceActivations.SingleOrDefaultAsync(a => a.Id == activationId, ct);
        var now = clock.GetUtcNow();
        if (activation is null || activation.Status != phase)
        {
            return null;
        }

        if (activation.IsPastDeadline(now) && (activation.LeaseUntil is null || activation.LeaseUntil < now))
        {
            // Left behind (a node stopped mid-way): it is failed, retry possible, not lost.
            await GiveUpAsync(activation, "The deadline passed while no job was working on it", ct);
            return null;
        }

        // Held until just past the deadline: a node that dies mid-way releases it by itself.
        if (!activation.TryLease(now, activation.Deadline - now + Options.AttemptTimeout))
        {
            return null;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return activation;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>The call, retried until it settles; null when the deadline passed first (the activation is then given up).</summary>
    private async Task<CallResult?> CallUntilDeadlineAsync(LicenceActivation activation, LicencePhase phase, Func<CancellationToken, Task<CallResult>> call, CancellationToken ct)
    {
        try
        {
            return await retries.RunAsync(
                call,
                (started, duration, attempt) => RecordAttemptAsync(activation, phase, started, duration, attempt, ct),
                Options,
                activation.Deadline,
                ct);
        }
        catch (DeadlinePassedException ex)
        {
            await GiveUpAsync(activation, ex.Reason, ct);
            return null;
        }
    }

    private async Task RecordAttemptAsync(LicenceActivation activation, LicencePhase phase, DateTimeOffset started, TimeSpan duration, CallResult result, CancellationToken ct)
    {
        db.LicenceAttempts.Add(new LicenceAttempt(activation.ResellerId, activation.Id, phase, started, duration, result.Outcome, result.StatusLine, result.Detail));
        await db.SaveChangesAsync(ct);
    }

    private async Task<LicenceWorkResult> GiveUpAsync(LicenceActivation activation, string reason, CancellationToken ct)
    {
        activation.RecordGaveUp(reason, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return LicenceWorkResult.Skipped;
        }

        logger.LogWarning("Licence work for instance {Instance} gave up: {Reason}", activation.InstanceName, reason);
        return LicenceWorkResult.GaveUp;
    }
}
