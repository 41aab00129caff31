using System.Net;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators.Instances;
using ResellerPortal.Simulators.KeyServer;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Keys;

namespace ResellerPortal.IntegrationTests.Keys;

/// <summary>Activation against the key server and installation on the instance, over real HTTP to the simulators (issue 4).</summary>
public sealed class ActivationTests(PostgresFixture postgres) : LicenceTest(postgres)
{
    [Fact]
    public async Task A_requested_key_is_activated_installed_and_shown_on_the_card_and_the_key()
    {
        const string Ppk = "XQI-ALPHA-HAPPY0000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        var instanceId = await NewInstanceAsync("lic-happy");

        var response = await RequestActivationAsync(owner, instanceId, ppkId);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ActivationStatus.Pending, (await ActivationAsync(ppkId))!.Status);

        Assert.Contains("succeeded 1", await RunActivationJobAsync(), StringComparison.Ordinal);
        var activated = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.Activated, activated.Status);
        var issued = Simulators.KeyServer.Find(Ppk)!;
        Assert.Equal(("Licence Co lic-happy", "licences@alpha-telecom.example.com"), (issued.EndUser, issued.Email));
        Assert.Equal(issued.ExpiresOn, activated.ExpiresOn);
        Assert.DoesNotContain(issued.LicenceKey!, activated.LicenceKeyProtected, StringComparison.Ordinal);

        await RunInstallationJobAsync();
        var installed = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.Installed, installed.Status);
        Assert.Equal(issued.LicenceKey, Simulators.Instances.Find("lic-happy")!.LicenceKey);
        Assert.Equal(
            [(LicencePhase.Activation, AttemptOutcome.Succeeded, "S:OK"), (LicencePhase.Installation, AttemptOutcome.Succeeded, "OK")],
            (await AttemptsAsync(installed.Id)).Select(a => (a.Phase, a.Outcome, a.StatusLine)));

        var (_, keyPage) = await owner.GetPageAsync($"/keys/{ppkId}");
        Assert.Equal("installed", keyPage.QuerySelector("#key-status")!.GetAttribute("data-ppk-status"));
        Assert.Null(keyPage.QuerySelector("#key-status")!.GetAttribute("hx-trigger"));
        var (_, cards) = await owner.GetPageAsync("/instances?q=lic-happy");
        var licence = cards.QuerySelector("[data-instance='lic-happy'] [data-licence]")!;
        Assert.Equal("installed", licence.GetAttribute("data-licence"));
        Assert.Contains($"20 agents to {issued.ExpiresOn:yyyy-MM-dd}", licence.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_final_shown_with_the_key_server_s_reason_and_not_retried()
    {
        const string Ppk = "XQI-ALPHA-UNKNOWN000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner, knownToKeyServer: false);
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-refused"), ppkId);

        await RunActivationJobAsync();

        var activation = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.Refused, activation.Status);
        Assert.StartsWith("Key not found", activation.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, Simulators.KeyServer.CallsFor(Ppk).Calls);
        var (_, page) = await owner.GetPageAsync($"/keys/{ppkId}");
        Assert.Equal("failed", page.QuerySelector("#key-status")!.GetAttribute("data-ppk-status"));
        Assert.Contains("Key not found", page.QuerySelector("[data-failure-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(final: the key server will not activate this key", page.QuerySelector("[data-failure-reason]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("form[action$='/retry']"));

        var retry = await owner.SubmitAsync($"/keys/{ppkId}", [], $"/keys/{ppkId}/retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(ActivationStatus.Refused, (await ActivationAsync(ppkId))!.Status);
    }

    [Fact]
    public async Task A_call_that_stalls_past_the_attempt_timeout_is_retried_and_gives_exactly_one_key()
    {
        const string Ppk = "XQI-ALPHA-STALL0000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        Simulators.KeyServer.SetBehaviour(Ppk, new KeyServerBehaviourRequest(KeyServerBehaviour.Stall, Seconds: 3, Times: 1));
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-stall"), ppkId);

        await RunActivationJobAsync();

        var activation = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.Activated, activation.Status);
        Assert.Equal([AttemptOutcome.TimedOut, AttemptOutcome.Succeeded], (await AttemptsAsync(activation.Id)).Select(a => a.Outcome));
        Assert.Equal(1, Simulators.KeyServer.CallsFor(Ppk).KeyReplies);
        Assert.Single(Simulators.KeyServer.Stock(), k => k.Ppk == Ppk && k.LicenceKey is not null);
    }

    [Fact]
    public async Task Twenty_simultaneous_requests_for_one_key_make_one_activation_and_one_call_that_gives_a_key()
    {
        const string Ppk = "XQI-ALPHA-RACE00000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        var instanceId = await NewInstanceAsync("lic-race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RequestActivationAsync(owner, instanceId, ppkId)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var message = Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='PpkId']")!.TextContent;
            Assert.Contains("a key is activated once", message, StringComparison.Ordinal);
        }

        // Two nodes' jobs at once: the lease lets one of them call.
        await Task.WhenAll(RunActivationJobAsync(), RunActivationJobAsync());

        Assert.Equal(1, await AsPlatformAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LicenceActivations, a => a.PpkId == ppkId)));
        Assert.Equal(ActivationStatus.Activated, (await ActivationAsync(ppkId))!.Status);
        Assert.Equal(new KeyCallCounts(1, 1, 0, 0), Simulators.KeyServer.CallsFor(Ppk));
    }

    [Fact]
    public async Task A_call_stalled_until_its_deadline_does_not_hold_back_an_activation_requested_meanwhile()
    {
        const string Slow = "XQI-ALPHA-SLOW00000001:QM-20/1/90";
        const string Quick = "XQI-ALPHA-QUICK0000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var slowId = await StockAsync(Slow, owner);
        var quickId = await StockAsync(Quick, owner);
        var quickInstance = await NewInstanceAsync("lic-quick");
        Simulators.KeyServer.SetBehaviour(Slow, new KeyServerBehaviourRequest(KeyServerBehaviour.Stall, Seconds: 30));
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-slow"), slowId);

        var run = RunActivationJobAsync();
        await RequestActivationAsync(owner, quickInstance, quickId);
        while (!run.IsCompleted && (await ActivationAsync(quickId))!.Status == ActivationStatus.Pending)
        {
            await Task.Delay(50);
        }

        Assert.Equal(ActivationStatus.Activated, (await ActivationAsync(quickId))!.Status);
        Assert.Equal(ActivationStatus.Pending, (await ActivationAsync(slowId))!.Status);
        await run;
        Assert.Equal(ActivationStatus.ActivationFailed, (await ActivationAsync(slowId))!.Status);
    }

    [Fact]
    public async Task A_key_server_down_past_the_deadline_leaves_failed_retry_possible_and_a_later_retry_succeeds()
    {
        const string Ppk = "XQI-ALPHA-DOWN00000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        Simulators.KeyServer.SetBehaviour(Ppk, new KeyServerBehaviourRequest(KeyServerBehaviour.Error500));
        await RequestActivationAsync(owner, await NewInstanceAsync("lic-down"), ppkId);

        await RunActivationJobAsync();

        var failed = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.ActivationFailed, failed.Status);
        Assert.Contains("HTTP 500", failed.FailureReason, StringComparison.Ordinal);
        var attempts = await AttemptsAsync(failed.Id);
        Assert.True(attempts.Count >= 3, $"expected retries before the deadline, saw {attempts.Count} attempt(s)");
        // The deadline may cut the last call short; every call that ended was the 500.
        Assert.All(attempts.Where(a => a.Detail != LicenceRetries.CutOffByDeadline), a => Assert.Equal((AttemptOutcome.HttpError, "HTTP 500"), (a.Outcome, a.StatusLine)));
        Assert.Equal(0, Simulators.KeyServer.CallsFor(Ppk).KeyReplies);
        var (_, page) = await owner.GetPageAsync($"/keys/{ppkId}");
        Assert.Contains("(retry possible)", page.QuerySelector("[data-failure-reason]")!.TextContent, StringComparison.Ordinal);
        // The history shows the latest ten calls and sums up the rest.
        Assert.Equal(Math.Min(attempts.Count, 10), page.QuerySelectorAll("[data-attempt-outcome]").Length);
        Assert.Equal(Math.Max(attempts.Count - 10, 0).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-earlier-attempts]")?.GetAttribute("data-earlier-attempts") ?? "0");
        Assert.Single(page.QuerySelectorAll("form[action$='/retry']"));
        // The fragment the page polls offers the retry too, so a failure seen while watching can be retried.
        var (_, fragment) = await owner.GetPageAsync($"/keys/{ppkId}/status");
        Assert.Single(fragment.QuerySelectorAll("form[action$='/retry']"));

        Simulators.KeyServer.ClearBehaviour(Ppk);
        var retry = await owner.SubmitAsync($"/keys/{ppkId}", [], $"/keys/{ppkId}/retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(ActivationStatus.Pending, (await ActivationAsync(ppkId))!.Status);
        await RunActivationJobAsync();
        await RunInstallationJobAsync();

        Assert.Equal(ActivationStatus.Installed, (await ActivationAsync(ppkId))!.Status);
        Assert.Equal(1, Simulators.KeyServer.CallsFor(Ppk).KeyReplies);
    }

    [Theory]
    [InlineData(KeyServerBehaviour.Truncated, "TRUNC")]
    [InlineData(KeyServerBehaviour.Garbage, "GARBG")]
    public async Task Cut_off_and_non_protocol_replies_are_retried_and_never_taken_as_a_key(KeyServerBehaviour behaviour, string tag)
    {
        var ppk = $"XQI-ALPHA-{tag}0000001:QM-20/1/90";
        var instance = "lic-" + tag.ToLowerInvariant();
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(ppk, owner);
        Simulators.KeyServer.SetBehaviour(ppk, new KeyServerBehaviourRequest(behaviour, Times: 2));
        await RequestActivationAsync(owner, await NewInstanceAsync(instance), ppkId);

        await RunActivationJobAsync();

        var activation = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.Activated, activation.Status);
        Assert.Equal([AttemptOutcome.Malformed, AttemptOutcome.Malformed, AttemptOutcome.Succeeded], (await AttemptsAsync(activation.Id)).Select(a => a.Outcome));
        await RunInstallationJobAsync();
        Assert.Equal(Simulators.KeyServer.Find(ppk)!.LicenceKey, Simulators.Instances.Find(instance)!.LicenceKey);
    }

    [Fact]
    public async Task An_instance_fault_fails_the_installation_with_its_reason_and_a_retry_installs_the_same_key()
    {
        const string Ppk = "XQI-ALPHA-FAULT0000001:QM-20/1/90";
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var ppkId = await StockAsync(Ppk, owner);
        var instanceId = await NewInstanceAsync("lic-fault");
        Simulators.Instances.SetBehaviour("lic-fault", new InstanceBehaviourRequest(InstanceBehaviour.Fault, FaultCode: 7, FaultString: "Licence store is read-only", Times: 1));
        await RequestActivationAsync(owner, instanceId, ppkId);
        await RunActivationJobAsync();

        await RunInstallationJobAsync();

        var failed = (await ActivationAsync(ppkId))!;
        Assert.Equal(ActivationStatus.InstallationFailed, failed.Status);
        Assert.Contains("Licence store is read-only", failed.FailureReason, StringComparison.Ordinal);
        var (_, licencePage) = await owner.GetPageAsync($"/instances/{instanceId}/licence");
        Assert.Equal("failed", licencePage.QuerySelector("[data-activation]")!.GetAttribute("data-ppk-status"));

        await owner.SubmitAsync($"/keys/{ppkId}", [], $"/keys/{ppkId}/retry");
        Assert.Equal(ActivationStatus.Activated, (await ActivationAsync(ppkId))!.Status);
        await RunInstallationJobAsync();

        Assert.Equal(ActivationStatus.Installed, (await ActivationAsync(ppkId))!.Status);
        Assert.Equal(1, Simulators.KeyServer.CallsFor(Ppk).Calls);
        Assert.Equal(Simulators.KeyServer.Find(Ppk)!.LicenceKey, Simulators.Instances.Find("lic-fault")!.LicenceKey);
    }

    [Fact]
    public async Task A_key_with_too_few_agents_or_an_unconfirmed_request_is_refused_next_to_the_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var small = await StockAsync("XQI-ALPHA-SMALL0000001:QM-5/1/90", owner);
        var instanceId = await NewInstanceAsync("lic-small");

        var tooSmall = await RequestActivationAsync(owner, instanceId, small);
        var unconfirmed = await RequestActivationAsync(owner, instanceId, small, confirm: false);

        Assert.Equal(HttpStatusCode.OK, tooSmall.StatusCode);
        var page = Browser.Parse(await tooSmall.Content.ReadAsStringAsync());
        Assert.Contains("cannot be upgraded or downgraded", page.QuerySelector("[data-valmsg-for='PpkId']")!.TextContent, StringComparison.Ordinal);
        var unconfirmedPage = Browser.Parse(await unconfirmed.Content.ReadAsStringAsync());
        Assert.StartsWith("Tick the box", unconfirmedPage.QuerySelector("[data-valmsg-for='Confirm']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await ActivationAsync(small));
    }
}
