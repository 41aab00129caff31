using ResellerPortal.Domain.Auditing;

namespace ResellerPortal.UnitTests.Auditing;

public sealed class AuditEntryTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("outbox", "system:outbox")]
    [InlineData("demo-seed", "system:demo-seed")]
    [InlineData("", "system:")]
    public void System_actor_is_named_after_the_job_and_has_no_user(string what, string expected)
    {
        var actor = AuditActor.System(what);

        Assert.Equal(expected, actor.Name);
        Assert.Null(actor.UserId);
        Assert.Null(actor.RealUserId);
        Assert.Null(actor.RealName);
        Assert.Null(actor.IpAddress);
    }

    [Fact]
    public void Entry_records_who_acted_and_who_was_really_behind_it()
    {
        var userId = new Guid("0195a0c0-0000-7000-8000-0000000000a1");
        var realUserId = new Guid("0195a0c0-0000-7000-8000-0000000000b2");
        var resellerId = new Guid("0195a0c0-0000-7000-8000-0000000000c3");
        var entityId = new Guid("0195a0c0-0000-7000-8000-0000000000d4");
        var actor = new AuditActor(userId, "staff@acme.example", realUserId, "support@platform.example", "203.0.113.7");

        var entry = new AuditEntry(Now, resellerId, "Operator", entityId, AuditAction.Modified, """{"Name":["EU","Europe"]}""", actor);

        Assert.Equal(Now, entry.At);
        Assert.Equal(resellerId, entry.ResellerId);
        Assert.Equal("Operator", entry.EntityType);
        Assert.Equal(entityId, entry.EntityId);
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal("""{"Name":["EU","Europe"]}""", entry.Changes);
        Assert.Equal(userId, entry.ActorUserId);
        Assert.Equal("staff@acme.example", entry.ActorName);
        Assert.Equal(realUserId, entry.RealActorUserId);
        Assert.Equal("support@platform.example", entry.RealActorName);
        Assert.Equal("203.0.113.7", entry.IpAddress);
        Assert.Equal(7, entry.Id.Version);
    }

    [Fact]
    public void Entry_made_by_a_job_has_no_user_and_no_impersonator()
    {
        var entry = new AuditEntry(Now, null, "OutboxMessage", Guid.Empty, AuditAction.Added, "{}", AuditActor.System("outbox"));

        Assert.Null(entry.ActorUserId);
        Assert.Equal("system:outbox", entry.ActorName);
        Assert.Null(entry.RealActorUserId);
        Assert.Null(entry.RealActorName);
        Assert.Null(entry.IpAddress);
        Assert.Null(entry.ResellerId);
    }
}
