using Microsoft.AspNetCore.DataProtection;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>Encrypts pre-purchased keys and licence keys at rest with the cluster's Data Protection keys.</summary>
public sealed class LicenceSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _keys = provider.CreateProtector("ResellerPortal.Licensing.Ppk.v1");
    private readonly IDataProtector _licences = provider.CreateProtector("ResellerPortal.Licensing.LicenceKey.v1");

    public string ProtectPpk(string text) => _keys.Protect(text);

    public string UnprotectPpk(string protectedText) => _keys.Unprotect(protectedText);

    public string ProtectLicence(string licenceKey) => _licences.Protect(licenceKey);

    public string UnprotectLicence(string protectedKey) => _licences.Unprotect(protectedKey);
}
