namespace ResellerPortal.Domain.Acting;

/// <summary>Whose users a role may act as: any reseller's, or only its own reseller's.</summary>
public enum ActingScope
{
    AnyReseller,
    OwnReseller,
}

/// <summary>Why a start of acting is refused (§8).</summary>
public enum ActingRefusal
{
    /// <summary>The actor is acting as someone already: no chains.</summary>
    AlreadyActing,

    /// <summary>Acting as oneself means nothing.</summary>
    Self,

    /// <summary>The table does not let the actor's role act as the target's role (more rights, or another reseller).</summary>
    NotAllowed,

    /// <summary>A disabled login cannot be used, not even by acting as it.</summary>
    Disabled,

    /// <summary>The target is acting as someone else right now: never as another impersonator.</summary>
    TargetIsActing,
}

/// <summary>One side of an acting request: the login, its one role and its reseller (null for the provider's staff).</summary>
public sealed record ActingParty(Guid UserId, string Role, Guid? ResellerId);

/// <summary>
/// Who may act as whom (§8), in one table. Never as someone with more rights than the actor: the provider's staff
/// act as a reseller's staff, a reseller's admin as its own reseller's staff. A ResellerAdmin may act as another
/// ResellerAdmin of the same reseller: equal rights are not more rights, and the owner of a reseller with two admins
/// needs to see what the other sees. Clients' logins (the client portal, §7) are the least rights of all: the provider's
/// staff act as any reseller's client, a reseller's admin as its own reseller's clients, a reseller's user as nobody,
/// and a client as nobody either.
/// </summary>
public static class ActingRules
{
    public const int ReasonMaxLength = 500;

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ActingScope>> Table { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, ActingScope>>(StringComparer.Ordinal)
        {
            [Roles.PlatformAdmin] = new Dictionary<string, ActingScope> { [Roles.ResellerAdmin] = ActingScope.AnyReseller, [Roles.ResellerUser] = ActingScope.AnyReseller, [Roles.Client] = ActingScope.AnyReseller },
            [Roles.Support] = new Dictionary<string, ActingScope> { [Roles.ResellerAdmin] = ActingScope.AnyReseller, [Roles.ResellerUser] = ActingScope.AnyReseller, [Roles.Client] = ActingScope.AnyReseller },
            [Roles.ResellerAdmin] = new Dictionary<string, ActingScope> { [Roles.ResellerAdmin] = ActingScope.OwnReseller, [Roles.ResellerUser] = ActingScope.OwnReseller, [Roles.Client] = ActingScope.OwnReseller },
            [Roles.ResellerUser] = new Dictionary<string, ActingScope>(),
            [Roles.Client] = new Dictionary<string, ActingScope>(),
        };

    /// <summary>True when the table lets <paramref name="actor"/>'s role act as <paramref name="target"/>'s, given their resellers.</summary>
    public static bool MayActAs(ActingParty actor, ActingParty target) =>
        Table.TryGetValue(actor.Role, out var targets)
        && targets.TryGetValue(target.Role, out var scope)
        && (scope == ActingScope.AnyReseller || (actor.ResellerId is { } own && target.ResellerId == own));

    /// <summary>True when a role may act as someone at all (the lists show the button to these roles only).</summary>
    public static bool MayAct(string role) => Table.TryGetValue(role, out var targets) && targets.Count > 0;

    /// <summary>The refusal of a start, or null when it may start. The checks in the order a person would ask them.</summary>
    public static ActingRefusal? Check(ActingParty actor, bool actorIsActing, ActingParty target, bool targetDisabled, bool targetIsActing)
    {
        if (actorIsActing)
        {
            return ActingRefusal.AlreadyActing;
        }

        if (actor.UserId == target.UserId)
        {
            return ActingRefusal.Self;
        }

        if (!MayActAs(actor, target))
        {
            return ActingRefusal.NotAllowed;
        }

        if (targetDisabled)
        {
            return ActingRefusal.Disabled;
        }

        return targetIsActing ? ActingRefusal.TargetIsActing : null;
    }

    public static string Message(ActingRefusal refusal) => refusal switch
    {
        ActingRefusal.AlreadyActing => "You are already acting as someone. Return to your own account first.",
        ActingRefusal.Self => "You cannot act as yourself.",
        ActingRefusal.NotAllowed => "You may not act as this user.",
        ActingRefusal.Disabled => "This login is disabled; it cannot be used.",
        ActingRefusal.TargetIsActing => "This user is acting as someone else right now; try again later.",
    };

    /// <summary>
    /// Whether money may move while the <paramref name="realRole"/> acts as someone (§1, §8): the rights of the person
    /// really acting count, so Support, who moves no money, moves none as a reseller's staff either.
    /// </summary>
    public static bool RealActorMovesMoney(string realRole) =>
        realRole is Roles.PlatformAdmin or Roles.ResellerAdmin or Roles.ResellerUser;
}
