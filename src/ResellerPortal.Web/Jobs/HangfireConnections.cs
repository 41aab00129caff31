using Hangfire.PostgreSql;
using Npgsql;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Hangfire's connections: one data source of its own, so its pool is sized for the workers and its
/// sessions are named in <c>pg_stat_activity</c> apart from the portal's requests.
/// </summary>
public sealed class HangfireConnections : IConnectionFactory, IDisposable
{
    public const string ApplicationName = "ResellerPortal.Jobs";

    private readonly NpgsqlDataSource _dataSource;

    public HangfireConnections(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            MaxPoolSize = maxPoolSize,
        };
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>A new connection from the pool; Hangfire opens it and disposes it.</summary>
    public NpgsqlConnection GetOrCreateConnection() => _dataSource.CreateConnection();

    public void Dispose() => _dataSource.Dispose();
}
