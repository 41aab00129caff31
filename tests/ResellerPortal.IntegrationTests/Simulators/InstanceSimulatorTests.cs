using System.Net;
using System.Net.Http.Json;
using System.Text;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Simulators.Instances;

namespace ResellerPortal.IntegrationTests.Simulators;

public sealed class InstanceSimulatorTests : SimulatorTest
{
    private const string Key = "5231317C-5232476E-4B3A2F10-9C8D7E6F-0A1B2C3D-4E5F6071-8293A4B5-C6D7E8F9-307C";
    private const string OtherKey = "6231317C-5232476E-4B3A2F10-9C8D7E6F-0A1B2C3D-4E5F6071-8293A4B5-C6D7E8F9-307D";

    private static string InstancePath(string name) => "control/instances/" + Uri.EscapeDataString(name);

    private async Task<SimulatedInstance?> FindAsync(string name)
    {
        using var response = await Http.GetAsync(InstancePath(name));
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<SimulatedInstance>(Json);
    }

    private async Task<HttpResponseMessage> PostRpcAsync(string xml, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        return await Http.PostAsync(Host.InstanceRpcUrl, content, cancellationToken);
    }

    private async Task<XmlRpcResponse> SetActivationKeyAsync(string instance, string key, CancellationToken cancellationToken = default)
    {
        using var response = await PostRpcAsync(SetActivationKeyCall.Encode(instance, key), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XmlRpc.DecodeResponse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [Fact]
    public async Task Set_activation_key_installs_the_key_on_the_instance()
    {
        var response = await SetActivationKeyAsync("acme-qm", Key);

        Assert.False(response.IsFault);
        Assert.Equal("OK", response.Value);
        var instance = await GetJsonAsync<SimulatedInstance>(InstancePath("acme-qm"));
        Assert.Equal(Key, instance.LicenceKey);
        Assert.Equal(Start, instance.InstalledAt);
        Assert.Equal((1, 1, 0, 0), (instance.Calls, instance.Installs, instance.Faults, instance.Failures));
    }

    [Fact]
    public async Task A_new_key_replaces_the_installed_one_and_each_instance_keeps_its_own()
    {
        await SetActivationKeyAsync("acme-qm", Key);
        await SetActivationKeyAsync("beta-qm", Key);
        Clock.Advance(TimeSpan.FromDays(90));
        await SetActivationKeyAsync("acme-qm", OtherKey);

        var instances = await GetJsonAsync<List<SimulatedInstance>>("control/instances");

        Assert.Equal([("acme-qm", OtherKey, 2), ("beta-qm", Key, 1)], instances.Select(i => (i.Name, i.LicenceKey!, i.Installs)));
        Assert.Equal(Start.AddDays(90), instances[0].InstalledAt);
    }

    [Theory]
    [InlineData(49)]
    [InlineData(201)]
    public async Task A_key_of_the_wrong_length_is_answered_with_a_fault_and_not_installed(int length)
    {
        var response = await SetActivationKeyAsync("acme-qm", new string('A', length));

        Assert.Equal(new XmlRpcFault(InstanceSimulator.InvalidKeyFaultCode, "Invalid activation key"), response.Fault);
        var instance = await GetJsonAsync<SimulatedInstance>(InstancePath("acme-qm"));
        Assert.Null(instance.LicenceKey);
        Assert.Equal((1, 0, 1), (instance.Calls, instance.Installs, instance.Faults));
    }

    public static TheoryData<string, int> BadCalls => new()
    {
        { XmlRpc.EncodeCall("QM.stats", ["q1", "robot", "robot"]), XmlRpc.MethodNotFoundCode },
        { XmlRpc.EncodeCall(SetActivationKeyCall.MethodName, ["acme-qm"]), XmlRpc.InvalidParamsCode },
        { XmlRpc.EncodeCall(SetActivationKeyCall.MethodName, ["acme-qm", 42]), XmlRpc.InvalidParamsCode },
        { XmlRpc.EncodeCall(SetActivationKeyCall.MethodName, ["", Key]), XmlRpc.InvalidParamsCode },
        { XmlRpc.EncodeCall(SetActivationKeyCall.MethodName, ["acme-qm", Key, "extra"]), XmlRpc.InvalidParamsCode },
        { "this is not xml", XmlRpc.ParseErrorCode },
        { "<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><methodCall><methodName>QM.setActivationKey</methodName><params><param><value>&x;</value></param></params></methodCall>", XmlRpc.ParseErrorCode },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task A_call_the_instance_cannot_take_is_answered_with_the_protocol_fault(string xml, int faultCode)
    {
        using var response = await PostRpcAsync(xml);
        var decoded = XmlRpc.DecodeResponse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(faultCode, decoded.Fault?.Code);
        Assert.Empty(await GetJsonAsync<List<SimulatedInstance>>("control/instances"));
    }

    [Fact]
    public async Task Told_to_fault_the_instance_answers_the_fault_then_installs_when_it_wears_off()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "fault", faultCode = 17, faultString = "Licence store locked", times = 1 });

        var first = await SetActivationKeyAsync("acme-qm", Key);
        var second = await SetActivationKeyAsync("acme-qm", Key);

        Assert.Equal(new XmlRpcFault(17, "Licence store locked"), first.Fault);
        Assert.Equal("OK", second.Value);
        var instance = await GetJsonAsync<SimulatedInstance>(InstancePath("acme-qm"));
        Assert.Equal((2, 1, 1, 0), (instance.Calls, instance.Installs, instance.Faults, instance.Failures));
    }

