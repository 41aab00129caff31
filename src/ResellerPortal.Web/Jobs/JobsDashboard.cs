using Hangfire;
using Hangfire.Dashboard;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Jobs;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c>, behind the portal's login: the provider's staff see it
/// (others are refused by the policy, anonymous users sent to the login), PlatformAdmin may trigger,
/// retry and delete, Support only reads.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(Policies.JobsViewers, Path, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "Jobs",
            DisplayStorageConnectionString = false,
            // Commands (trigger, retry, delete, requeue) answer 401 to a read-only viewer.
            IsReadOnlyFunc = context => !context.GetHttpContext().User.MayOperateJobs(),
        });
}
