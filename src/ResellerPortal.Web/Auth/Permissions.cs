using Microsoft.AspNetCore.Authorization;
using ResellerPortal.Web.UseCases;

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

    /// <summary>
    /// The refusal beside <paramref name="field"/> when the person really acting may not move money (§8: acting
    /// as a reseller's staff lends their pages, not money rights the actor lacks), or null when they may.
    /// Every use case that posts money by a person's hand asks this.
    /// </summary>
    public async Task<Refusal?> RefuseMoneyMoveAsync(string field) =>
        await AllowsAsync(Policies.MoneyMovers) ? null : new Refusal(field, Policies.NoMoneyRights);
}
