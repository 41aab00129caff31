using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ResellerPortal.Web.Features.Resellers;

/// <summary>Reads an uploaded SSL certificate (PEM or DER) to learn its expiry and check it covers the domain.</summary>
public static class CertificateFile
{
    public const long MaxBytes = 64 * 1024;

    public sealed record Reading(DateOnly? ExpiresOn, string? Problem);

    public static async Task<Reading> ReadAsync(IFormFile file, string domain, CancellationToken ct)
    {
        if (file.Length is 0 or > MaxBytes)
        {
            return new Reading(null, "Upload a certificate file (.pem, .crt, .cer or .der) of at most 64 KB.");
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".pem" or ".crt" or ".cer" or ".der"))
        {
            return new Reading(null, "Upload the certificate as a .pem, .crt, .cer or .der file.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        try
        {
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            using var certificate = text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
            if (!string.IsNullOrWhiteSpace(domain) && !certificate.MatchesHostname(domain, allowWildcards: true))
            {
                return new Reading(null, $"This certificate does not cover {domain}.");
            }

            return new Reading(DateOnly.FromDateTime(certificate.NotAfter.ToUniversalTime()), null);
        }
        catch (CryptographicException)
        {
            return new Reading(null, "This file is not a readable X.509 certificate.");
        }
    }
}
