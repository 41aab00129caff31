using System.Net;
using System.Net.Http.Json;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators;
using ResellerPortal.Simulators.KeyServer;

namespace ResellerPortal.IntegrationTests.Simulators;

public sealed class KeyServerSimulatorTests : SimulatorTest
{
    private static string KeyPath(string ppk) => "control/keys/" + Uri.EscapeDataString(ppk);

    private Task<KeyCallCounts> CallsAsync(string ppk) => GetJsonAsync<KeyCallCounts>("control/calls/" + Uri.EscapeDataString(ppk));

    [Fact]
    public async Task A_key_in_stock_is_activated_with_the_documented_reply()
    {
        using var response = await Http.GetAsync(ActivationUrl(InStock));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n');
        Assert.Equal(7, lines.Length);
        Assert.Equal("S:OK", lines[0]);
        Assert.Equal(["D:", "K:", "I:", "X:"], lines[1..5].Select(line => line[..2]));
        Assert.Equal(["M:R", ""], lines[5..]);
        var reply = KeyServerReply.Parse(body);
        Assert.Equal(KeyServerOutcome.Activated, reply.Outcome);
        Assert.InRange(reply.LicenceKey!.Length, KeyServerReply.MinKeyLength, KeyServerReply.MaxKeyLength);
        Assert.Equal(Start.UtcDateTime, DateTime.SpecifyKind(reply.IssuedAt!.Value, DateTimeKind.Utc));
        Assert.Equal(new DateOnly(2011, 11, 23), reply.ExpiresOn); // 90 days
    }

    [Fact]
    public async Task The_firm_and_email_arrive_decoded_as_the_portal_sent_them()
    {
        await ActivateAsync(InStock, "Zoë & Sons / Calls: 50%", "ops+keys@acme.example");

        var key = await GetJsonAsync<StockKey>(KeyPath(InStock));
        Assert.Equal("Zoë & Sons / Calls: 50%", key.EndUser);
        Assert.Equal("ops+keys@acme.example", key.Email);
    }

    [Fact]
    public async Task A_repeated_activation_returns_the_same_key_issue_date_and_expiry_with_a_new_server_time()
    {
        var first = await ActivateAsync(InStock);
        Clock.Advance(TimeSpan.FromHours(5));
        var second = await ActivateAsync(InStock, "Another Firm", "someone@else.example");

        Assert.Equal(KeyServerOutcome.Activated, second.Outcome);
        Assert.Equal(first.LicenceKey, second.LicenceKey);
        Assert.Equal(first.IssuedAt, second.IssuedAt);
        Assert.Equal(first.ExpiresOn, second.ExpiresOn);
        Assert.Equal(first.ServerTime!.Value.AddHours(5), second.ServerTime);
        Assert.Equal(new KeyCallCounts(2, 2, 0, 0), await CallsAsync(InStock));
    }

    [Fact]
    public async Task Different_keys_get_different_licences_for_their_own_lengths()
    {
        var ninety = await ActivateAsync(InStock);
        var thirty = await ActivateAsync(AlsoInStock);

        Assert.NotEqual(ninety.LicenceKey, thirty.LicenceKey);
        Assert.Equal(new DateOnly(2011, 9, 24), thirty.ExpiresOn);
    }

    [Fact]
    public async Task A_key_not_in_stock_is_refused_as_not_found()
    {
        var reply = await ActivateAsync("XQI-LOWAY-NOTINSTOCK:QM-50/1/90");

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.StartsWith("Key not found U:", reply.Reason, StringComparison.Ordinal);
        Assert.Equal(new KeyCallCounts(1, 0, 1, 0), (await GetJsonAsync<Dictionary<string, KeyCallCounts>>("control/calls"))["XQI-LOWAY-NOTINSTOCK:QM-50/1/90"]);
    }

    [Theory]
    [InlineData("licence_wsvc_gen.do?K_email=a%40b.c&K_id=XQI-LOWAY-74KKMREX6TOH1%3AQM-50%2F1%2F90")]
    [InlineData("licence_wsvc_gen.do?K_enduser=ABC&K_id=XQI-LOWAY-74KKMREX6TOH1%3AQM-50%2F1%2F90")]
    [InlineData("licence_wsvc_gen.do?K_enduser=ABC&K_email=a%40b.c")]
    [InlineData("licence_wsvc_gen.do")]
    public async Task A_call_without_every_parameter_is_refused(string path)
    {
        var reply = KeyServerReply.Parse(await Http.GetStringAsync(path));

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.StartsWith("Missing parameter", reply.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Told_to_refuse_a_key_it_answers_ko_with_the_reason_until_told_otherwise()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "ko", reason = "Key already used U:77" });

