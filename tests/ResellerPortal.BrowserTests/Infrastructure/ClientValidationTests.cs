using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Infrastructure;

/// <summary>
/// The validators' simple rules answer in the browser: a form in error is flagged next to its fields,
/// in the server's words, and nothing is posted until it is corrected; on a page and in an htmx modal.
/// </summary>
public sealed partial class ClientValidationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task An_empty_required_field_and_a_malformed_email_are_flagged_before_anything_is_posted()
    {
        await SignInAsync(DemoSeeder.AdminEmail);
        await Expect(Page).ToHaveURLAsync(Url("/admin/resellers"));
        var beta = await ResellerIdAsync("beta");
        var newLogin = Url($"/admin/resellers/{beta}/users/new");
        await Page.GotoAsync(newLogin);
        var posts = CountPosts();

        var email = Page.GetByLabel("Email (login)");
        var name = Page.GetByLabel("Name", new() { Exact = true });
        await email.FillAsync("not-an-email");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.Locator("span[data-valmsg-for=Email]")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(Page.Locator("span[data-valmsg-for=DisplayName]")).ToHaveTextAsync("Enter the person's name.");
        // The same places and classes as the server's own errors.
        await Expect(Page.Locator("span[data-valmsg-for=Email]")).ToHaveClassAsync(ErrorMessageClass());
        await Expect(email).ToHaveClassAsync(ErrorFieldClass());
        await Expect(name).ToHaveClassAsync(ErrorFieldClass());
        await Expect(email).ToBeFocusedAsync();
        await ScreenshotAsync("client-validation-login-form");
        Assert.Empty(posts);
        Assert.Equal(newLogin, Page.Url);

        await email.FillAsync("new.login@beta.example");
        await name.FillAsync("New Login");
        await Page.GetByLabel("Role").SelectOptionAsync("ResellerAdmin");
        await Page.GetByLabel("Initial password").FillAsync("long enough 1");
        await Expect(Page.Locator("span[data-valmsg-for=Email]")).ToHaveTextAsync(string.Empty);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url($"/admin/resellers/{beta}"));
        Assert.Equal([newLogin], posts);
        await Expect(Page.Locator("main")).ToContainTextAsync("new.login@beta.example");
    }

    [Fact]
    public async Task The_instance_modal_that_htmx_loads_is_checked_before_it_is_posted()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Expect(Page).ToHaveURLAsync(Url("/dashboard"));
        await Page.GotoAsync("/instances");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New instance" }).ClickAsync();
        var modal = Page.Locator("#instance-modal");
        await Expect(modal).ToBeVisibleAsync();
        var posts = CountPosts();

        var password = modal.GetByLabel("Administrator password (demoadmin and uploader)");
        await modal.GetByLabel("Client (instance name)").FillAsync("client-checked");
        await modal.GetByLabel("Operator").SelectOptionAsync(new SelectOptionValue { Label = "US" });
        await password.FillAsync("short");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(modal.Locator("span[data-valmsg-for=LongName]")).ToHaveTextAsync("Enter the customer's full company name.");
        await Expect(modal.Locator("span[data-valmsg-for=Password]")).ToHaveTextAsync("The password must be at least 8 characters long.");
        await Expect(modal.GetByLabel("Long name")).ToHaveClassAsync(ErrorFieldClass());
        await ScreenshotAsync("client-validation-instance-modal");
        Assert.Empty(posts);
        await Expect(modal).ToBeVisibleAsync();
        // Nothing was sent, so closing the modal still asks before the typed values are discarded.
        await Expect(modal.Locator("form[data-dirty-watch]")).ToHaveAttributeAsync("data-submitting", "false");

        await modal.GetByLabel("Long name").FillAsync("Client Checked Ltd");
        await password.FillAsync("Strong-pass-42");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/instances?q=client-checked"));
        Assert.Equal([Url("/instances/new")], posts);
        await Expect(Page.Locator("[data-instance=client-checked]")).ToBeVisibleAsync();
    }

    /// <summary>Every POST the page sends from now on, by address.</summary>
    private ConcurrentQueue<string> CountPosts()
    {
        var posts = new ConcurrentQueue<string>();
        Page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Enqueue(request.Url);
            }
        };
        return posts;
    }

    private async Task<Guid> ResellerIdAsync(string slug)
    {
        await using var scope = Fixture.Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        return await db.Resellers.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync();
    }

    [GeneratedRegex(@"\binput-validation-error\b")]
    private static partial Regex ErrorFieldClass();

    [GeneratedRegex(@"\bfield-validation-error\b")]
    private static partial Regex ErrorMessageClass();
}
