using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ResellerPortal.Web.Features.Acting;

/// <summary>
/// Refuses an action while its user is someone acting as another login (§8): changing the password, the e-mail or
/// two-factor settings and creating API keys belong to the login's owner. The answer is a 403 page that says why
/// and offers the way back; nothing runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class NotWhileActingAttribute : Attribute, IAuthorizationFilter
{
    public const string ViewName = "/Features/Acting/NotWhileActing.cshtml";

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.User.IsActing())
        {
            context.Result = new ViewResult { ViewName = ViewName, StatusCode = StatusCodes.Status403Forbidden };
        }
    }
}
