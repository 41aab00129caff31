using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>Builds a real login of the test's own (through Identity, with the demo password) in the test database.</summary>
public sealed class UserBuilder(string email, string role)
{
    private Guid? _reseller;
    private string _name = "Builder " + email;
    private readonly List<Guid> _operators = [];
    private bool _disabled;

    public UserBuilder Of(Guid resellerId)
    {
        _reseller = resellerId;
        return this;
    }

    public UserBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public UserBuilder Seeing(Guid operatorId)
    {
        _operators.Add(operatorId);
        return this;
    }

    public UserBuilder Disabled()
    {
        _disabled = true;
        return this;
    }

    public async Task<PortalUser> SaveAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = _name,
            ResellerId = _reseller,
            IsDisabled = _disabled,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Check(await users.CreateAsync(user, DemoSeeder.DefaultPassword));
        Check(await users.AddToRoleAsync(user, role));
        if (_operators.Count > 0)
        {
            db.OperatorAssignments.AddRange(_operators.Select(o => new OperatorAssignment(_reseller!.Value, user.Id, o)));
            await db.SaveChangesAsync();
        }

        return user;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
