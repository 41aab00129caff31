using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>The staff side of the client portal: a client's invitation, a reseller's host names.</summary>
public sealed class PortalAdminController(ClientLogins logins, ResellerHostnames hostnames) : Controller
{
    [Authorize(Policy = Policies.RecordEditors)]
    [HttpPost("/clients/{id:guid}/portal-invite")]
    public Task<IActionResult> Invite(Guid id, CancellationToken ct) =>
        this.ActAsync(() => logins.InviteAsync(id, ct),
            done: c => new GoTo($"/clients/{id}#portal-access", $"A set-password link was sent to {c.Email}."),
            back: $"/clients/{id}#portal-access");

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("/admin/resellers/{id:guid}/hostnames")]
    public Task<IActionResult> AddHostname(Guid id, HostnameForm form, CancellationToken ct) =>
        this.ActAsync(() => hostnames.AddAsync(id, form, ct),
            done: h => new GoTo($"/admin/resellers/{id}#hostnames", $"{h.Hostname} was added; verify it once it points at the portal."),
            back: $"/admin/resellers/{id}#hostnames");

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("/admin/resellers/{id:guid}/hostnames/{hostnameId:guid}/verify")]
    public Task<IActionResult> VerifyHostname(Guid id, Guid hostnameId, CancellationToken ct) =>
        this.ActAsync(() => hostnames.VerifyAsync(id, hostnameId, ct),
            done: h => new GoTo($"/admin/resellers/{id}#hostnames", $"{h.Hostname} is verified."),
            back: $"/admin/resellers/{id}#hostnames");

    [Authorize(Policy = Policies.PlatformAdmin)]
    [HttpPost("/admin/resellers/{id:guid}/hostnames/{hostnameId:guid}/remove")]
    public Task<IActionResult> RemoveHostname(Guid id, Guid hostnameId, CancellationToken ct) =>
        this.ActAsync(() => hostnames.RemoveAsync(id, hostnameId, ct),
            done: _ => new GoTo($"/admin/resellers/{id}#hostnames", "The host name was removed."),
            back: $"/admin/resellers/{id}#hostnames");
}