        var first = await ActivateAsync(InStock);
        var second = await ActivateAsync(InStock);
        using (var cleared = await Http.DeleteAsync(KeyPath(InStock)))
        {
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }

        var third = await ActivateAsync(InStock);

        Assert.Equal((KeyServerOutcome.Refused, "Key already used U:77"), (first.Outcome, first.Reason));
        Assert.Equal((KeyServerOutcome.Refused, "Key already used U:77"), (second.Outcome, second.Reason));
        Assert.Equal(KeyServerOutcome.Activated, third.Outcome);
        Assert.Equal(new KeyCallCounts(3, 1, 2, 0), await CallsAsync(InStock));
    }

    [Fact]
    public async Task A_behaviour_for_a_number_of_calls_wears_off()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "error500", times = 2 });

        using var first = await Http.GetAsync(ActivationUrl(InStock));
        using var second = await Http.GetAsync(ActivationUrl(InStock));
        var third = await ActivateAsync(InStock);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(KeyServerOutcome.Malformed, KeyServerReply.Parse(await first.Content.ReadAsStringAsync()).Outcome);
        Assert.Equal(KeyServerOutcome.Activated, third.Outcome);
        Assert.Equal(new KeyCallCounts(3, 1, 0, 2), await CallsAsync(InStock));
    }

    [Fact]
    public async Task A_stalled_call_abandoned_by_the_caller_produces_no_key_and_the_retry_does()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "stall", seconds = 600, times = 1 });

        // Give up only once the server holds the call, as a client's per-attempt timeout would.
        using (var giveUp = new CancellationTokenSource())
        {
            var stalled = Http.GetAsync(ActivationUrl(InStock), giveUp.Token);
            await Eventually.TrueAsync(async () => (await CallsAsync(InStock)).Calls == 1, "the server to hold the first call");
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
        }

        var retry = await ActivateAsync(InStock);

        Assert.Equal(KeyServerOutcome.Activated, retry.Outcome);
        await Eventually.TrueAsync(
            async () => await CallsAsync(InStock) == new KeyCallCounts(2, 1, 0, 1),
            "two calls: one abandoned, one that produced the key");
    }

    [Fact]
    public async Task A_stall_the_caller_waits_out_ends_in_the_normal_answer()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "stall", seconds = 1 });

        var reply = await ActivateAsync(InStock);

        Assert.Equal(KeyServerOutcome.Activated, reply.Outcome);
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_caller_a_transport_error()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "drop", times = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync(ActivationUrl(InStock)));
        var retry = await ActivateAsync(InStock);

        Assert.Equal(KeyServerOutcome.Activated, retry.Outcome);
        Assert.Equal(new KeyCallCounts(2, 1, 0, 1), await CallsAsync(InStock));
    }

    [Fact]
    public async Task Garbage_is_an_html_page_by_default_and_never_a_key()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "garbage" });

        using var response = await Http.GetAsync(ActivationUrl(InStock));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
        Assert.Equal(KeyServerOutcome.Malformed, KeyServerReply.Parse(body).Outcome);
    }

    [Theory]
    [InlineData(49)]
    [InlineData(201)]
    public async Task Garbage_can_be_any_body_such_as_a_key_of_the_wrong_length(int length)
    {
        var body = $"S:OK\nD:2011-08-26 15:51:58\nK:{new string('A', length)}\nI:2011-08-25 18:46:56\nX:2011-09-24\nM:R\n";
        await TellAsync(KeyPath(InStock), new { behaviour = "garbage", body });

        var text = await Http.GetStringAsync(ActivationUrl(InStock));

        Assert.Equal(body, text);
        Assert.Equal(KeyServerOutcome.Malformed, KeyServerReply.Parse(text).Outcome);
    }

    [Fact]
    public async Task A_truncated_reply_is_malformed_and_the_retry_gives_the_whole_same_key()
    {
        await TellAsync(KeyPath(InStock), new { behaviour = "truncated", times = 1 });

        var truncated = await Http.GetStringAsync(ActivationUrl(InStock));
        var retry = await ActivateAsync(InStock);

        Assert.Equal(KeyServerOutcome.Malformed, KeyServerReply.Parse(truncated).Outcome);
        Assert.Equal(KeyServerOutcome.Activated, retry.Outcome);
        Assert.StartsWith(truncated.Split('\n')[2][2..], retry.LicenceKey, StringComparison.Ordinal);
        Assert.Equal(new KeyCallCounts(2, 1, 0, 1), await CallsAsync(InStock));
    }

    [Fact]
    public async Task Twenty_concurrent_activations_of_one_key_all_get_the_one_key_issued_once()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ActivateAsync(InStock)));

        Assert.All(replies, reply => Assert.Equal(KeyServerOutcome.Activated, reply.Outcome));
        Assert.Single(replies.Select(r => (r.LicenceKey, r.IssuedAt, r.ExpiresOn)).Distinct());
        Assert.Equal(new KeyCallCounts(20, 20, 0, 0), await CallsAsync(InStock));
    }

    [Fact]
    public async Task Keys_pasted_into_the_stock_are_added_and_bad_lines_reported()
    {
        using var content = new StringContent("XQI-LOWAY-NEWKEY0001:QM-5/1/365\n\nnot a key\r\n" + InStock + "\n");
        using var response = await Http.PostAsync("control/stock", content);
        var result = await response.Content.ReadFromJsonAsync<StockResult>(Json);

        Assert.Equal(["XQI-LOWAY-NEWKEY0001:QM-5/1/365"], result!.Added);
        Assert.Equal([3], result.Errors.Select(e => e.Line));
        var stock = await GetJsonAsync<List<StockKey>>("control/stock");
        Assert.Equal([InStock, AlsoInStock, "XQI-LOWAY-NEWKEY0001:QM-5/1/365"], stock.Select(k => k.Ppk));
        Assert.Equal(KeyServerOutcome.Activated, (await ActivateAsync("XQI-LOWAY-NEWKEY0001:QM-5/1/365")).Outcome);
    }

    [Fact]
    public async Task A_key_is_found_on_the_control_path_written_raw_or_escaped()
    {
        await ActivateAsync(InStock);

        var raw = await GetJsonAsync<StockKey>("control/keys/" + InStock);
        var escaped = await GetJsonAsync<StockKey>(KeyPath(InStock));

        Assert.Equal(InStock, raw.Ppk);
        Assert.Equal(raw, escaped);
        Assert.NotNull(raw.LicenceKey);
        Assert.Equal(new KeyCallCounts(1, 1, 0, 0), raw.Counts);
    }

    [Fact]
    public async Task An_unknown_key_on_the_control_path_is_not_found()
    {
        using var response = await Http.GetAsync(KeyPath("XQI-LOWAY-NOTINSTOCK:QM-50/1/90"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"behaviour\":\"stall\",\"seconds\":-1}")]
    [InlineData("{\"behaviour\":\"stall\",\"seconds\":601}")]
    [InlineData("{\"behaviour\":\"ko\",\"times\":0}")]
    [InlineData("{\"behaviour\":\"explode\"}")]
    public async Task A_behaviour_that_makes_no_sense_is_refused(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(KeyPath(InStock), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Reset_forgets_issued_keys_behaviours_and_calls_but_keeps_the_configured_stock()
    {
        await ActivateAsync(InStock);
        await TellAsync(KeyPath(AlsoInStock), new { behaviour = "drop" });

        using (var reset = await Http.PostAsync("control/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.Empty(await GetJsonAsync<Dictionary<string, KeyCallCounts>>("control/calls"));
        var stock = await GetJsonAsync<List<StockKey>>("control/stock");
        Assert.All(stock, key => Assert.Null(key.LicenceKey));
        Assert.Equal(KeyServerOutcome.Activated, (await ActivateAsync(AlsoInStock)).Outcome);
    }

    private sealed record StockResult(List<string> Added, List<StockError> Errors);

    private sealed record StockError(int Line, string Reason);
}

public sealed class KeyServerSimulatorAcceptingUnknownKeysTests : SimulatorTest
{
    protected override SimulatorOptions Options => new() { AcceptUnknownKeys = true, TimeProvider = Clock };

    [Fact]
    public async Task Any_well_formed_key_is_taken_into_stock_and_activated()
    {
        var reply = await ActivateAsync("ABC-DEMO-ANYTHING1:QM-20/1/365");

        Assert.Equal(KeyServerOutcome.Activated, reply.Outcome);
        Assert.Equal(new DateOnly(2012, 8, 24), reply.ExpiresOn);
    }

    [Fact]
    public async Task A_malformed_key_is_still_not_found()
    {
        var reply = KeyServerReply.Parse(await Http.GetStringAsync("licence_wsvc_gen.do?K_enduser=A&K_email=a%40b.c&K_id=not-a-key"));

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.StartsWith("Key not found", reply.Reason, StringComparison.Ordinal);
    }
}
