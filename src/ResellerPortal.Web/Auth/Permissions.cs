using Microsoft.AspNetCore.Authorization;

namespace ResellerPortal.Web.Auth;

/// <summary>
/// Asks the named policies of <see cref="Policies"/> about the current user, for use cases and views
/// (<c>@inject Permissions Can</c>) that change what they do or show by permission. Roles are never
/// named outside <see cref="Policies"/>.
/// </summary>
public sealed class Permissions(IHttpContextAccessor http, IAuthorizationService authorization)
{
    public async Task<bool> AllowsAsync(string policy)
    {
        var user = http.HttpContext?.User;
        return user is not null && (await authorization.AuthorizeAsync(user, policy)).Succeeded;
    }
}
