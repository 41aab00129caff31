using System.Globalization;
using System.Reflection;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Hosting;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Serilog in two stages: <see cref="CreateBootstrapLogger"/> before the host exists, then the host's
/// logger from the <c>Serilog</c> section of appsettings.json (levels, console, the rolling file).
/// </summary>
public static class PortalLogging
{
    /// <summary>The console layout of both stages (appsettings.json repeats it for the host's logger).</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>True when the portal is the process (dotnet ResellerPortal.Web.dll), not a host started by a test or a tool.</summary>
    public static bool RunsAsProcess => Assembly.GetEntryAssembly() == typeof(PortalLogging).Assembly;

    /// <summary>Console only, errors to standard error: what is known before the configuration is read.</summary>
    public static ReloadableLogger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Error)
        .CreateBootstrapLogger();

    /// <summary>
    /// The daily rolling log file, named in appsettings.json as <c>Serilog:WriteTo:File</c>. An empty
    /// <paramref name="path"/> leaves it out, so the tests and benchmarks log to the console only.
    /// </summary>
    public static LoggerConfiguration OptionalFile(
        this LoggerSinkConfiguration writeTo,
        string? path,
        string outputTemplate,
        RollingInterval rollingInterval = RollingInterval.Day,
        int? retainedFileCountLimit = 14) =>
        string.IsNullOrWhiteSpace(path)
            ? writeTo.Sink(new NoSink())
            : writeTo.File(path, formatProvider: CultureInfo.InvariantCulture, outputTemplate: outputTemplate, rollingInterval: rollingInterval, retainedFileCountLimit: retainedFileCountLimit);

    private sealed class NoSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
        }
    }
}
