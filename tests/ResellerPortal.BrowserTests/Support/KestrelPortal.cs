using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Tests.Shared;

namespace ResellerPortal.BrowserTests.Support;

/// <summary>
/// The real portal on real Kestrel, listening on a loopback port the OS picks, so a real browser can reach it.
/// </summary>
public sealed class KestrelPortal : PortalFactory
{
    public KestrelPortal(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
        : base(connectionString, settings) =>
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the started server listens, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }
}
