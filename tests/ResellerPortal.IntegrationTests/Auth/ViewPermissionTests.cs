using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ResellerPortal.IntegrationTests.Auth;

/// <summary>
/// Views ask named policies (<c>@inject ResellerPortal.Web.Auth.Permissions Can</c>, then
/// <c>await Can.AllowsAsync(Policies.X)</c>), never a role by name: what a role may do is decided once,
/// in Auth/Policies.cs. Showing the user's role as a label (<c>Roles.Label</c>) is not a check.
/// </summary>
public sealed partial class ViewPermissionTests
{
    public static TheoryData<string> Views()
    {
        var data = new TheoryData<string>();
        foreach (var view in Directory.EnumerateFiles(WebProject(), "*.cshtml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(WebProject(), view));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void A_view_asks_a_policy_not_a_role(string view)
    {
        var checks = RoleChecks(File.ReadAllText(Path.Combine(WebProject(), view)));

        Assert.True(checks.Count == 0, $"{view} checks a role by name ({string.Join(", ", checks)}); ask a policy: await Can.AllowsAsync(Policies.X)");
    }

    [Theory]
    [InlineData("@if (User.IsInRole(Roles.PlatformAdmin))")]
    [InlineData("@if (User.IsInRole(\"Support\"))")]
    [InlineData("var admin = role == Roles.ResellerAdmin;")]
    [InlineData("@if (role is Roles.PlatformAdmin or Roles.Support)")]
    [InlineData("@if (User.GetRole() == \"Client\")")]
    public void The_check_finds_a_role_named_in_a_view(string line) =>
        Assert.NotEmpty(RoleChecks(line));

    [Theory]
    [InlineData("@if (await Can.AllowsAsync(Policies.PlatformAdmin))")]
    [InlineData("<span class=\"badge\">@(role is null ? \"\" : Roles.Label(role))</span>")]
    public void The_check_lets_policies_and_role_labels_through(string line) =>
        Assert.Empty(RoleChecks(line));

    [Fact]
    public void The_scan_finds_the_portals_views() =>
        Assert.True(Directory.EnumerateFiles(WebProject(), "*.cshtml", SearchOption.AllDirectories).Count() > 30);

    private static List<string> RoleChecks(string text) => RoleCheck().Matches(text).Select(m => m.Value).ToList();

    /// <summary>IsInRole(...), Roles.X other than the display label, or the role string compared.</summary>
    [GeneratedRegex(@"IsInRole\s*\(|\bRoles\.(?!Label\b)\w+|GetRole\(\)\s*(==|!=|is\b|switch\b)")]
    private static partial Regex RoleCheck();

    private static string WebProject([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "ResellerPortal.Web"));
}
