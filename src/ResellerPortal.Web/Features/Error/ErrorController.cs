using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Features.Error;

/// <summary>Friendly error pages; never a stack trace outside Development.</summary>
[AllowAnonymous]
// A re-executed error page of a POST (a 403 or 404 answered to a form) is a POST too: it changes nothing,
// and without this the antiforgery filter would turn every such answer into a 400.
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error")]
    public IActionResult Error()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        // A write across tenants is answered like a missing record: nothing about the other tenant leaks.
        if (exception is TenantViolationException)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        if (exception is BadHttpRequestException bad)
        {
            return Status(bad.StatusCode);
        }

        return Status(StatusCodes.Status500InternalServerError);
    }

    [Route("/error/{code:int}")]
    public IActionResult Status(int code)
    {
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        ViewData["Title"] = Title(Response.StatusCode);
        return View("Status", new ErrorModel(Response.StatusCode, Title(Response.StatusCode), HttpContext.TraceIdentifier));
    }

    private static string Title(int code) => code switch
    {
        400 => "That request could not be understood",
        403 => "Access denied",
        404 => "Page not found",
        429 => "Too many requests",
        >= 500 => "Something went wrong",
        _ => "Request failed",
    };
}

public sealed record ErrorModel(int Code, string Title, string RequestId);
