namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Answers 400 to a request whose path, query string or form fields hold a NUL or other control
/// character (tab and line breaks excepted in form fields, where text areas send them) before anything
/// else reads it: the file system APIs behind static files and views throw on such paths, and
/// PostgreSQL refuses NUL in text, so one check here covers every filter, search and form.
/// </summary>
public sealed class MalformedPathMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (path is not null && path.Any(char.IsControl))
        {
            await RefuseAsync(context, "the address contains control characters");
            return;
        }

        if (request.Query.Any(p => HasControl(p.Key, allowLineBreaks: false) || p.Value.Any(v => HasControl(v, allowLineBreaks: false))))
        {
            await RefuseAsync(context, "the query string contains control characters");
            return;
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                await RefuseAsync(context, "the form could not be read");
                return;
            }

            if (form.Any(f => HasControl(f.Key, allowLineBreaks: false) || f.Value.Any(v => HasControl(v, allowLineBreaks: true))))
            {
                await RefuseAsync(context, "a form field contains control characters");
                return;
            }
        }

        await next(context);
    }

    private static bool HasControl(string? value, bool allowLineBreaks) =>
        value is not null && value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n'));

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"Bad request: {reason}.");
    }
}
