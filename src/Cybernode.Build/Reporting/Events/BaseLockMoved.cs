using Cybernode.Build.Bases;

namespace Cybernode.Build.Reporting.Events;

/// <summary>A base the service starts FROM resolved to another digest than cybernode.lock had, or locked for the first time (<see cref="BaseLockChange.Old"/> null): the lock is updated.</summary>
public sealed record BaseLockMoved(string Service, BaseLockChange Change) : BuildEvent;
