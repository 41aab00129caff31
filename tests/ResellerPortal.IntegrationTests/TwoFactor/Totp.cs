using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace ResellerPortal.IntegrationTests.TwoFactor;

/// <summary>
/// RFC 6238 as an authenticator app computes it: HMAC-SHA1 of the 30-second step since the Unix epoch, dynamic
/// truncation (RFC 4226), 6 digits. Identity checks codes against the real clock (its TOTP reads DateTime.UtcNow,
/// not the portal's TimeProvider), so the test computes them from the real clock too, as the phone would.
/// </summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // SHA-1 is what RFC 6238 and every authenticator app use here.
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is none of those Identity accepts now (it allows two steps either side).</summary>
    public static string WrongCode(string base32Key)
    {
        var accepted = Enumerable.Range(-2, 5).Select(i => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30 * i))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7), ignoring spaces, case and padding, as the apps read a typed key.</summary>
    public static byte[] Base32(string key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = key.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }

        return [.. bytes];
    }
}
