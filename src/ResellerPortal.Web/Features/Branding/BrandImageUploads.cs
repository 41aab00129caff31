using System.Globalization;
using FluentValidation;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Branding;

/// <summary>An uploaded image that passed the checks: its slot, its real type and its bytes.</summary>
public sealed record CheckedImage(BrandImageSlot Slot, BrandImageType Type, byte[] Bytes)
{
    public string DataUri => $"data:{BrandImage.ContentTypeOf(Type)};base64,{Convert.ToBase64String(Bytes)}";
}

/// <summary>
/// Reads the branding form's uploads and checks each: not larger than <see cref="BrandingOptions.MaxImageBytes"/>,
/// and a PNG, JPEG or WebP by its bytes. The file's name and the browser's content type are never used (a
/// "logo.png" holding HTML is refused; a path in the name reaches nothing). SVG is refused: it can carry script.
/// </summary>
public static class BrandImageUploads
{
    public const string SvgRefusal = "SVG images are not accepted: an SVG file can carry script. Export the logo as PNG, JPEG or WebP.";

    /// <summary>The form's own rules, then its uploads (saving and previewing judge a form alike): the checked images, or every refusal.</summary>
    public static async Task<Result<IReadOnlyList<CheckedImage>>> CheckFormAsync(
        IValidator<BrandingForm> validator, BrandingForm form, int maxBytes, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var (images, refused) = await CheckAsync(form, maxBytes, ct);
        return refused.Count > 0 ? new Refusals(refused) : images;
    }

    private static async Task<(List<CheckedImage> Images, List<Refusal> Refusals)> CheckAsync(BrandingForm form, int maxBytes, CancellationToken ct)
    {
        var images = new List<CheckedImage>();
        var refusals = new List<Refusal>();
        foreach (var slot in Enum.GetValues<BrandImageSlot>())
        {
            if (form.Upload(slot) is not { } file || form.RemoveImages.Contains(slot))
            {
                continue;
            }

            var (image, refusal) = await CheckAsync(slot, file, maxBytes, ct);
            if (image is not null)
            {
                images.Add(image);
            }
            else
            {
                refusals.Add(refusal!);
            }
        }

        return (images, refusals);
    }

    private static async Task<(CheckedImage?, Refusal?)> CheckAsync(BrandImageSlot slot, IFormFile file, int maxBytes, CancellationToken ct)
    {
        var field = slot.ToString();
        // The name is never used (images are stored in the database under their slot), but a browser sends
        // only a file's own name: one with a path or control characters is a crafted request, refused as such.
        if (file.FileName.IndexOfAny(['/', '\\']) >= 0 || file.FileName.Contains("..", StringComparison.Ordinal) || file.FileName.Any(char.IsControl))
        {
            return (null, new Refusal(field, "The file's name looks like a path; choose the image file itself."));
        }

        if (file.Length == 0)
        {
            return (null, new Refusal(field, "The file is empty."));
        }

        if (file.Length > maxBytes)
        {
            return (null, new Refusal(field, string.Create(CultureInfo.InvariantCulture, $"The image is larger than {maxBytes / 1024} KB; choose a smaller one.")));
        }

        // Read at most one byte more than allowed, whatever the form claimed the length to be.
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream())
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return (null, new Refusal(field, string.Create(CultureInfo.InvariantCulture, $"The image is larger than {maxBytes / 1024} KB; choose a smaller one.")));
                }
            }
        }

        var bytes = buffer.ToArray();
        if (BrandImage.Detect(bytes) is { } type)
        {
            return (new CheckedImage(slot, type, bytes), null);
        }

        return (null, new Refusal(field, LooksLikeSvg(bytes) ? SvgRefusal : "This file is not a PNG, JPEG or WebP image (its content was checked, not its name)."));
    }

    private static bool LooksLikeSvg(byte[] bytes)
    {
        var head = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        return head.Contains("<svg", StringComparison.OrdinalIgnoreCase);
    }
}
