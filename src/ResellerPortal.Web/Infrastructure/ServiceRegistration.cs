using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;
using ResellerPortal.Web.Features.Acting;
using ResellerPortal.Web.Features.Audit;
using ResellerPortal.Web.Features.Baskets;
using ResellerPortal.Web.Features.Billing;
using ResellerPortal.Web.Features.Branding;
using ResellerPortal.Web.Features.Clients;
using ResellerPortal.Web.Features.Dids;
using ResellerPortal.Web.Features.Instances;
using ResellerPortal.Web.Features.Keys;
using ResellerPortal.Web.Features.Packages;
using ResellerPortal.Web.Features.Payments;
using ResellerPortal.Web.Features.Resellers;
using ResellerPortal.Web.Features.Statements;
using ResellerPortal.Web.Features.SubAccounts;
using ResellerPortal.Web.Features.Users;
using ResellerPortal.Web.Jobs;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Infrastructure;

public static class ServiceRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton(TimeProvider.System);
        // No "Server: Kestrel" on every answer: it tells a scanner what to try.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHttpContextAccessor();

        services.AddScoped<TenantContext>();
        services.AddScoped<AuditActorAccessor>();
        services.AddScoped<Permissions>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<TenantStampingInterceptor>();
        services.AddSingleton<ConstraintViolationInterceptor>();
        var connections = new PortalConnections(connectionString);
        services.AddSingleton(connections);
        services.AddSingleton<PreTenantReads>();
        // The options are built once (singleton), not per request: the context's scoped state (tenant, actor)
        // comes through its constructor, and the interceptors read it from the context (issue 14).
        services.AddDbContext<PortalDbContext>(
            (sp, options) => options
                .UseNpgsql(connections.ConnectionString)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, TenantModelCacheKeyFactory>()
                .AddInterceptors(
                    sp.GetRequiredService<TenantStampingInterceptor>(), sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<ConstraintViolationInterceptor>()),
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        services.AddScoped<DatabaseMigrator>();

        AddIdentity(services, portal);

        // Keys in PostgreSQL, so every node reads every other node's cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("ResellerPortal").PersistKeysToDbContext<PortalDbContext>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = portal.Https ? "__Host-rp.af" : "rp.af";
            options.Cookie.SecurePolicy = portal.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddAuthorization(Policies.Register);
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                // The validators say what is required, in words; MVC's implicit "The X field is required."
                // for non-nullable strings would only add a second, generic message.
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                // Shown next to the field, so the messages need not (and should not) name the property.
                options.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, _) => $"'{value}' is not a valid value here.");
                options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(_ => "Enter a number.");
                options.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => $"'{value}' is not a valid value here.");
                RouteIdentityBinding.Configure(options);
                ValueBinders.Configure(options);
            })
            .AddRazorOptions(FeatureFolderViews.Configure);
        BoundedTempDataProvider.AddBoundedTempData(services);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = portal.Https ? "__Host-rp.tempdata" : "rp.tempdata";
            options.Cookie.SecurePolicy = portal.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
        });
        services.AddPortalValidators();

        services.AddScoped<EmailOutbox>();
        services.AddScoped<IEmailTemplates, StoredEmailTemplates>();
        services.AddScoped<ClientEmails>();
        services.AddScoped<Ledger.ClientLedger>();
        services.AddScoped<Branding.IClientBrands, Branding.StoredClientBrands>();
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<JobScope>();
        services.AddPortalJobs(configuration, connectionString);

        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<JobsHealthCheck>("jobs", tags: ["ready"]);
        services.AddResellersFeature();
        services.AddInstances(configuration);
        services.AddClientsFeature();
        services.AddSubAccountsFeature();
        services.AddPackagesFeature();
        services.AddDidsFeature();
        services.AddBasketsFeature();
        services.AddPaymentsFeature();
        services.AddStatementsFeature();
        services.AddAuditFeature();
        services.AddKeysFeature(configuration);
        services.AddBillingFeature(configuration);
        Features.ClientPortal.ClientPortalRegistration.AddClientPortal(services, configuration);
        services.AddBrandingFeature(configuration);
        services.AddActingFeature();
        services.AddUsersFeature();
        Features.Security.SecurityRegistration.AddSecurityFeature(services);
        services.AddScoped<DemoData.DemoSeeder>();
        return services;
    }

    private static void AddIdentity(IServiceCollection services, PortalOptions portal)
    {
        // OWASP: PBKDF2-HMAC-SHA512 (Identity v3 format) needs at least 210,000 iterations.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddIdentity<PortalUser, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // Off: a client's login is unique per reseller (§7), staff logins across the platform; the
                // filtered unique indexes on Users hold both (see PortalUserConfiguration).
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(portal.SecurityStampSeconds);
            o.OnRefreshingPrincipal = ActingClaims.CarryOver;
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = portal.Https ? "__Host-rp.auth" : "rp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = portal.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToAccessDenied = SecurityEvents.OnAccessDenied;
        });
        // The security-stamp check (Identity's OnValidatePrincipal) queries the database: the tenant
        // must be set before that first query fixes the context's filters.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            // After the cookie handler's own post-configuration has made the format from the Data Protection keys.
            options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat);
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (context.Principal is { } principal)
                {
                    context.HttpContext.RequestServices.GetRequiredService<TenantContext>().UsePrincipal(principal);
                }

                if (await SessionStamp.IsCurrentAsync(context) && SessionStamp.IdentityValidationDue(context))
                {
                    await validate(context);
                }
            };
        });
    }
}
