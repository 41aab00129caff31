using System.Security.Cryptography;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Branding;

/// <summary>The kinds of image a reseller may upload, told by their bytes (never by the file's name or the browser's word).</summary>
public enum BrandImageType
{
    Png,
    Jpeg,
    WebP,
}

/// <summary>
/// One uploaded image of a reseller's client portal, in the database so every node serves it. Its
/// <see cref="Version"/> (a hash of the bytes) is part of its URL, so the URL can be cached for good.
/// Not audited: <see cref="BrandSettings"/> records the version that is shown.
/// </summary>
public sealed class BrandImage : ITenantOwned
{
    private BrandImage()
    {
        ContentType = string.Empty;
        Bytes = [];
        Version = string.Empty;
    }

    public BrandImage(Guid resellerId, BrandImageSlot slot, BrandImageType type, byte[] bytes, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ResellerId = resellerId;
        Slot = slot;
        ContentType = string.Empty;
        Bytes = [];
        Version = string.Empty;
        Replace(type, bytes, now);
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public BrandImageSlot Slot { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Bytes { get; private set; }

    public string Version { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    public void Replace(BrandImageType type, byte[] bytes, DateTimeOffset now)
    {
        ContentType = ContentTypeOf(type);
        Bytes = bytes;
        Version = VersionOf(bytes);
        UploadedAt = now;
    }

    public static string ContentTypeOf(BrandImageType type) => type switch
    {
        BrandImageType.Png => "image/png",
        BrandImageType.Jpeg => "image/jpeg",
        BrandImageType.WebP => "image/webp",
    };

    /// <summary>The first 16 hex digits of the bytes' SHA-256: a new image gets a new URL.</summary>
    public static string VersionOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    /// <summary>
    /// The image's real type from its first bytes (PNG, JPEG and WebP signatures), or null. SVG is not an
    /// image type here: it is a document that can carry script, and nothing else is read as an image.
    /// </summary>
    public static BrandImageType? Detect(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (bytes.StartsWith(png))
        {
            return BrandImageType.Png;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return BrandImageType.Jpeg;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return BrandImageType.WebP;
        }

        return null;
    }
}
