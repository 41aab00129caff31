namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Answers 400 to a path holding a NUL or other control character before anything else reads it
/// (the file system APIs behind static files and views throw on such paths).
/// </summary>
public sealed class MalformedPathMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Any(char.IsControl))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("Bad request: the address contains control characters.");
        }

        return next(context);
    }
}
