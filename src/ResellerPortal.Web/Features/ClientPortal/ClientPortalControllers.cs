using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Features.Acting;
using ResellerPortal.Web.Features.Users;
using ResellerPortal.Web.Tenancy;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>Resolves the reseller of <c>/c/{slug}</c> on this host (404 when none) before any action of the client portal.</summary>
public abstract class ClientPortalController : Controller
{
    protected ClientBrand Brand { get; private set; } = null!;

    protected string Base => "/c/" + Brand.Slug;

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var site = HttpContext.RequestServices.GetRequiredService<ClientPortalSite>();
        var brand = await site.ResolveAsync(HttpContext, RouteData.Values["slug"] as string, HttpContext.RequestAborted);
        if (brand is null)
        {
            context.Result = NotFound();
            return;
        }

        Brand = brand;
        ViewData["Base"] = Base;
        if (await BeforeAsync(context) is { } result)
        {
            context.Result = result;
            return;
        }

        await next();
    }

    protected abstract Task<IActionResult?> BeforeAsync(ActionExecutingContext context);

    /// <summary>True when the signed-in user is a client of this portal's reseller.</summary>
    protected bool IsOwnClient() =>
        User.GetClientId() is not null && User.GetResellerId() == Brand.ResellerId && User.Identity?.IsAuthenticated == true;
}

/// <summary>The client portal's doors (§7): login, direct login from the reseller's site, signup, forgotten password, set-password links.</summary>
[AllowAnonymous]
[Route("c/{slug}")]
public sealed class ClientAccountController(ClientSignIn signIn, ClientLogins logins, SignInManager<PortalUser> signInManager) : ClientPortalController
{
    protected override async Task<IActionResult?> BeforeAsync(ActionExecutingContext context)
    {
        var tenant = HttpContext.RequestServices.GetRequiredService<TenantContext>();
        if (User.Identity?.IsAuthenticated == true && !IsOwnClient() && HttpMethods.IsPost(Request.Method))
        {
            // Someone else's session (staff, or another reseller's client) is ended before it acts here:
            // this page works in this reseller's data only.
            await signInManager.SignOutAsync();
            return Redirect(Base + "/login");
        }

        if (!tenant.IsSet)
        {
            tenant.UseReseller(Brand.ResellerId);
        }

        return null;
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) =>
        IsOwnClient() ? Redirect(Base + "/") : View(new LoginInput { ReturnUrl = returnUrl });

    [HttpPost("login")]
    public Task<IActionResult> Login(LoginInput input, CancellationToken ct) =>
        this.SubmitAsync(input, () => signIn.HandleAsync(Brand.ResellerId, input, ct),
            done: _ => new GoTo(SafeReturn(input.ReturnUrl)),
            reshow: () =>
            {
                input.Password = string.Empty;
                return View(nameof(Login), input);
            });

