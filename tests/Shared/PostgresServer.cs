using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ResellerPortal.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: started under the temp folder on a free loopback
/// port (as the postgres user when running as root) and removed on dispose. When
/// <c>PORTAL_TEST_PG</c> holds a connection string to a server, that server is used instead.
/// Each test class asks for its own database, so classes never see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _dataDir;
    private readonly string? _binDir;
    private int _databases;

    private PostgresServer(string adminConnectionString, string? dataDir, string? binDir)
    {
        AdminConnectionString = adminConnectionString;
        _dataDir = dataDir;
        _binDir = binDir;
    }

    public string AdminConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("PORTAL_TEST_PG");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(external, null, null);
        }

        var bin = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: run ./test.sh, which installs them, or set PORTAL_TEST_PG.");
        var dir = Path.Combine(Path.GetTempPath(), "rp-test-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", dir], asPostgres: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", dir, "-A", "trust", "-U", "portal", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", dir, "-w", "-t", "60", "-l", Path.Combine(dir, "server.log"),
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"], asRoot);
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=portal;Database=postgres;Pooling=false", dir, bin);
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var stem = prefix.Length > 30 ? prefix[..30] : prefix;
        var name = $"{stem}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..Math.Min(60, stem.Length + 20)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDir is null || _binDir is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the cluster itself is stopped.
        }
    }

    private static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        // pg_ctl start leaves the server holding the pipes: read them without waiting for their end.
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var error = stderr.IsCompleted ? await stderr : string.Empty;
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        }
    }
}
