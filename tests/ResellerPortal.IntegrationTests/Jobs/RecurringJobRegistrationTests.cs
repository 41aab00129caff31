using System.Net;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Jobs;

/// <summary>
/// A node killed while it wrote a recurring job leaves Hangfire's lock row for that job until the row expires
/// (10 minutes). A node started meanwhile must still start, and write the recurring jobs once the lock is gone.
/// </summary>
public sealed class RecurringJobRegistrationTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string LockedJob = OutboxDispatchJob.Id;

    [Fact]
    public async Task A_node_starts_while_a_dead_nodes_lock_holds_a_recurring_job_and_writes_it_once_the_lock_is_gone()
    {
        var before = await CronAsync();
        Assert.NotEqual(JobRegistration.Every(1800), before);
        await ExecuteAsync("INSERT INTO hangfire.lock (resource, acquired) VALUES (@resource, now())");
        // The second node schedules the outbox every 30 minutes, not every hour as the first one.
        await using var second = new PortalFactory(Portal.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:OutboxDispatchSeconds"] = "1800",
            ["Jobs:RegistrationRetrySeconds"] = "1",
        });

        using var browser = new Browser(second);
        var login = await browser.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(before, await CronAsync());

        await ExecuteAsync("DELETE FROM hangfire.lock WHERE resource = @resource");
        await Eventually.TrueAsync(async () => await CronAsync() == JobRegistration.Every(1800), "the retry to write the new schedule");
        Assert.Equal(JobRegistration.Every(1800), await CronAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("resource", $"hangfire:lock:recurring-job:{LockedJob}");
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<string?> CronAsync()
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM hangfire.hash WHERE key = @key AND field = 'Cron'", connection);
        command.Parameters.AddWithValue("key", $"recurring-job:{LockedJob}");
        return (string?)await command.ExecuteScalarAsync();
    }
}
