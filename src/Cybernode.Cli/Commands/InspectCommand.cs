using System.CommandLine;
using Cybernode.Build;
using Cybernode.Cli.Output;
using Cybernode.Cli.Output.Reports;
using Cybernode.Oci.Model;
using Cybernode.Oci.Store;

namespace Cybernode.Cli.Commands;

public static class InspectCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "Image name (cybernode/x, cybernode/x:latest), manifest digest or a prefix of it (as images shows), or a service name of the workspace" };
        var json = CommonOptions.Json();
        var store = CommonOptions.Store();
        var workspace = CommonOptions.Workspace();
        var command = new Command("inspect", "Show an image's config (with labels) and manifest") { reference, json, store, workspace };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = CommonOptions.ResolveStore(parse.GetValue(store), parse.GetValue(workspace)!);
            var name = parse.GetValue(reference)!;
            var (opened, found) = await StoreAccess.FindAsync(location, name, parse.GetValue(workspace)!, cancellationToken);
            var image = await ImageReader.ReadAsync(opened, found.Manifest, Platform.Current, cancellationToken);
            var document = new InspectReport(found.Name, found.Manifest.Digest.ToString(), image.Manifest, image.Config);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(Console.Out, document, JsonOutput.OciOptions);
                return ExitCodes.Success;
            }

            var config = image.Config.Config ?? new ContainerConfig();
            Console.Out.WriteLine($"Name:        {document.Name}");
            Console.Out.WriteLine($"Digest:      {document.Digest}");
            Console.Out.WriteLine($"Platform:    {image.Config.Os}/{image.Config.Architecture}");
            Console.Out.WriteLine($"Created:     {image.Config.Created?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}");
            Console.Out.WriteLine($"Entrypoint:  {Join(config.Entrypoint)}");
            Console.Out.WriteLine($"Cmd:         {Join(config.Cmd)}");
            Console.Out.WriteLine($"WorkingDir:  {config.WorkingDir}");
            Console.Out.WriteLine($"User:        {config.User}");
            Console.Out.WriteLine($"Env:         {Join(config.Env)}");
            Console.Out.WriteLine($"Volumes:     {Join(config.Volumes?.Keys.ToList())}");
            Console.Out.WriteLine($"Ports:       {Join(config.ExposedPorts?.Keys.ToList())}");
            Console.Out.WriteLine("Labels:");
            foreach (var (key, value) in config.Labels ?? new())
            {
                Console.Out.WriteLine($"  {key}={value}");
            }

            Console.Out.WriteLine("Layers:");
            foreach (var layer in image.Manifest.Layers)
            {
                Console.Out.WriteLine($"  {layer.Digest}  {ImagesCommand.HumanSize(layer.Size)}  {layer.MediaType}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Join(IReadOnlyList<string>? words) => words is null ? "" : string.Join(" ", words.Select(w => w.Contains(' ') ? $"\"{w}\"" : w));
}