    /// <summary>
    /// The form on the reseller's own website posts here, cross-site, without an antiforgery token: taken
    /// only from an Origin the reseller registered; any other or none is refused.
    /// </summary>
    [IgnoreAntiforgeryToken]
    [HttpPost("connect")]
    public async Task<IActionResult> Connect(LoginInput input, CancellationToken ct)
    {
        if (!ConnectForm.IsAllowed(Brand, Request.Headers.Origin.ToString()))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        input.ReturnUrl = null;
        return await Login(input, ct);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout([FromServices] UserManager<PortalUser> userManager, [FromServices] StopActing stopActing)
    {
        // Logging out while acting as the client (§8) ends the acting and the real person's sessions, never the client's.
        var real = User.Acting()?.RealUserId;
        if (real is not null)
        {
            await stopActing.HandleAsync(Domain.Acting.ActingEnd.SignedOut, HttpContext.RequestAborted);
        }

        if (User.Identity?.IsAuthenticated == true && await (real is null ? userManager.GetUserAsync(User) : userManager.FindByIdAsync(real.Value.ToString())) is { } user)
        {
            await userManager.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        return Redirect(Base + "/login");
    }

    [HttpGet("signup")]
    public IActionResult Signup() => Brand.SignupEnabled ? View(new SignupForm()) : NotFound();

    [EnableRateLimiting(ClientPortalRegistration.SignupPolicy)]
    [HttpPost("signup")]
    public async Task<IActionResult> Signup(SignupForm form, [FromServices] ClientSignup signup, [FromServices] SignupLimiter limiter, CancellationToken ct)
    {
        if (!Brand.SignupEnabled)
        {
            return NotFound();
        }

        if (!limiter.TryAcquire(Brand.ResellerId))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return await this.SubmitAsync(form, () => signup.HandleAsync(Brand, form, ct),
            done: _ => new GoTo(Base + "/signup/done"),
            reshow: () =>
            {
                form.Password = form.ConfirmPassword = string.Empty;
                return View(nameof(Signup), form);
            });
    }

    [HttpGet("signup/done")]
    public IActionResult SignupDone() => Brand.SignupEnabled ? View() : NotFound();

    [HttpGet("forgot-password")]
    public IActionResult Forgot() => Brand.ShowForgotPassword ? View(new ForgotPasswordForm()) : NotFound();

    [EnableRateLimiting(ClientPortalRegistration.SignupPolicy)]
    [HttpPost("forgot-password")]
    public Task<IActionResult> Forgot(ForgotPasswordForm form, CancellationToken ct) =>
        !Brand.ShowForgotPassword
            ? Task.FromResult<IActionResult>(NotFound())
            : this.SubmitAsync(form, () => logins.ForgotAsync(Brand.ResellerId, form, ct),
                done: _ => new GoTo(Base + "/login", "If this e-mail address has an account with us, we have sent it a link to choose a new password."),
                reshow: () => View(nameof(Forgot), form));

    [HttpGet("reset-password")]
    public IActionResult Reset(Guid user, string? token) => View("SetPassword", new SetPasswordForm { User = user, Token = token });

    [HttpGet("set-password")]
    public IActionResult SetPassword(Guid user, string? token)
    {
        ViewData["Invitation"] = true;
        return View("SetPassword", new SetPasswordForm { User = user, Token = token });
    }

    [HttpPost("reset-password")]
    [HttpPost("set-password")]
    public Task<IActionResult> SetPassword(SetPasswordForm form, CancellationToken ct) =>
        this.SubmitAsync(form, () => logins.SetPasswordAsync(Brand.ResellerId, form, ct),
            done: _ => new GoTo(Base + "/login", "Your password is set. Sign in with it."),
            reshow: () =>
            {
                form.Password = form.ConfirmPassword = string.Empty;
                return View("SetPassword", form);
            });

    private string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(Base + "/", StringComparison.Ordinal) ? returnUrl : Base + "/";
}

/// <summary>A signed-in client's own pages (§7). The client is the login's, never the URL's; elements the reseller hides are 404.</summary>
[Authorize(Policy = Policies.Client)]
[Route("c/{slug}")]
public sealed class ClientHomeController(ClientPages pages) : ClientPortalController
{
    private Guid ClientId => User.GetClientId()!.Value;

    protected override Task<IActionResult?> BeforeAsync(ActionExecutingContext context) =>
        Task.FromResult<IActionResult?>(
            // Another reseller's client is not signed in here: to this portal's login.
            !IsOwnClient() ? Redirect(Base + "/login")
            // An element the reseller hides from its clients is not there at all.
            : context.ActionDescriptor.EndpointMetadata.OfType<ClientElementAttribute>().Any(e => !Brand.VisibleElements.Contains(e.Element)) ? NotFound()
            : null);

    [HttpGet("")]
    public Task<IActionResult> Index(CancellationToken ct) =>
        this.ShowAsync(pages.SummaryAsync(ClientId, ct), client => View(new ClientHomeModel(Brand, client)));

    [HttpGet("transactions")]
    [ClientElement("transactions")]
    public Task<IActionResult> Transactions(int page = 1, CancellationToken ct = default) =>
        this.ShowAsync(pages.TransactionsAsync(ClientId, page, ct), p => View(p));

    [HttpGet("statements")]
    [ClientElement("statements")]
    public Task<IActionResult> Statements(CancellationToken ct) =>
        this.ShowAsync(pages.StatementsAsync(ClientId, ct), s => View(s.Months));

    [HttpGet("dids")]
    [ClientElement("dids")]
    public Task<IActionResult> Dids(CancellationToken ct) =>
        this.ShowAsync(pages.DidsAsync(ClientId, ct), d => View(d.Dids));

    [HttpGet("basket")]
    [ClientElement("basket")]
    public Task<IActionResult> Basket(CancellationToken ct) =>
        this.ShowAsync(pages.BasketAsync(ClientId, ct), b => View(b));

    [HttpGet("usage")]
    [ClientElement("usage")]
    public IActionResult Usage() => View();

    [HttpGet("profile")]
    [ClientElement("profile")]
    public Task<IActionResult> Profile([FromServices] ClientProfile profile, CancellationToken ct) =>
        this.ShowAsync(profile.FormAsync(ClientId, Brand, ct), f => View(new ProfileModel(f, new(), new())));

    [HttpPost("profile")]
    [ClientElement("profile")]
    public Task<IActionResult> Profile(ProfileForm form, [FromServices] ClientProfile profile, CancellationToken ct)
    {
        form.Shown = Brand.ShownFields;
        return this.SubmitAsync(form, () => profile.SaveAsync(ClientId, Brand, form, ct),
            done: _ => new GoTo(Base + "/profile", "Your details are saved."),
            reshow: () => View(nameof(Profile), new ProfileModel(form, new(), new())));
    }

    [NotWhileActing]
    [HttpPost("profile/password")]
    [ClientElement("profile")]
    public Task<IActionResult> ChangePassword(ChangePasswordForm password, [FromServices] ChangePassword change, [FromServices] ClientProfile profile, CancellationToken ct) =>
        this.SubmitAsync(password, () => change.HandleAsync(password, ct),
            done: _ => new GoTo(Base + "/profile", "Your password is changed."),
            reshow: async () => View(nameof(Profile), new ProfileModel((await profile.FormAsync(ClientId, Brand, ct)).Value, new(), new())),
            prefix: nameof(ProfileModel.Password));

    [NotWhileActing]
    [HttpPost("profile/email")]
    [ClientElement("profile")]
    public Task<IActionResult> ChangeEmail(EmailChangeForm email, [FromServices] ClientProfile profile, CancellationToken ct) =>
        this.SubmitAsync(email, () => profile.ChangeEmailAsync(User.GetUserId()!.Value, ClientId, email, ct),
            done: _ => new GoTo(Base + "/profile", "Your e-mail address is changed; sign in with it from now on."),
            reshow: async () => View(nameof(Profile), new ProfileModel((await profile.FormAsync(ClientId, Brand, ct)).Value, new(), new() { NewEmail = email.NewEmail })),
            prefix: nameof(ProfileModel.Email));

    /// <summary>When someone acted as this client (§8): who, when, why, what was changed in its name.</summary>
    [HttpGet("acted-as")]
    public Task<IActionResult> ActedAs([FromServices] ActedAs actedAs, CancellationToken ct) =>
        this.ShowAsync(actedAs.HandleAsync(ct), page => View(page));

}

/// <summary>The client page an action belongs to, among those the reseller may hide (§7, "Elements clients see"): hidden, it is a 404.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClientElementAttribute(string element) : Attribute
{
    public string Element { get; } = element;
}

public sealed record ClientHomeModel(ClientBrand Brand, ClientSummary Client);

public sealed record ProfileModel(ProfileForm Profile, ChangePasswordForm Password, EmailChangeForm Email);
