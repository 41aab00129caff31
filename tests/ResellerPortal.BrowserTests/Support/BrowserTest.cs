using Microsoft.Playwright;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Support;

/// <summary>
/// A test that drives a fresh browser context against the shared portal. Every page the test visits
/// must leave the console free of errors (CSP violations, failed script or style loads, script exceptions).
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private BrowserSession _session = null!;

    protected BrowserFixture Fixture { get; } = fixture;

    protected IPage Page => _session.Page;

    public async Task InitializeAsync()
    {
        _session = await Fixture.NewSessionAsync();
    }

    public async Task DisposeAsync()
    {
        await using (_session)
        {
            if (_session.Errors.Count > 0)
            {
                Assert.Fail("The browser console reported errors:\n" + string.Join('\n', _session.Errors));
            }
        }
    }

    /// <summary>
    /// Signs in through the login form with the keyboard, as a person would, and checks that it worked:
    /// the page after it is not the login page, and its top bar names the user and offers to log out.
    /// </summary>
    protected async Task SignInAsync(string email, string password = DemoSeeder.DefaultPassword)
    {
        await SubmitLoginAsync(email, password);
        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(nav.Locator("[data-current-user]")).ToHaveAttributeAsync("data-current-user", email);
        await Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    /// <summary>Fills and sends the login form with the keyboard, without judging the outcome (for refused logins).</summary>
    protected async Task SubmitLoginAsync(string email, string password)
    {
        await Page.GotoAsync("/account/login");
        var emailField = Page.GetByLabel("Email", new() { Exact = true });
        await Expect(emailField).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(email);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(password);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>The absolute address of a portal path, for URL expectations.</summary>
    protected string Url(string path) => new Uri(Fixture.Portal.BaseAddress, path).ToString();

    /// <summary>Saves a full-page screenshot to <c>TestResults/screenshots/{name}.png</c> under the test output folder.</summary>
    protected async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
