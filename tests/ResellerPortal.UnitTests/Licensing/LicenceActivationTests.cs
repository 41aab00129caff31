using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class LicenceActivationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly Guid Reseller = Guid.Parse("0196a000-0000-7000-8000-000000000001");
    private static readonly Guid InstanceId = Guid.Parse("0196a000-0000-7000-8000-000000000002");

    private const string OkReply = """
        S:OK
        D:2026-05-04 09:00:03
        K:5231317C-5232476E-3D0A2B11-9C8E7F6A-1B2C3D4E-5F6A7B8C-9D0E1F2A-3B4C5D6E-7F80
        I:2026-05-04 09:00:03
        X:2026-08-02
        M:R
        """;

    private static PrepurchasedKey Key(string text = "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90") =>
        PrepurchasedKey.Import(Reseller, Ppk.FromText(text), "protected", T0, "Alpha Owner");

    private static LicenceActivation Pending(int instanceAgents = 20) =>
        LicenceActivation.Request(Key(), InstanceId, "acme", "Acme Call Centers", instanceAgents, T0, Deadline, "Alpha Owner");

    private static LicenceActivation Activated()
    {
        var activation = Pending();
        activation.RecordActivated(KeyServerReply.Parse(OkReply), "licence-protected", T0.AddSeconds(3), Deadline);
        return activation;
    }

    [Fact]
    public void A_request_is_pending_until_the_deadline_and_records_who_asked_for_which_instance()
    {
        var activation = Pending();

        Assert.Equal(ActivationStatus.Pending, activation.Status);
        Assert.Equal(PpkStatus.Activating, activation.PpkStatus);
        Assert.Equal(T0 + Deadline, activation.Deadline);
        Assert.Equal("Acme Call Centers", activation.EndUser);
        Assert.Equal(("acme", "Alpha Owner"), (activation.InstanceName, activation.RequestedBy));
        Assert.False(activation.IsPastDeadline(T0 + Deadline - TimeSpan.FromTicks(1)));
        Assert.True(activation.IsPastDeadline(T0 + Deadline));
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(49, true)]
    [InlineData(51, false)]
    public void A_key_licenses_an_instance_of_at_most_its_agents(int instanceAgents, bool allowed)
    {
        if (allowed)
        {
            Assert.Equal(ActivationStatus.Pending, Pending(instanceAgents).Status);
        }
        else
        {
            var refused = Assert.Throws<LicenceRuleException>(() => Pending(instanceAgents));
            Assert.Contains("cannot be upgraded or downgraded", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_key_server_s_key_and_dates_are_kept_and_the_installation_gets_a_new_deadline()
    {
        var activation = Activated();

        Assert.Equal(ActivationStatus.Activated, activation.Status);
        Assert.Equal("licence-protected", activation.LicenceKeyProtected);
        Assert.Equal(new DateOnly(2026, 8, 2), activation.ExpiresOn);
        Assert.Equal(new DateTime(2026, 5, 4, 9, 0, 3), activation.IssuedAt);
        Assert.Equal(T0.AddSeconds(3) + Deadline, activation.Deadline);

        activation.RecordInstalled(T0.AddSeconds(5));
        Assert.Equal((ActivationStatus.Installed, PpkStatus.Installed), (activation.Status, activation.PpkStatus));
        Assert.Equal(T0.AddSeconds(5), activation.InstalledAt);
    }

    [Fact]
    public void A_refusal_is_final()
    {
        var activation = Pending();
        activation.RecordRefused("Key not found U:12", T0);

        Assert.Equal(PpkStatus.Failed, activation.PpkStatus);
        Assert.False(activation.CanRetry);
        var retry = Assert.Throws<LicenceRuleException>(() => activation.Retry(T0, Deadline));
        Assert.Contains("same answer", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Giving_up_on_the_activation_allows_a_retry_that_starts_the_activation_again_with_a_new_deadline()
    {
        var activation = Pending();
        activation.RecordGaveUp("server down", T0 + Deadline);
        Assert.Equal(ActivationStatus.ActivationFailed, activation.Status);
        Assert.True(activation.CanRetry);

        activation.Retry(T0.AddHours(1), Deadline);

        Assert.Equal(ActivationStatus.Pending, activation.Status);
        Assert.Null(activation.FailureReason);
        Assert.Equal(T0.AddHours(1) + Deadline, activation.Deadline);
    }

    [Fact]
    public void Giving_up_on_the_installation_keeps_the_licence_key_and_a_retry_installs_again()
    {
        var activation = Activated();
        activation.RecordGaveUp("instance down", T0.AddMinutes(10));
        Assert.Equal(ActivationStatus.InstallationFailed, activation.Status);

        activation.Retry(T0.AddHours(1), Deadline);

        Assert.Equal(ActivationStatus.Activated, activation.Status);
        Assert.Equal("licence-protected", activation.LicenceKeyProtected);
    }

    [Fact]
    public void A_fault_from_the_instance_fails_the_installation_with_its_reason()
    {
        var activation = Activated();
        activation.RecordInstallationRefused("The instance refused the key: Invalid activation key", T0);

        Assert.Equal(ActivationStatus.InstallationFailed, activation.Status);
        Assert.True(activation.CanRetry);
        Assert.Contains("Invalid activation key", activation.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_key_server_OK_activates_and_only_an_activated_licence_is_installed()
    {
        var pending = Pending();
        Assert.Throws<InvalidOperationException>(() => pending.RecordActivated(KeyServerReply.Parse("S:KO - no"), "x", T0, Deadline));
        Assert.Throws<InvalidOperationException>(() => pending.RecordInstalled(T0));
        Assert.Throws<InvalidOperationException>(() => Activated().RecordRefused("late", T0));
    }

    [Fact]
    public void A_lease_is_taken_once_until_it_runs_out_and_never_on_finished_work()
    {
        var activation = Pending();

        Assert.True(activation.TryLease(T0, TimeSpan.FromMinutes(1)));
        Assert.False(activation.TryLease(T0.AddSeconds(59), TimeSpan.FromMinutes(1)));
        Assert.True(activation.TryLease(T0.AddMinutes(1), TimeSpan.FromMinutes(1)));

        activation.RecordRefused("no", T0.AddMinutes(1));
        Assert.Null(activation.LeaseUntil);
        Assert.False(activation.TryLease(T0.AddHours(1), TimeSpan.FromMinutes(1)));
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(14, true)]
    [InlineData(0, true)]
    [InlineData(-3, true)]
    public void An_installed_licence_is_expiring_from_14_days_before_its_last_day(int daysLeft, bool expiring)
    {
        var today = new DateOnly(2026, 5, 4);
        Assert.Equal(expiring, LicenceActivation.IsExpiringSoon(ActivationStatus.Installed, today.AddDays(daysLeft), today));
        Assert.False(LicenceActivation.IsExpiringSoon(ActivationStatus.Activated, today.AddDays(daysLeft), today));
    }

    [Fact]
    public void The_expiry_reminder_is_marked_once()
    {
        var activation = Activated();
        Assert.True(activation.MarkReminderSent(T0));
        Assert.False(activation.MarkReminderSent(T0.AddDays(1)));
        Assert.Equal(T0, activation.ExpiryReminderSentAt);
    }

    [Theory]
    [InlineData(null, PpkStatus.Available)]
    [InlineData(ActivationStatus.Pending, PpkStatus.Activating)]
    [InlineData(ActivationStatus.Activated, PpkStatus.Activated)]
    [InlineData(ActivationStatus.Installed, PpkStatus.Installed)]
    [InlineData(ActivationStatus.Refused, PpkStatus.Failed)]
    [InlineData(ActivationStatus.ActivationFailed, PpkStatus.Failed)]
    [InlineData(ActivationStatus.InstallationFailed, PpkStatus.Failed)]
    [InlineData(ActivationStatus.Replaced, PpkStatus.Replaced)]
    public void Each_activation_status_shows_as_one_key_status_and_maps_back(ActivationStatus? activation, PpkStatus expected)
    {
        Assert.Equal(expected, PpkStatuses.Of(activation));
        if (activation is { } status)
        {
            Assert.Contains(status, PpkStatuses.ActivationStatusesOf(expected));
        }
        else
        {
            Assert.Empty(PpkStatuses.ActivationStatusesOf(expected));
        }
    }

    [Fact]
    public void A_stocked_key_keeps_its_licence_terms_masked_and_fingerprinted_never_in_clear()
    {
        var key = Key();

        Assert.Equal(("QM", 50, 1, 90), (key.Product, key.Agents, key.Servers, key.Days));
        Assert.Equal("XQI-LOWAY-*********TOH1:QM-50/1/90", key.Masked);
        Assert.Equal(64, key.Fingerprint.Length);
        Assert.Equal(key.Fingerprint, Key().Fingerprint);
        Assert.NotEqual(key.Fingerprint, Key("XQI-LOWAY-74KKMREX6TOH2:QM-50/1/90").Fingerprint);
        Assert.DoesNotContain("74KKMREX6TOH1", key.Fingerprint + key.Masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, 30, true)]
    [InlineData(20, 400, true)]
    [InlineData(100, 30, true)]
    [InlineData(100, 365, false)]
    [InlineData(200, 400, false)]
    public void A_key_with_fewer_agents_or_an_earlier_end_than_the_licence_in_force_is_a_downgrade(int keyAgents, int keyDays, bool downgrade)
    {
        var today = new DateOnly(2026, 12, 1);

        var why = LicenceActivation.DowngradeOf(keyAgents, keyDays, 100, today.AddDays(365), today);

        Assert.Equal(downgrade, why is not null);
    }

    [Fact]
    public void An_installed_licence_replaced_by_a_later_one_is_no_longer_in_force_nor_expiring()
    {
        var activation = Activated();
        activation.RecordInstalled(T0);

        activation.RecordReplaced(T0.AddDays(1));

        Assert.Equal((ActivationStatus.Replaced, PpkStatus.Replaced), (activation.Status, activation.PpkStatus));
        Assert.False(activation.IsExpiringSoon(DateOnly.FromDateTime(T0.AddYears(5).UtcDateTime)));
        Assert.Throws<LicenceRuleException>(() => activation.Retry(T0, Deadline));
    }
}
