using ResellerPortal.Domain.Billing;

namespace ResellerPortal.UnitTests.Billing;

public sealed class BillingPlannerTests
{
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly Guid Sub = Guid.NewGuid();
    private static readonly Guid Did = Guid.NewGuid();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static BillableClient Client(DateOnly next, int? day = null, string currency = "EUR") => new(ClientId, currency, next, day ?? next.Day);

    private static BillableSubAccount SubAccount(decimal fee, DateOnly connected, string currency = "EUR") => new(Sub, "desk-1", "Basic", fee, currency, connected);

    [Theory]
    [InlineData(2026, 1, 31, 31, 2026, 2, 28)]
    [InlineData(2026, 2, 28, 31, 2026, 3, 31)]
    [InlineData(2026, 3, 31, 31, 2026, 4, 30)]
    [InlineData(2028, 1, 30, 30, 2028, 2, 29)]
    [InlineData(2028, 2, 29, 30, 2028, 3, 30)]
    [InlineData(2026, 12, 15, 15, 2027, 1, 15)]
    public void Billing_dates_on_the_29th_to_31st_are_clamped_and_return_to_the_billing_day(int y, int m, int d, int day, int ny, int nm, int nd) =>
        Assert.Equal(D(ny, nm, nd), BillingCalendar.Next(D(y, m, d), day));

    [Fact]
    public void A_source_connected_before_the_period_pays_the_full_fee_and_the_date_moves_a_month()
    {
        var plan = BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [SubAccount(10m, D(2026, 10, 5))], [], []);

        var charge = Assert.Single(plan.Charges);
        Assert.Equal($"fee:sub:{Sub:N}:2026-12", charge.Key);
        Assert.Equal(10m, charge.Amount);
        Assert.False(charge.Prorated);
        Assert.Equal(D(2027, 1, 1), plan.NextBillingDate);
    }

    [Fact]
    public void A_client_not_yet_due_is_charged_nothing()
    {
        var plan = BillingPlanner.Plan(Client(D(2026, 12, 2)), D(2026, 12, 1), [SubAccount(10m, D(2026, 10, 5))], [], []);

        Assert.Empty(plan.Charges);
        Assert.False(plan.IsDue);
        Assert.Equal(D(2026, 12, 2), plan.NextBillingDate);
    }

    [Fact]
    public void A_source_connected_during_the_previous_period_pays_its_days_there_under_that_period_key_and_the_full_new_period()
    {
        // November has 30 days; connected on the 21st: 10 days of 30 of 10.00 = 3.333… → 3.33.
        var plan = BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [SubAccount(10m, D(2026, 11, 21))], [], []);

        Assert.Equal([$"fee:sub:{Sub:N}:2026-11", $"fee:sub:{Sub:N}:2026-12"], plan.Charges.Select(c => c.Key));
        Assert.Equal([3.33m, 10m], plan.Charges.Select(c => c.Amount));
        Assert.True(plan.Charges[0].Prorated);
    }

    [Fact]
    public void Proration_rounds_half_away_from_zero()
    {
        // 1 day of 30 of 0.15 = 0.005 → 0.01 (half-even would give 0.00).
        Assert.Equal(0.01m, BillingPlanner.Prorate(0.15m, 1, 30, "EUR"));
        Assert.Equal(3m, BillingPlanner.Prorate(5m, 15, 30, "JPY")); // 2.5 → 3
        Assert.Equal(1.667m, BillingPlanner.Prorate(5m, 10, 30, "KWD"));
    }

    [Fact]
    public void A_catch_up_bills_each_missed_period_once_with_its_own_key()
    {
        var plan = BillingPlanner.Plan(Client(D(2026, 9, 30), day: 30), D(2026, 12, 2), [SubAccount(9m, D(2026, 1, 1))], [], []);

        Assert.Equal([D(2026, 9, 30), D(2026, 10, 30), D(2026, 11, 30)], plan.Periods);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], plan.Charges.Select(c => c.Period));
        Assert.Equal(27m, plan.Total);
        Assert.Equal(D(2026, 12, 30), plan.NextBillingDate);
        Assert.Equal(plan.Charges.Count, plan.Charges.Select(c => c.Key).Distinct().Count());
    }

    [Fact]
    public void A_source_connected_after_the_period_start_on_a_late_run_pays_only_its_days()
    {
        // Billing date Dec 1 passed while the portal was down; connected Dec 16, run Dec 20: 16 days of 31.
        var plan = BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 20), [SubAccount(31m, D(2026, 12, 16))], [], []);

        var charge = Assert.Single(plan.Charges);
        Assert.Equal(16m, charge.Amount);
        Assert.Equal("2026-12", charge.Period);
    }

    [Fact]
    public void A_DID_is_free_until_its_billing_start()
    {
        var future = new BillableDid(Did, "+442071234567", 5m, D(2027, 3, 1), D(2026, 11, 1));
        Assert.Empty(BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [], [future], []).Charges);

        // Billing starts Dec 16 inside the period Dec 1 – Jan 1 (31 days): 16 days → 2.58.
        var mid = future with { BillingStart = D(2026, 12, 16) };
        var charge = Assert.Single(BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [], [mid], []).Charges);
        Assert.Equal($"fee:did:{Did:N}:2026-12", charge.Key);
        Assert.Equal(2.58m, charge.Amount);
    }

    [Fact]
    public void Basket_items_due_by_the_run_date_are_charged_once_under_their_own_key()
    {
        var due = new BillableBasketItem(Guid.NewGuid(), "Router", 49.9m, "EUR", D(2026, 11, 20));
        var later = new BillableBasketItem(Guid.NewGuid(), "Phone", 80m, "EUR", D(2026, 12, 5));

        var plan = BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [], [], [due, later]);

        var charge = Assert.Single(plan.Charges);
        Assert.Equal("basket:" + due.ItemId.ToString("N"), charge.Key);
        Assert.Equal(49.9m, charge.Amount);
    }

    [Fact]
    public void A_package_in_another_currency_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [SubAccount(10m, D(2026, 1, 1), "USD")], [], []));
        Assert.Contains("USD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fee_of_zero_charges_nothing() =>
        Assert.Empty(BillingPlanner.Plan(Client(D(2026, 12, 1)), D(2026, 12, 1), [SubAccount(0m, D(2026, 1, 1))], [], []).Charges);
}

