namespace ResellerPortal.Web.Jobs;

/// <summary>How this node runs background jobs (section <c>Jobs</c>); the schedules are read in <see cref="JobRegistration"/>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Run a Hangfire server (workers, schedulers) on this node. Off, the node still enqueues jobs and
    /// shows the dashboard, and another node runs them: test hosts that do not test jobs turn it off.
    /// </summary>
    public bool Server { get; set; } = true;

    /// <summary>Workers of this node's server: jobs it runs at once.</summary>
    public int WorkerCount { get; set; } = 5;

    /// <summary>
    /// How long a fetched job may go without its node's keep-alive before another node takes it again
    /// (sliding: a running job keeps extending it, so only a dead node's job is taken again).
    /// </summary>
    public int InvisibilityTimeoutSeconds { get; set; } = 300;

    /// <summary>How often an idle worker looks for jobs enqueued by another node (this node's own wake it at once).</summary>
    public double QueuePollSeconds { get; set; } = 5;

    /// <summary>How often scheduled jobs and recurring jobs are checked: the precision of every schedule.</summary>
    public double SchedulePollingSeconds { get; set; } = 5;

    /// <summary>How long a stopping node waits for its running jobs; shorter than the host's 30 s shutdown.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;
}
