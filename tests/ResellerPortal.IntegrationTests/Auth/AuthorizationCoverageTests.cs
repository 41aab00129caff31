using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Features.Branding;
using ResellerPortal.Web.Features.ClientPortal;
using ResellerPortal.Web.Features.Error;
using ResellerPortal.Web.Features.Security;

namespace ResellerPortal.IntegrationTests.Auth;

/// <summary>Every action either names a policy or role, or is on the short list of pages anyone may open.</summary>
public sealed class AuthorizationCoverageTests
{
    private static readonly HashSet<string> AllowedAnonymous =
    [
        $"{nameof(AccountController)}.{nameof(AccountController.Login)}",
        $"{nameof(AccountController)}.{nameof(AccountController.AccessDenied)}",
        $"{nameof(AccountController)}.{nameof(AccountController.LoginCode)}",
        $"{nameof(AccountController)}.{nameof(AccountController.LoginRecovery)}",
        $"{nameof(ErrorController)}.{nameof(ErrorController.Error)}",
        $"{nameof(ErrorController)}.{nameof(ErrorController.Status)}",
        // The client portal's doors (issue 12): a client is not signed in yet when it uses them.
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Login)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Connect)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Logout)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Signup)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.SignupDone)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Forgot)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.Reset)}",
        $"{nameof(ClientAccountController)}.{nameof(ClientAccountController.SetPassword)}",
        // A reseller's brand is public: its client login page shows it before anyone signs in.
        $"{nameof(BrandAssetsController)}.{nameof(BrandAssetsController.Stylesheet)}",
        $"{nameof(BrandAssetsController)}.{nameof(BrandAssetsController.Image)}",
        // The invitation's link is the proof of who sets the password (§1).
        $"{nameof(ResellerPortal.Web.Features.Users.PasswordController)}.{nameof(ResellerPortal.Web.Features.Users.PasswordController.SetPassword)}",
    ];

    /// <summary>Support reads everything and changes nothing (§1): the only POSTs its policies let through.</summary>
    private static readonly string[] SupportMayPost =
    [
        $"{nameof(AccountController)}.{nameof(AccountController.Logout)}",
        // Acting as a reseller's staff (§8) and the own password change.
        $"{nameof(ResellerPortal.Web.Features.Acting.ActingController)}.{nameof(ResellerPortal.Web.Features.Acting.ActingController.Start)}",
        $"{nameof(ResellerPortal.Web.Features.Acting.ActingController)}.{nameof(ResellerPortal.Web.Features.Acting.ActingController.Stop)}",
        $"{nameof(ResellerPortal.Web.Features.Users.PasswordController)}.{nameof(ResellerPortal.Web.Features.Users.PasswordController.Change)}",
        // Every user's own two-factor sign-in (Support must enrol like the rest of the provider's staff).
        $"{nameof(SecurityController)}.{nameof(SecurityController.Enrol)}",
        $"{nameof(SecurityController)}.{nameof(SecurityController.RegenerateRecoveryCodes)}",
        $"{nameof(SecurityController)}.{nameof(SecurityController.Disable)}",
    ];

    public static TheoryData<string> Actions()
    {
        var data = new TheoryData<string>();
        foreach (var action in AllActions())
        {
            data.Add(Name(action));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Action_requires_a_policy_or_is_listed_as_anonymous(string name)
    {
        var action = AllActions().Single(a => Name(a) == name);
        var controller = action.DeclaringType!;
        var anonymous = action.GetCustomAttribute<AllowAnonymousAttribute>() ?? controller.GetCustomAttribute<AllowAnonymousAttribute>();
        var authorize = action.GetCustomAttributes<AuthorizeAttribute>().Concat(controller.GetCustomAttributes<AuthorizeAttribute>()).ToList();

        if (anonymous is not null)
        {
            Assert.Contains(name[..name.IndexOf('(', StringComparison.Ordinal)], AllowedAnonymous);
        }
        else
        {
            Assert.NotEmpty(authorize);
            Assert.All(authorize, a => Assert.False(string.IsNullOrEmpty(a.Policy) && string.IsNullOrEmpty(a.Roles), $"{name} has an [Authorize] without a policy or role"));
        }
    }

    [Fact]
    public async Task Support_is_refused_every_post_but_the_listed_ones()
    {
        await using var services = new ServiceCollection().AddLogging().AddAuthorizationCore(Policies.Register).BuildServiceProvider();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var support = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Support)], "test"));
        var allowed = new List<string>();

        foreach (var action in AllActions().Where(a => a.GetCustomAttributes().OfType<IActionHttpMethodProvider>().Any(m => m.HttpMethods.Contains("POST"))))
        {
            var controller = action.DeclaringType!;
            if ((action.GetCustomAttribute<AllowAnonymousAttribute>() ?? controller.GetCustomAttribute<AllowAnonymousAttribute>()) is not null)
            {
                continue;
            }

            var passes = true;
            foreach (var authorize in action.GetCustomAttributes<AuthorizeAttribute>().Concat(controller.GetCustomAttributes<AuthorizeAttribute>()))
            {
                passes &= authorize.Policy is { } policy
                    ? (await authorization.AuthorizeAsync(support, policy)).Succeeded
                    : authorize.Roles!.Split(',').Any(role => support.IsInRole(role.Trim()));
            }

            if (passes)
            {
                allowed.Add($"{controller.Name}.{action.Name}");
            }
        }

        Assert.Equal(SupportMayPost.Order(), allowed.Distinct().Order());
    }

    [Fact]
    public void The_scan_finds_the_portals_controllers() =>
        Assert.True(AllActions().Count() > 20);

    /// <summary>Controller.Action(parameter types), so overloads (GET and POST of a form) are told apart.</summary>
    private static string Name(MethodInfo action) =>
        $"{action.DeclaringType!.Name}.{action.Name}({string.Join(", ", action.GetParameters().Select(p => p.ParameterType.Name))})";

    private static IEnumerable<MethodInfo> AllActions() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.GetCustomAttribute<NonActionAttribute>() is null);
}
