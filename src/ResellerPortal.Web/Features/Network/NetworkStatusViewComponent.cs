using Microsoft.AspNetCore.Mvc;

namespace ResellerPortal.Web.Features.Network;

/// <summary>The coloured dot and text of §9 in the top bar, linking to the status page in a new tab.</summary>
public sealed class NetworkStatusViewComponent(NetworkStatusCache cache) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("~/Features/Network/_NetworkStatus.cshtml", await cache.GetAsync(HttpContext.RequestAborted));
}
