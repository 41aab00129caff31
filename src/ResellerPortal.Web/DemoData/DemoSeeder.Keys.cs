using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Web.DemoData;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Alpha's key stock in every status (§4): available keys of several sizes, one activation
    /// pending and one activated (the jobs finish them against the simulators when <c>./run.sh</c>
    /// runs), one refused, one failed with retry possible, and installed licences on two instances,
    /// one of them expiring within 14 days. Beta has two available keys.
    /// </summary>
    private async Task SeedKeysAsync(Reseller alpha, Reseller beta, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        alpha.SetLicenceEmail("licences@alpha-telecom.example.com");

        PrepurchasedKey Key(Reseller reseller, string id, int agents, int days)
        {
            var ppk = Ppk.FromText($"XQI-{reseller.Slug.ToUpperInvariant()}-{id}:QM-{agents}/1/{days}");
            var key = PrepurchasedKey.Import(reseller.Id, ppk, licenceSecrets.ProtectPpk(ppk.Text), now.AddDays(-40), "demo-seed");
            db.PrepurchasedKeys.Add(key);
            return key;
        }

        foreach (var (id, agents, days) in new[] { ("7KD2M9QX4TLA1", 10, 365), ("7KD2M9QX4TLA2", 25, 365), ("7KD2M9QX4TLA3", 50, 90), ("7KD2M9QX4TLA4", 100, 365), ("7KD2M9QX4TLA5", 200, 30) })
        {
            Key(alpha, id, agents, days);
        }

        Key(beta, "2PW8RVN3K5HB1", 10, 365);
        Key(beta, "2PW8RVN3K5HB2", 50, 365);

        var targets = await db.Instances
            .Where(i => i.ResellerId == alpha.Id && i.State == ClientState.Sold && i.Mode == ClientMode.On && i.ProvisionedAt != null && i.MaxAgents <= 100)
            .OrderBy(i => i.Name)
            .Take(6)
            .ToListAsync(ct);
        if (targets.Count < 6)
        {
            return;
        }

        LicenceActivation Activation(Instance instance, string id, int days, DateTimeOffset requestedAt)
        {
            var key = Key(alpha, id, 100, days);
            var activation = LicenceActivation.Request(key, instance.Id, instance.Name, instance.LongName, instance.MaxAgents, requestedAt, TimeSpan.FromMinutes(5), "Alpha Owner");
            db.LicenceActivations.Add(activation);
            return activation;
        }

        void Activate(LicenceActivation activation, DateOnly expiresOn, DateTimeOffset at)
        {
            var licence = DemoLicenceKey(activation.PpkId);
            var reply = KeyServerReply.Parse(string.Join('\n',
                "S:OK",
                "D:" + at.UtcDateTime.ToString(KeyServerReply.DateTimeFormat, CultureInfo.InvariantCulture),
                "K:" + licence,
                "I:" + at.UtcDateTime.ToString(KeyServerReply.DateTimeFormat, CultureInfo.InvariantCulture),
                "X:" + expiresOn.ToString(KeyServerReply.DateFormat, CultureInfo.InvariantCulture),
                "M:R"));
            activation.RecordActivated(reply, licenceSecrets.ProtectLicence(licence), at, TimeSpan.FromMinutes(5));
            db.LicenceAttempts.Add(new LicenceAttempt(activation.ResellerId, activation.Id, LicencePhase.Activation, at, TimeSpan.FromMilliseconds(184), AttemptOutcome.Succeeded, "S:OK", null));
        }

        void Install(LicenceActivation activation, DateTimeOffset at)
        {
            activation.RecordInstalled(at);
            db.LicenceAttempts.Add(new LicenceAttempt(activation.ResellerId, activation.Id, LicencePhase.Installation, at, TimeSpan.FromMilliseconds(92), AttemptOutcome.Succeeded, "OK", null));
        }

        var installed = Activation(targets[0], "7KD2M9QX4TLB1", 365, now.AddDays(-30));
        Activate(installed, today.AddDays(335), now.AddDays(-30));
        Install(installed, now.AddDays(-30));

        var expiring = Activation(targets[1], "7KD2M9QX4TLB2", 90, now.AddDays(-81));
        Activate(expiring, today.AddDays(9), now.AddDays(-81));
        Install(expiring, now.AddDays(-81));

        var refused = Activation(targets[2], "7KD2M9QX4TLB3", 365, now.AddDays(-2));
        refused.RecordRefused("Key not found U:4711", now.AddDays(-2));
        db.LicenceAttempts.Add(new LicenceAttempt(alpha.Id, refused.Id, LicencePhase.Activation, now.AddDays(-2), TimeSpan.FromMilliseconds(140), AttemptOutcome.Refused, "S:KO - Key not found U:4711", "Key not found U:4711"));

        var failed = Activation(targets[3], "7KD2M9QX4TLB4", 365, now.AddDays(-1));
        db.LicenceAttempts.Add(new LicenceAttempt(alpha.Id, failed.Id, LicencePhase.Activation, now.AddDays(-1), TimeSpan.FromSeconds(10), AttemptOutcome.TimedOut, null, "No answer within 10 s"));
        failed.RecordGaveUp("No usable answer before the deadline; the last attempt: No answer within 10 s", now.AddDays(-1));

        // Finished by the jobs against the simulators under ./run.sh.
        Activation(targets[4], "7KD2M9QX4TLB5", 365, now);
        var activated = Activation(targets[5], "7KD2M9QX4TLB6", 365, now.AddMinutes(-1));
        Activate(activated, today.AddDays(365), now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A licence key in the key server's style: groups of eight hex digits, 71 characters, the same for the same key.</summary>
    private static string DemoLicenceKey(Guid ppkId)
    {
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ppkId.ToString())));
        return string.Join('-', Enumerable.Range(0, 8).Select(i => hex.Substring(i * 8, 8)));
    }
}
