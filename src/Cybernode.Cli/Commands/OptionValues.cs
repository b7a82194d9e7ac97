using System.CommandLine.Parsing;
using System.Globalization;

namespace Cybernode.Cli.Commands;

/// <summary>Parsers for option values that turn a wrong value into a usage error instead of an exception.</summary>
public static class OptionValues
{
    /// <summary>A whole number within [<paramref name="minimum"/>, <paramref name="maximum"/>]; anything else is an error on the command line.</summary>
    public static int WholeNumber(ArgumentResult result, string option, int minimum, int maximum)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        result.AddError($"{option} takes a whole number from {minimum} to {maximum}, not '{text}'");
        return minimum;
    }
}
