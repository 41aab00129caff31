using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ResellerPortal.IntegrationTests.Support;

namespace ResellerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The portal as ./run.sh starts it, a process of its own configured by environment variables: the
/// bootstrap logger reports a failed start, and the host's logger writes the rolling file of appsettings.json.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PortalProcessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_database_that_cannot_be_reached_at_start_up_is_logged_as_fatal_and_the_process_fails()
    {
        // Port 1 on loopback: nothing listens, so the migration at start-up fails at once.
        using var portal = Start(new() { ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Database=portal;Username=portal;Timeout=5" });

        var (exitCode, output) = await portal.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Matches(@"\[\d\d:\d\d:\d\d FTL\] Program: The portal failed to start or stopped unexpectedly", output);
        Assert.Contains("Npgsql.NpgsqlException", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_portal_without_a_database_setting_says_what_to_set()
    {
        using var portal = Start(new() { ["ConnectionStrings__Portal"] = string.Empty });

        var (exitCode, output) = await portal.ExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("FTL] Program: No database configured: set ConnectionStrings__Portal", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_are_written_to_the_daily_rolling_file_named_by_the_environment()
    {
        var folder = Directory.CreateTempSubdirectory("portal-logs-");
        try
        {
            using (var portal = Start(new()
            {
                ["ConnectionStrings__Portal"] = await postgres.Server.CreateDatabaseAsync(nameof(PortalProcessTests)),
                ["Serilog__WriteTo__File__Args__path"] = Path.Combine(folder.FullName, "portal-.log"),
            }))
            {
                var baseUrl = await portal.ListeningAddressAsync();
                using var http = new HttpClient { BaseAddress = baseUrl };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/account/login", UriKind.Relative))).StatusCode);
            }

            // One file a day, the date in its name, as .data/logs/portal-YYYYMMDD.log under ./run.sh.
            var file = Assert.Single(folder.GetFiles());
            Assert.Matches(@"^portal-\d{8}\.log$", file.Name);
            var text = await File.ReadAllTextAsync(file.FullName);
            Assert.Matches(@"\[INF\] Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /account/login responded 200 in \d+\.\d ms user - real user - tenant - request \S+ \{", text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static PortalProcess Start(Dictionary<string, string> environment)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__WriteTo__File__Args__path"] = string.Empty;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new PortalProcess(Process.Start(start)!);
    }

    private sealed partial class PortalProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public PortalProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Received(e.Data);
            _process.ErrorDataReceived += (_, e) => Received(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public async Task<(int ExitCode, string Output)> ExitAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await _process.WaitForExitAsync(deadline.Token);
            return (_process.ExitCode, Output);
        }

        /// <summary>The host prints "Now listening on: http://127.0.0.1:port" once Kestrel has bound the port.</summary>
        public async Task<Uri> ListeningAddressAsync()
        {
            var exited = _process.WaitForExitAsync();
            var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(first == _listening.Task, "The portal did not start listening: " + Output);
            return await _listening.Task;
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Received(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
        private static partial Regex ListeningOn();
    }
}
