using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Users;

/// <summary>A ResellerAdmin's own staff logins (§1). Another reseller's logins and the provider's staff are not found here.</summary>
[Authorize(Policy = Policies.ResellerAdmin)]
[Route("users")]
public sealed class UsersController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListUsers list, CancellationToken ct) => View(await list.HandleAsync(ct));

    [HttpGet("new")]
    public async Task<IActionResult> Invite([FromServices] InviteUser invite, CancellationToken ct) =>
        View(await invite.DescribeAsync(new InviteForm(), ct));

    [HttpPost("new")]
    public Task<IActionResult> Invite(InviteForm form, [FromServices] InviteUser invite, CancellationToken ct) =>
        this.SubmitAsync(form, () => invite.HandleAsync(form, ct),
            done: user => new GoTo("/users", $"Invitation sent to {user.Email}."),
            reshow: async () => View(await invite.DescribeAsync(form, ct)));

    [HttpGet("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, [FromServices] SetUserAccess access, CancellationToken ct) =>
        this.ShowAsync(access.LoadAsync(id, ct), form => View(form));

    [HttpPost("{id:guid}/edit")]
    public Task<IActionResult> Edit(Guid id, AccessForm form, [FromServices] SetUserAccess access, CancellationToken ct) =>
        this.SubmitAsync(form, () => access.HandleAsync(id, form, ct),
            done: user => new GoTo("/users", $"{user.DisplayName} saved."),
            reshow: () => form.Email.Length == 0
                ? this.ShowAsync(access.DescribeAsync(id, form, ct), described => View(described))
                : Task.FromResult<IActionResult>(View(form)));

    [HttpPost("{id:guid}/disable")]
    public Task<IActionResult> Disable(Guid id, [FromServices] ChangeUserStatus status, CancellationToken ct) =>
        this.ActAsync(() => status.DisableAsync(id, ct), user => new GoTo("/users", $"{user.DisplayName} disabled; their sessions have ended."), back: "/users");

    [HttpPost("{id:guid}/enable")]
    public Task<IActionResult> Enable(Guid id, [FromServices] ChangeUserStatus status, CancellationToken ct) =>
        this.ActAsync(() => status.EnableAsync(id, ct), user => new GoTo("/users", $"{user.DisplayName} can sign in again."), back: "/users");

    [HttpPost("{id:guid}/invite")]
    public Task<IActionResult> Reinvite(Guid id, [FromServices] ChangeUserStatus status, CancellationToken ct) =>
        this.ActAsync(() => status.ReinviteAsync(id, ct), user => new GoTo("/users", $"A new invitation was sent to {user.Email}."), back: "/users");
}
