using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ResellerPortal.Web.DemoData;

/// <summary>
/// Writes small PNG images (a filled circle on a square) so the demo brand and the tests have real image bytes
/// without a binary file in the repository.
/// </summary>
public static class DemoPng
{
    public static byte[] Circle(int size, (byte R, byte G, byte B) background, (byte R, byte G, byte B) circle)
    {
        var raw = new byte[size * ((size * 3) + 1)];
        var centre = (size - 1) / 2.0;
        var radius = size * 0.38;
        for (var y = 0; y < size; y++)
        {
            var row = y * ((size * 3) + 1);
            raw[row] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                var inside = ((x - centre) * (x - centre)) + ((y - centre) * (y - centre)) <= radius * radius;
                var (r, g, b) = inside ? circle : background;
                raw[row + 1 + (x * 3)] = r;
                raw[row + 2 + (x * 3)] = g;
                raw[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            WriteChunk(png, "IDAT", compressed.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
