using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ResellerPortal.BrowserTests.Support;
using ResellerPortal.Web.DemoData;
using static Microsoft.Playwright.Assertions;

namespace ResellerPortal.BrowserTests.Instances;

public sealed partial class InstanceCardsTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Creating_an_instance_shows_whether_the_name_is_free_as_the_user_types()
    {
        await SignInAsReseller1Async();
        await Page.GotoAsync("/instances");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New instance" }).ClickAsync();
        var modal = Page.Locator("#instance-modal");
        await Expect(modal).ToBeVisibleAsync();
        var name = modal.GetByLabel("Client (instance name)");
        await Expect(name).ToBeFocusedAsync();

        await Page.Keyboard.TypeAsync("eu-acme");
        await Expect(modal.Locator("#name-reason")).ToHaveAttributeAsync("data-name-status", "taken");
        await Expect(modal.Locator("#name-mark .bi-x-circle-fill")).ToBeVisibleAsync();

        await name.FillAsync(string.Empty);
        await name.PressSequentiallyAsync("browser-made");
        await Expect(modal.Locator("#name-reason")).ToHaveAttributeAsync("data-name-status", "available");
        await Expect(modal.Locator("#name-mark .bi-check-circle-fill")).ToBeVisibleAsync();

        await modal.GetByLabel("Operator").SelectOptionAsync(new SelectOptionValue { Label = "US" });
        await modal.GetByLabel("Long name").FillAsync("Browser Made Inc");
        await modal.GetByLabel("Client state").SelectOptionAsync("SOLD");
        await modal.GetByLabel("Administrator password (demoadmin and uploader)").FillAsync("Strong-pass-42");
        await ScreenshotAsync("instance-create-modal");
        await modal.GetByLabel("Administrator password (demoadmin and uploader)").PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(Url("/instances?q=browser-made"));
        await Expect(Page.Locator("[data-flash]")).ToContainTextAsync("Instance browser-made created");
        var card = Page.Locator("[data-instance=browser-made]");
        await Expect(card).ToHaveAttributeAsync("data-state", "SOLD");
        await Expect(card.Locator("[data-flag=provisioning]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Editing_a_field_that_restarts_warns_before_saving_and_the_card_shows_restart_pending()
    {
        await SignInAsReseller1Async();
        await Page.GotoAsync("/instances?q=eu-iris2");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Settings of eu-iris2" }).ClickAsync();
        var modal = Page.Locator("#instance-modal");
        await Expect(modal.GetByRole(AriaRole.Heading, new() { Name = "Instance eu-iris2" })).ToBeVisibleAsync();
        await Expect(modal.Locator("#client-name")).ToHaveValueAsync("eu-iris2");
        var warning = modal.Locator("#restart-warning");
        await Expect(warning).ToBeHiddenAsync();

        await modal.GetByLabel("Max. agents").FillAsync("42");
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("restarts the instance within 3–5 minutes");
        await ScreenshotAsync("instance-edit-modal");

        await modal.GetByLabel("I understand: restart the instance").CheckAsync();
        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/instances?q=eu-iris2"));
        await Expect(Page.Locator("[data-flash]")).ToContainTextAsync("It will restart within 3–5 minutes");
        await Expect(Page.Locator("[data-instance=eu-iris2] [data-flag=restart-pending]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_rejected_save_keeps_the_modal_open_with_the_reason_and_the_focus_on_the_field()
    {
        await SignInAsReseller1Async();
        await Page.GotoAsync("/instances?q=eu-orion2");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Settings of eu-orion2" }).ClickAsync();
        var modal = Page.Locator("#instance-modal");
        await Expect(modal.GetByLabel("Long name")).ToBeFocusedAsync();

        await modal.GetByLabel("Contact email").FillAsync("not-an-email");
        await modal.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(modal.Locator("[data-valmsg-for=ContactEmail]")).ToHaveTextAsync("Enter a valid email address.");
        await Expect(modal.GetByLabel("Contact email")).ToBeFocusedAsync();
        await Expect(modal.GetByLabel("Contact email")).ToHaveValueAsync("not-an-email");
        await Expect(Page).ToHaveURLAsync(Url("/instances?q=eu-orion2"));
    }

    [Fact]
    public async Task Clicking_outside_the_edit_modal_asks_before_dropping_unsaved_changes()
    {
        await SignInAsReseller1Async();
        await Page.GotoAsync("/instances?q=eu-maple2");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Settings of eu-maple2" }).ClickAsync();
        var modal = Page.Locator("#instance-modal");
        // The modal has finished opening when it has put the focus in its first field.
        await Expect(modal.GetByLabel("Long name")).ToBeFocusedAsync();
        await modal.GetByLabel("Contact person").FillAsync("Someone Else");

        var questions = new List<string>();
        var keep = true;
        Page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            if (keep)
            {
                await dialog.DismissAsync();
            }
            else
            {
                await dialog.AcceptAsync();
            }
        };

        await modal.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await Expect(modal.Locator("#edit-instance-form")).ToBeVisibleAsync();
        Assert.Equal(["Discard your unsaved changes?"], questions);

        keep = false;
        await modal.ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await Expect(modal).ToBeHiddenAsync();
        Assert.Equal(2, questions.Count);
    }

    [Fact]
    public async Task Clicking_a_state_tag_filters_by_that_state_and_the_X_clears_every_filter()
    {
        await SignInAsReseller1Async();
        await Page.GotoAsync("/instances");
        await Page.Locator("[data-state=DEMO] .state-tag").First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(Url("/instances?state=DEMO"));
        await Expect(Page.GetByLabel("State")).ToHaveValueAsync("DEMO");
        var cards = Page.Locator("[data-instance]");
        await Expect(cards.First).ToBeVisibleAsync();
        foreach (var state in await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.state)"))
        {
            Assert.Equal("DEMO", state);
        }

        await Page.GetByLabel("Search by instance name").FillAsync("eu-");
        await Expect(Page).ToHaveURLAsync(StateAndSearch());
        await ScreenshotAsync("instances-list-filtered");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Clear all filters" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(Url("/instances"));
        await Expect(Page.Locator("[data-instance][data-state=SOLD]").First).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("State")).ToHaveValueAsync(string.Empty);
        await ScreenshotAsync("instances-list");
    }

    private async Task SignInAsReseller1Async()
    {
        await SignInAsync(DemoSeeder.Reseller1Email);
        await Expect(Page).ToHaveURLAsync(Url("/dashboard"));
    }

    [GeneratedRegex(@"/instances\?state=DEMO&q=eu-$")]
    private static partial Regex StateAndSearch();
}
