using ResellerPortal.Domain.Email;

namespace ResellerPortal.UnitTests.Email;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    private static OutboxMessage NewMessage() =>
        new(new Guid("0195a0c0-0000-7000-8000-000000000001"), "client@example.com", "Your instance is ready", "Hello", Created);

    private static OutboxMessage FailedMessage()
    {
        var message = NewMessage();
        for (var i = 0; i < 8; i++)
        {
            message.MarkAttemptFailed(Created.AddHours(i), "connection refused");
        }

        return message;
    }

    private static OutboxMessage SentMessage()
    {
        var message = NewMessage();
        message.MarkSent(Created);
        return message;
    }

    [Fact]
    public void New_message_is_pending_and_due_at_once()
    {
        var message = NewMessage();

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(Created, message.CreatedAt);
        Assert.Equal(Created, message.NextAttemptAt);
        Assert.Null(message.SentAt);
        Assert.Null(message.LastError);
    }

    [Fact]
    public void Sent_message_records_when_and_counts_the_attempt()
    {
        var message = NewMessage();
        var at = Created.AddSeconds(5);

        message.MarkSent(at);

        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(at, message.SentAt);
        Assert.Equal(1, message.Attempts);
    }

    [Fact]
    public void Message_sent_after_a_failure_forgets_the_error()
    {
        var message = NewMessage();
        message.MarkAttemptFailed(Created, "timeout");

        message.MarkSent(Created.AddSeconds(30));

        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(2, message.Attempts);
        Assert.Null(message.LastError);
    }

    [Fact]
    public void Message_is_sent_only_once()
    {
        var message = SentMessage();

        Assert.Throws<InvalidOperationException>(() => message.MarkSent(Created.AddMinutes(1)));
        Assert.Equal(1, message.Attempts);
        Assert.Equal(Created, message.SentAt);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(5, 480)]
    [InlineData(6, 960)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)] // 3840 capped at one hour
    [InlineData(11, 3600)]
    [InlineData(1000, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void Retry_delay_doubles_from_30_seconds_up_to_one_hour(int failedAttempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxMessage.RetryDelay(failedAttempts));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Retry_delay_needs_at_least_one_failure(int failedAttempts) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxMessage.RetryDelay(failedAttempts));

    [Fact]
    public void Failed_message_is_retried_after_backoff()
    {
        var message = NewMessage();
        var failedAt = Created.AddSeconds(2);

        message.MarkAttemptFailed(failedAt, "connection refused");

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(failedAt.AddSeconds(30), message.NextAttemptAt);
        Assert.Equal("connection refused", message.LastError);
    }

    [Fact]
    public void Each_further_failure_waits_twice_as_long_from_the_time_it_failed()
    {
        var message = NewMessage();
        // Failure n happens when it is due; the next one is scheduled that many seconds later.
        int[] expectedDelays = [30, 60, 120, 240, 480, 960, 1920];
        var now = Created;

        for (var i = 0; i < expectedDelays.Length; i++)
        {
            message.MarkAttemptFailed(now, $"failure {i + 1}");

            Assert.Equal(OutboxStatus.Pending, message.Status);
            Assert.Equal(i + 1, message.Attempts);
            Assert.Equal(now.AddSeconds(expectedDelays[i]), message.NextAttemptAt);
            now = message.NextAttemptAt;
        }

        // 30 + 60 + … + 1920 = 3810 s after the first failure, the seventh retry is due.
        Assert.Equal(Created.AddSeconds(3810), message.NextAttemptAt);
    }

    [Fact]
    public void Message_gives_up_after_the_eighth_failure()
    {
        var message = NewMessage();
        for (var i = 0; i < 7; i++)
        {
            message.MarkAttemptFailed(Created.AddHours(i), "connection refused");
        }

        Assert.Equal(OutboxStatus.Pending, message.Status);

        message.MarkAttemptFailed(Created.AddHours(7), "mailbox unavailable");

        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(8, message.Attempts);
        Assert.Equal(8, OutboxMessage.MaxAttempts);
        Assert.Equal("mailbox unavailable", message.LastError);
        Assert.Null(message.SentAt);
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "short", "short" },
        { new string('e', 999), new string('e', 999) },
        { new string('e', 1000), new string('e', 1000) },
        { new string('e', 1000) + "f", new string('e', 1000) },
        { new string('e', 5000), new string('e', 1000) },
        { string.Empty, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Error_is_kept_up_to_1000_characters(string error, string expected)
    {
        var message = NewMessage();

        message.MarkAttemptFailed(Created, error);

        Assert.Equal(expected, message.LastError);
    }

    public static TheoryData<string> NotPending => new() { "sent", "failed" };

    private static OutboxMessage InState(string state) => state switch
    {
        "sent" => SentMessage(),
        "failed" => FailedMessage(),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Message_that_is_not_pending_cannot_be_marked_sent(string state)
    {
        var message = InState(state);
        var before = (message.Status, message.Attempts, message.SentAt);

        Assert.Throws<InvalidOperationException>(() => message.MarkSent(Created.AddDays(1)));
        Assert.Equal(before, (message.Status, message.Attempts, message.SentAt));
    }

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Message_that_is_not_pending_cannot_fail_again(string state)
    {
        var message = InState(state);
        var before = (message.Status, message.Attempts, message.NextAttemptAt, message.LastError);

        Assert.Throws<InvalidOperationException>(() => message.MarkAttemptFailed(Created.AddDays(1), "late"));
        Assert.Equal(before, (message.Status, message.Attempts, message.NextAttemptAt, message.LastError));
    }

    [Fact]
    public void Failed_message_can_be_requeued_and_is_due_at_once_with_attempts_reset()
    {
        var message = FailedMessage();
        var requeuedAt = Created.AddDays(1);

        message.Requeue(requeuedAt);

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(requeuedAt, message.NextAttemptAt);
    }

    [Fact]
    public void Requeued_message_starts_its_backoff_from_30_seconds_again()
    {
        var message = FailedMessage();
        var requeuedAt = Created.AddDays(1);
        message.Requeue(requeuedAt);

        message.MarkAttemptFailed(requeuedAt, "still refused");

        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(requeuedAt.AddSeconds(30), message.NextAttemptAt);
    }

    [Fact]
    public void Pending_message_cannot_be_requeued()
    {
        var message = NewMessage();
        message.MarkAttemptFailed(Created, "timeout");

        Assert.Throws<InvalidOperationException>(() => message.Requeue(Created.AddMinutes(1)));
        Assert.Equal(1, message.Attempts);
    }

    [Fact]
    public void Sent_message_cannot_be_requeued()
    {
        var message = SentMessage();

        Assert.Throws<InvalidOperationException>(() => message.Requeue(Created.AddMinutes(1)));
        Assert.Equal(OutboxStatus.Sent, message.Status);
    }
}
