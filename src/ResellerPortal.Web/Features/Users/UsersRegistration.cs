namespace ResellerPortal.Web.Features.Users;

public static class UsersRegistration
{
    /// <summary>A reseller's own staff logins (issue 13): list, invite, access, disable; set and change passwords.</summary>
    public static IServiceCollection AddUsersFeature(this IServiceCollection services)
    {
        services.AddScoped<ListUsers>();
        services.AddScoped<InviteUser>();
        services.AddScoped<Invitations>();
        services.AddScoped<SetUserAccess>();
        services.AddScoped<ChangeUserStatus>();
        services.AddScoped<SetPassword>();
        services.AddScoped<ChangePassword>();
        return services;
    }
}
