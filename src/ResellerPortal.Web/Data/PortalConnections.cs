using Npgsql;

namespace ResellerPortal.Web.Data;

/// <summary>
/// The portal's connections to PostgreSQL: the DbContext's and the few reads that every request makes
/// before its tenant is known (<see cref="PreTenantReads"/>) share one pool, keyed by this connection string.
/// <para>
/// <c>No Reset On Close</c>: Npgsql otherwise sends <c>DISCARD ALL</c> with the first statement after every
/// return to the pool, which PostgreSQL executes before each query of each request (bench/README.md, issue 14).
/// The portal keeps no session state on its connections (no <c>SET</c>, no temporary tables, no prepared
/// statements of its own, no <c>LISTEN</c>); an open transaction is still rolled back on close, and the one
/// advisory lock (<see cref="DatabaseMigrator"/>) is released explicitly. Hangfire has a data source of its own.
/// </para>
/// </summary>
public sealed class PortalConnections(string connectionString)
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    public NpgsqlConnection Create() => new(ConnectionString);
}