public sealed class BalanceRunwayTests
{
    private static readonly DateOnly Today = new(2026, 12, 10);

    [Fact]
    public void Daily_spend_alone_runs_the_balance_out_on_the_day_it_reaches_zero()
    {
        // 30 spent in 30 days: 1 a day; 10 lasts 10 days.
        var runway = BalanceRunway.Estimate(10m, Today, 30m, new DateOnly(2027, 6, 1), 0m, 0m, 1);

        Assert.Equal(10, runway.Days);
        Assert.Equal(new DateOnly(2026, 12, 20), runway.Until);
    }

    [Fact]
    public void The_next_runs_charges_and_the_monthly_fees_fall_on_the_billing_dates()
    {
        // No daily spend; 25 due on Dec 15, then 25 on Jan 15: 40 lasts until Jan 15.
        var runway = BalanceRunway.Estimate(40m, Today, 0m, new DateOnly(2026, 12, 15), 25m, 25m, 15);

        Assert.Equal(new DateOnly(2027, 1, 15), runway.Until);
        Assert.Equal(36, runway.Days);
    }

    [Fact]
    public void A_balance_at_or_below_zero_has_run_out_today() =>
        Assert.Equal(0, BalanceRunway.Estimate(0m, Today, 10m, Today, 0m, 0m, 1).Days);

    [Fact]
    public void Without_spend_or_fees_the_balance_does_not_run_out() =>
        Assert.False(BalanceRunway.Estimate(10m, Today, 0m, Today.AddDays(5), 0m, 0m, 1).RunsOut);

    [Fact]
    public void Credits_do_not_make_the_balance_last_longer_than_no_spend() =>
        Assert.False(BalanceRunway.Estimate(10m, Today, -50m, Today.AddDays(5), 0m, 0m, 1).RunsOut);

    [Fact]
    public void A_daily_spend_that_is_not_a_whole_number_of_cents_adds_up_exactly()
    {
        // 10 spent in 30 days (0.333… a day): 1 lasts exactly 3 days, not 2 or 4 by rounding.
        var runway = BalanceRunway.Estimate(1m, Today, 10m, new DateOnly(2027, 6, 1), 0m, 0m, 1);

        Assert.Equal(3, runway.Days);
    }

    [Theory]
    [InlineData(7, 0.5, 30, 0, true)] // spend only: 0.50 with 30 a month lasts 0.5 day
    [InlineData(7, 7, 30, 0, true)] // exactly 7 days of spend: runs out on day 7
    [InlineData(7, 7.01, 30, 0, false)]
    [InlineData(7, 10, 0, 9.99, false)] // the next run's 9.99 leaves 0.01
    [InlineData(7, 10, 0, 10, true)] // the next run takes it all
    [InlineData(7, 0, 0, 0, true)] // nothing left today
    [InlineData(7, -5, 0, 0, true)]
    [InlineData(7, 100, -300, 0, false)] // credits never shorten nor lengthen
    [InlineData(0, 3, 90, 0, false)] // a window of 0 days: only what is due today
    [InlineData(27, 27, 30, 0, true)]
    public void RunsOutWithin_is_the_inequality_of_the_window(int days, double balance, double spent, double due, bool expected) =>
        Assert.Equal(expected, BalanceRunway.RunsOutWithin(days, (decimal)balance, (decimal)spent, (decimal)due));

    [Fact]
    public void A_window_longer_than_the_shortest_billing_month_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BalanceRunway.RunsOutWithin(28, 1m, 1m, 0m));

    /// <summary>The list's SQL form agrees with the client page's runway, whatever the inputs.</summary>
    [Fact]
    public void RunsOutWithin_agrees_with_Estimate_for_every_window_and_input()
    {
        decimal[] balances = [-1m, 0m, 0.01m, 1m, 3m, 7m, 9.99m, 10m, 25m, 100m, 1000m];
        decimal[] spends = [-20m, 0m, 1m, 10m, 30m, 45.5m, 90m, 300m];
        decimal[] totals = [0m, 4m, 9.99m, 10m, 15.4m, 50m];
        int[] offsets = [-40, -3, 0, 1, 3, 6, 7, 8, 20, 27, 28, 45];
        foreach (var window in new[] { 0, 1, 3, 7, 14, 27 })
        {
            foreach (var balance in balances)
            {
                foreach (var spent in spends)
                {
                    foreach (var total in totals)
                    {
                        foreach (var offset in offsets)
                        {
                            var next = Today.AddDays(offset);
                            var runway = BalanceRunway.Estimate(balance, Today, spent, next, total, 12.5m, next.Day);
                            var due = next <= Today.AddDays(window) ? total : 0m;
                            var within = BalanceRunway.RunsOutWithin(window, balance, spent, due);
                            Assert.True(
                                (runway.Days is { } d && d <= window) == within,
                                $"window {window}, balance {balance}, spent {spent}, next run {total} on {next}: Estimate {runway.Days?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never"}, RunsOutWithin {within}");
                        }
                    }
                }
            }
        }
    }
}
