using Microsoft.Playwright;
using ResellerPortal.Simulators;
using ResellerPortal.Tests.Shared;

namespace ResellerPortal.BrowserTests.Support;

/// <summary>
/// One PostgreSQL cluster, one demo-seeded portal on Kestrel and one headless Chromium for the whole run.
/// Each test gets its own browser context (its own cookies) from <see cref="NewSessionAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Playwright's own browser download does not work here: Debian's Chromium is used instead.</summary>
    private const string ChromiumPath = "/usr/bin/chromium";

    private PostgresServer? _postgres;
    private SimulatorHost? _simulators;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelPortal Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        // The key server and the instances' XML-RPC endpoint, as ./run.sh gives the demo: any well-formed key activates.
        _simulators = await SimulatorHost.StartAsync(0, new SimulatorOptions { AcceptUnknownKeys = true });
        // A job server, as ./run.sh runs: activations and installations happen while the page waits.
        Portal = new KestrelPortal(await _postgres.CreateDatabaseAsync("browser"), new Dictionary<string, string?>(PortalFactory.JobServer())
        {
            ["Licensing:KeyServerUrl"] = _simulators.KeyServerUrl.ToString(),
            ["Licensing:InstanceRpcUrl"] = _simulators.InstanceRpcUrl.ToString(),
        });
        Portal.Start();
        await Portal.SeedDemoAsync();

        // The first pages of the run compile their views, which can outlast the default five seconds on a slow machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // --no-sandbox: the tests run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context and page that record console errors, uncaught script errors and failed
    /// loads of scripts, styles, fonts and other resources. The status of the page itself is the test's
    /// to assert (a test may visit a missing page on purpose), so Chromium's console line for it is not counted.
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = Portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource:", StringComparison.Ordinal))
            {
                session.RecordError($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => session.RecordError($"script: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                session.RecordError($"{response.Request.ResourceType}: {response.Status} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => session.RecordError($"{request.ResourceType}: {request.Failure} {request.Url}");
        return session;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (_simulators is not null)
        {
            await _simulators.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
