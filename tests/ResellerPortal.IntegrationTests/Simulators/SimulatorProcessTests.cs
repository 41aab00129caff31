using System.Diagnostics;
using System.Text.RegularExpressions;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Simulators;

namespace ResellerPortal.IntegrationTests.Simulators;

/// <summary>The way ./run.sh starts the simulators: a process of its own, configured on the command line.</summary>
public sealed partial class SimulatorProcessTests
{
    [Fact]
    public async Task The_simulators_run_as_a_process_with_their_stock_from_the_command_line()
    {
        var assembly = typeof(SimulatorHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", "http://127.0.0.1:0", "--KeyServer:Stock:0=" + SimulatorTest.InStock },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        try
        {
            var baseUrl = await ListeningAddressAsync(process);
            using var http = new HttpClient();

            var body = await http.GetStringAsync(KeyServerRequest.ActivationUrl(new Uri(baseUrl, "licence_wsvc_gen.do"), "Acme Calls", "ops@acme.example", Ppk.FromText(SimulatorTest.InStock)));

            Assert.Equal(KeyServerOutcome.Activated, KeyServerReply.Parse(body).Outcome);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The host prints "Now listening on: http://127.0.0.1:port" once Kestrel has bound the port.</summary>
    private static async Task<Uri> ListeningAddressAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value + "/");
            }
        }

        Assert.Fail("The simulators exited without listening: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
        return null!;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
