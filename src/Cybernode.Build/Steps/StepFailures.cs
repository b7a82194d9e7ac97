namespace Cybernode.Build.Steps;

/// <summary>A step that throws a <see cref="UserError"/> has failed with that message; anything else is a bug and goes up.</summary>
public static class StepFailures
{
    public static async Task<StepOutcome> RunAsync(IStep step, StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await step.RunAsync(context, cancellationToken);
        }
        catch (UserError e)
        {
            return Failed(e);
        }
    }

    public static StepOutcome Failed(UserError error) => new(StepStatus.Failed, Error: error.Describe());
}
