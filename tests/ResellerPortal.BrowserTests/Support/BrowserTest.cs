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

    /// <summary>Signs in through the login form with the keyboard, as a person would.</summary>
    protected async Task SignInAsync(string email, string password = DemoSeeder.DefaultPassword)
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
