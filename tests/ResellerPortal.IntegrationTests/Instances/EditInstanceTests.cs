using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Instances;

namespace ResellerPortal.IntegrationTests.Instances;

public sealed class EditInstanceTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task The_edit_form_shows_the_current_values_with_client_and_operator_read_only()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var (_, page) = await owner.GetPageAsync($"/instances/{await IdAsync("eu-acme")}/edit");

        Assert.Equal("eu-acme", page.QuerySelector("#client-name")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#client-name")!.HasAttribute("readonly"));
        Assert.Equal("EU", page.QuerySelector("#operator-name")!.GetAttribute("value"));
        Assert.Equal("Acme Call Centers", page.QuerySelector("input[name=LongName]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name=Name]"));
    }

    [Fact]
    public async Task A_change_that_restarts_asks_for_confirmation_then_schedules_the_restart()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var id = await BuildAsync(new InstanceBuilder("edit-me").For("Delta Logistics"));
        var url = $"/instances/{id}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        fields["MaxAgents"] = "77";

        var unconfirmed = await owner.SubmitAsync(url, fields);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var warning = Browser.Parse(await unconfirmed.Content.ReadAsStringAsync()).QuerySelector("#restart-warning")!;
        Assert.DoesNotContain("d-none", warning.ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("3–5 minutes", warning.TextContent, StringComparison.Ordinal);
        // The warning says it once; the message beside the box only asks for the tick.
        Assert.Single(Regex.Matches(warning.TextContent, "restarts the instance"));
        Assert.Equal(EditInstance.RestartWarningText, warning.QuerySelector("[data-valmsg-for='ConfirmRestart']")!.TextContent.Trim());
        Assert.Equal(10, await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.MaxAgents).SingleAsync()));
        Assert.Null(await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.RestartRequestedAt).SingleAsync()));

        fields["ConfirmRestart"] = "true";
        var confirmed = await owner.SubmitAsync(url, fields);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var stored = await AsPlatformAsync(db => db.Instances.SingleAsync(i => i.Id == id));
        Assert.Equal(77, stored.MaxAgents);
        Assert.NotNull(stored.RestartRequestedAt);
        var (_, list) = await owner.GetPageAsync("/instances?q=edit-me");
        Assert.NotNull(list.QuerySelector("[data-instance=edit-me] [data-flag=restart-pending]"));
    }

    [Fact]
    public async Task A_change_without_restart_saves_at_once_and_goes_to_the_history()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var id = await BuildAsync(new InstanceBuilder("edit-me").For("Delta Logistics"));
        var url = $"/instances/{id}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        fields["LongName"] = "Delta Logistics Group";
        fields["BillingPerson"] = "Finance Dept";

        var response = await owner.SubmitAsync(url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.RestartRequestedAt).SingleAsync()));
        var (_, history) = await owner.GetPageAsync($"/instances/{id}/history");
        var change = history.QuerySelector("tr[data-audit-action=Modified] [data-field=LongName]")!;
        Assert.Contains("Delta Logistics → Delta Logistics Group", change.TextContent, StringComparison.Ordinal);
        Assert.Contains("Alpha Owner", history.QuerySelector("tr[data-audit-action=Modified]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_over_a_newer_change_is_refused_naming_who_changed_it_and_keeping_the_input()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var url = $"/instances/{await BuildAsync(new InstanceBuilder("edit-me"))}/edit";
        var ownerFields = await CurrentFieldsAsync(owner, url);
        var (_, ownerPage) = await owner.GetPageAsync(url);
        var ownerToken = ownerPage.QuerySelector("#edit-instance-form input[name=__RequestVerificationToken]")!.GetAttribute("value");

        var adminFields = await CurrentFieldsAsync(admin, url);
        adminFields["ContactPerson"] = "Changed By Provider";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(url, adminFields)).StatusCode);

        ownerFields["ContactPerson"] = "Changed By Owner";
        var stale = await owner.PostAsync(url, ownerFields, ownerToken);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = Browser.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Platform Admin changed this instance", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Changed By Owner", page.QuerySelector("input[name=ContactPerson]")!.GetAttribute("value"));
        Assert.Equal("Changed By Provider", await AsPlatformAsync(db => db.Instances.Where(i => i.Name == "edit-me").Select(i => i.ContactPerson).SingleAsync()));
    }

    [Fact]
    public async Task A_REMOVED_instance_cannot_be_turned_back_on()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var removed = await BuildAsync(new InstanceBuilder("removed-one").In(ClientState.Sold, ClientMode.Removed));
        var url = $"/instances/{removed}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        fields["Mode"] = "ON";
        fields["ConfirmRestart"] = "true";

        var response = await owner.SubmitAsync(url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("cannot be turned back on", page.QuerySelector("[data-valmsg-for=Mode]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ClientMode.Removed, await AsPlatformAsync(db => db.Instances.Where(i => i.Id == removed).Select(i => i.Mode).SingleAsync()));
    }

    [Fact]
    public async Task An_EXPIRED_instance_can_be_set_back_to_ON()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var id = await BuildAsync(new InstanceBuilder("expired-one").Of("alpha", "US").In(ClientState.Sold, ClientMode.Expired));
        Assert.Equal(ClientMode.Expired, await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.Mode).SingleAsync()));
        var url = $"/instances/{id}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        fields["Mode"] = "ON";
        fields["ConfirmRestart"] = "true";

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(url, fields)).StatusCode);
        Assert.Equal(ClientMode.On, await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.Mode).SingleAsync()));
    }

    [Fact]
    public async Task A_reseller_edits_the_other_fields_of_its_TEST_instance_without_touching_the_state()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var id = await IdAsync("us-test");
        var url = $"/instances/{id}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        Assert.Equal("TEST", fields["State"]);
        fields["ContactPerson"] = "Integration Team";

        var response = await owner.SubmitAsync(url, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await AsPlatformAsync(db => db.Instances.SingleAsync(i => i.Id == id));
        Assert.Equal(ClientState.Test, stored.State);
        Assert.Equal("Integration Team", stored.ContactPerson);
        Assert.False(stored.IsRestartPending);
    }

    [Fact]
    public async Task K_ApiKey_is_stored_encrypted_and_shown_masked()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var id = await BuildAsync(new InstanceBuilder("edit-me").For("Delta Logistics"));
        var url = $"/instances/{id}/edit";
        var fields = await CurrentFieldsAsync(owner, url);
        fields["KApiKey"] = "sk-live-1234567890abcd";

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(url, fields)).StatusCode);

        var stored = await AsPlatformAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.KApiKeyProtected).SingleAsync());
        Assert.DoesNotContain("1234567890", stored!, StringComparison.Ordinal);
        var (_, page) = await owner.GetPageAsync(url);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("sk-live-1234567890abcd", html, StringComparison.Ordinal);
        Assert.EndsWith("abcd", page.QuerySelector("input[name=KApiKey]")!.GetAttribute("placeholder"), StringComparison.Ordinal);
    }

    private Task<Guid> IdAsync(string name) =>
        AsPlatformAsync(db => db.Instances.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    private async Task<Guid> BuildAsync(InstanceBuilder builder) =>
        (await AsPlatformAsync(builder.SaveAsync)).Id;

    /// <summary>The edit form's fields as the browser would post them unchanged.</summary>
    private static async Task<Dictionary<string, string>> CurrentFieldsAsync(Browser browser, string url)
    {
        var (_, page) = await browser.GetPageAsync(url);
        var form = page.QuerySelector("#edit-instance-form")!;
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (name is "__RequestVerificationToken" or "ConfirmRestart" or "ClearKApiKey")
            {
                continue;
            }

            fields[name] = input is AngleSharp.Html.Dom.IHtmlSelectElement select ? select.Value ?? string.Empty : input.GetAttribute("value") ?? string.Empty;
        }

        return fields;
    }
}
