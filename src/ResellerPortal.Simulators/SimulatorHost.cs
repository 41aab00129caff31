using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ResellerPortal.Simulators.Instances;
using ResellerPortal.Simulators.KeyServer;
using ResellerPortal.Simulators.StatusFeed;

namespace ResellerPortal.Simulators;

public sealed record SimulatorOptions
{
    /// <summary>PPKs the key server knows; any other K_id is answered <c>S:KO - Key not found</c>.</summary>
    public IReadOnlyList<string> Stock { get; init; } = [];

    /// <summary>Takes any well-formed PPK into stock on its first activation, for demos with made-up keys.</summary>
    public bool AcceptUnknownKeys { get; init; }

    /// <summary>The control endpoints have no authentication, so only loopback callers are served unless this is set.</summary>
    public bool AllowRemoteClients { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// The key server (<c>/licence_wsvc_gen.do</c>) and the instances' XML-RPC endpoint (<c>/RPC2</c>)
/// of §4 in one small host, with control endpoints under <c>/control</c> to script failures and read
/// what happened. Runs as a process (<c>dotnet run --project src/ResellerPortal.Simulators -- --urls …</c>)
/// or in-process from tests (<see cref="StartAsync"/>).
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const int DefaultPort = 5100;
    public const string KeyServerPath = "/licence_wsvc_gen.do";
    public const string InstanceRpcPath = "/RPC2";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The bound address, ending in '/', e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    public Uri KeyServerUrl => new(BaseUrl, KeyServerPath.TrimStart('/'));

    public Uri InstanceRpcUrl => new(BaseUrl, InstanceRpcPath.TrimStart('/'));

    public KeyServerSimulator KeyServer => _app.Services.GetRequiredService<KeyServerSimulator>();

    public InstanceSimulator Instances => _app.Services.GetRequiredService<InstanceSimulator>();

    public StatusFeedSimulator StatusFeed => _app.Services.GetRequiredService<StatusFeedSimulator>();

    public Uri StatusFeedUrl => new(BaseUrl, StatusFeedEndpoints.FeedPath.TrimStart('/'));

    public Uri StatusPageUrl => new(BaseUrl, StatusFeedEndpoints.PagePath.TrimStart('/'));

    /// <summary>Starts the simulators on loopback; port 0 takes a free port (see <see cref="BaseUrl"/>).</summary>
    public static async Task<SimulatorHost> StartAsync(int port = 0, SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // In-process the host's own settings are all there is: no appsettings or environment variables
        // of whatever process runs the tests, and no console logging in test output.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

        var app = Build(builder, options ?? new SimulatorOptions());
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Runs until stopped. Settings: <c>--urls</c> (default http://127.0.0.1:5100),
    /// <c>--KeyServer:Stock:0=&lt;ppk&gt;</c> …, <c>--KeyServer:AcceptUnknownKeys=true</c>, <c>--AllowRemoteClients=true</c>.
    /// </summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // Request logs would print every K_id in full; the simulators log each call themselves, masked.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{DefaultPort}");
        }

        var options = new SimulatorOptions
        {
            Stock = builder.Configuration.GetSection("KeyServer:Stock").GetChildren()
                .Select(child => child.Value)
                .OfType<string>()
                .ToList(),
            AcceptUnknownKeys = string.Equals(builder.Configuration["KeyServer:AcceptUnknownKeys"], "true", StringComparison.OrdinalIgnoreCase),
            AllowRemoteClients = string.Equals(builder.Configuration["AllowRemoteClients"], "true", StringComparison.OrdinalIgnoreCase),
        };

        await Build(builder, options).RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(WebApplicationBuilder builder, SimulatorOptions options)
    {
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton(new KeyServerSimulator(options.Stock, options.AcceptUnknownKeys, options.TimeProvider));
        builder.Services.AddSingleton(new InstanceSimulator(options.TimeProvider));
        builder.Services.AddSingleton(new StatusFeedSimulator());
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

        // A stalled call must not hold up a test's clean-up for the default 30 seconds.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        if (!options.AllowRemoteClients)
        {
            app.Use(async (context, next) =>
            {
                var remote = context.Connection.RemoteIpAddress;
                if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                await next(context);
            });
        }

        app.MapKeyServer();
        app.MapInstances();
        app.MapStatusFeed();
        app.MapPost("/control/reset", (KeyServerSimulator keyServer, InstanceSimulator instances, StatusFeedSimulator statusFeed) =>
        {
            keyServer.Reset();
            instances.Reset();
            statusFeed.Reset();
            return Results.NoContent();
        });
        return app;
    }
}