    [Fact]
    public async Task A_fault_without_details_has_the_default_code()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "fault" });

        var response = await SetActivationKeyAsync("acme-qm", Key);

        Assert.Equal(InstanceSimulator.DefaultFaultCode, response.Fault?.Code);
    }

    [Fact]
    public async Task Behaviours_belong_to_one_instance_only()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "error500" });

        var other = await SetActivationKeyAsync("beta-qm", Key);

        Assert.Equal("OK", other.Value);
    }

    [Fact]
    public async Task An_http_500_and_a_garbage_page_are_not_xml_rpc_answers()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "error500", times = 1 });
        using (var error = await PostRpcAsync(SetActivationKeyCall.Encode("acme-qm", Key)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        }

        await TellAsync(InstancePath("acme-qm"), new { behaviour = "garbage", times = 1 });
        using (var garbage = await PostRpcAsync(SetActivationKeyCall.Encode("acme-qm", Key)))
        {
            Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
            var body = await garbage.Content.ReadAsStringAsync();
            Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeResponse(body));
        }

        var instance = await GetJsonAsync<SimulatedInstance>(InstancePath("acme-qm"));
        Assert.Null(instance.LicenceKey);
        Assert.Equal((2, 0, 0, 2), (instance.Calls, instance.Installs, instance.Faults, instance.Failures));
    }

    [Fact]
    public async Task A_dropped_connection_gives_the_caller_a_transport_error()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "drop", times = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => PostRpcAsync(SetActivationKeyCall.Encode("acme-qm", Key)));
        var retry = await SetActivationKeyAsync("acme-qm", Key);

        Assert.Equal("OK", retry.Value);
    }

    [Fact]
    public async Task A_stalled_call_abandoned_by_the_caller_installs_nothing_and_the_retry_installs()
    {
        await TellAsync(InstancePath("acme-qm"), new { behaviour = "stall", seconds = 600, times = 1 });

        // Give up only once the instance holds the call, as a client's per-attempt timeout would.
        using (var giveUp = new CancellationTokenSource())
        {
            var stalled = PostRpcAsync(SetActivationKeyCall.Encode("acme-qm", Key), giveUp.Token);
            await Eventually.TrueAsync(async () => (await FindAsync("acme-qm"))?.Calls == 1, "the instance to hold the first call");
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
        }

        var retry = await SetActivationKeyAsync("acme-qm", Key);

        Assert.Equal("OK", retry.Value);
        await Eventually.TrueAsync(
            async () => await FindAsync("acme-qm") is { Calls: 2, Installs: 1, Failures: 1 },
            "two calls: one abandoned, one installed");
    }

    [Fact]
    public async Task Instance_names_with_spaces_and_slashes_work_on_the_control_path()
    {
        const string name = "Acme Calls / Milan";
        await TellAsync(InstancePath(name), new { behaviour = "fault", faultString = "Busy", times = 1 });

        var faulted = await SetActivationKeyAsync(name, Key);
        await SetActivationKeyAsync(name, Key);

        Assert.Equal("Busy", faulted.Fault?.Message);
        Assert.Equal(Key, (await GetJsonAsync<SimulatedInstance>(InstancePath(name))).LicenceKey);
    }

    [Fact]
    public async Task An_instance_never_called_is_not_found_on_the_control_path()
    {
        using var response = await Http.GetAsync(InstancePath("nobody"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reset_forgets_installed_keys()
    {
        await SetActivationKeyAsync("acme-qm", Key);

        using (await Http.PostAsync("control/reset", null))
        {
        }

        Assert.Empty(await GetJsonAsync<List<SimulatedInstance>>("control/instances"));
    }
}
