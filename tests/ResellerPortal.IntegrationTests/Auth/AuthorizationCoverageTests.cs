using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Features.Account;
using ResellerPortal.Web.Features.Error;

namespace ResellerPortal.IntegrationTests.Auth;

/// <summary>Every action either names a policy or role, or is on the short list of pages anyone may open.</summary>
public sealed class AuthorizationCoverageTests
{
    private static readonly HashSet<string> AllowedAnonymous =
    [
        $"{nameof(AccountController)}.{nameof(AccountController.Login)}",
        $"{nameof(AccountController)}.{nameof(AccountController.AccessDenied)}",
        $"{nameof(ErrorController)}.{nameof(ErrorController.Error)}",
        $"{nameof(ErrorController)}.{nameof(ErrorController.Status)}",
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
