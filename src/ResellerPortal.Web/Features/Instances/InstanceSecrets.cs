using Microsoft.AspNetCore.DataProtection;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// Encrypts the instance secrets (K-ApiKey, the demoadmin password until provisioning takes it)
/// with the cluster's Data Protection keys, so they are never stored in clear.
/// </summary>
public sealed class InstanceSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ResellerPortal.Instances.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>What the edit form shows of a secret: its last four characters at most.</summary>
    public string Mask(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret))
        {
            return string.Empty;
        }

        var clear = Unprotect(protectedSecret);
        return clear.Length <= 4 ? new string('•', clear.Length) : new string('•', 8) + clear[^4..];
    }
}
