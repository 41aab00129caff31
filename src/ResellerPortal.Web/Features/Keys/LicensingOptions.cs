namespace ResellerPortal.Web.Features.Keys;

/// <summary>The key server, the instances' XML-RPC endpoint and how hard to try them (§4, section "Licensing").</summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary>The key server's <c>licence_wsvc_gen.do</c> address; empty: activations fail with "not configured".</summary>
    public string KeyServerUrl { get; set; } = string.Empty;

    /// <summary>The instances' XML-RPC endpoint; <c>{name}</c> is replaced with the instance's name.</summary>
    public string InstanceRpcUrl { get; set; } = string.Empty;

    /// <summary><c>K_email</c> for resellers that have not set their own licence address.</summary>
    public string DefaultEmail { get; set; } = "licences@localhost";

    /// <summary>How long one call may take before it counts as timed out and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a phase (activation, installation) keeps retrying before it is "failed, retry possible".</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between attempts; it doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the jobs look for work that no request triggered (a node restarted, a lease ran out).</summary>
    public int PollSeconds { get; set; } = 15;

    /// <summary>A request enqueues the licence jobs at once; false leaves them to the poll (tests that run the work themselves).</summary>
    public bool TriggerOnRequest { get; set; } = true;

    /// <summary>How many activations (or installations) one job run works on at once.</summary>
    public int MaxParallel { get; set; } = 4;
}
