namespace ResellerPortal.Simulators;

/// <summary>
/// An explicit entry point rather than top-level statements: the test project references both this
/// host and the portal, and two global <c>Program</c> classes would collide there.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => SimulatorHost.RunAsync(args);
}
