using Cybernode.Cli;

return await CliApplication.RunAsync(args);
