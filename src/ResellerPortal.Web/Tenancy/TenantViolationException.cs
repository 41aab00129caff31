namespace ResellerPortal.Web.Tenancy;

/// <summary>Thrown when a unit of work tries to write a row of a tenant it does not act for.</summary>
public sealed class TenantViolationException(string message) : Exception(message);
