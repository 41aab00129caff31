using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators;

namespace ResellerPortal.IntegrationTests.Simulators;

/// <summary>A fresh simulator host on a free loopback port for each test, spoken to over real HTTP.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    public const string InStock = "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90";
    public const string AlsoInStock = "XQI-LOWAY-74KKMREX6TOH2:QM-10/1/30";

    /// <summary>The manual's issue date, so replies can be compared with it.</summary>
    protected static readonly DateTimeOffset Start = new(2011, 8, 25, 18, 46, 56, TimeSpan.Zero);

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    protected SimulatorHost Host { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected TestClock Clock { get; } = new(Start);

    protected virtual SimulatorOptions Options => new() { Stock = [InStock, AlsoInStock], TimeProvider = Clock };

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(0, Options);
        Http = new HttpClient { BaseAddress = Host.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    protected Uri ActivationUrl(string ppk, string endUser = "Acme Calls", string email = "ops@acme.example") =>
        KeyServerRequest.ActivationUrl(Host.KeyServerUrl, endUser, email, Ppk.FromText(ppk));

    protected async Task<KeyServerReply> ActivateAsync(string ppk, string endUser = "Acme Calls", string email = "ops@acme.example", CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(ActivationUrl(ppk, endUser, email), cancellationToken);
        return KeyServerReply.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    protected async Task TellAsync(string path, object behaviour)
    {
        using var response = await Http.PostAsJsonAsync(path, behaviour, Json);
        response.EnsureSuccessStatusCode();
    }

    protected async Task<T> GetJsonAsync<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, Json))!;
}
