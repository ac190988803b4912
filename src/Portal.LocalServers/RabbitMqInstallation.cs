using Microsoft.Extensions.Logging;

namespace Portal.LocalServers;

/// <summary>The rabbitmq-server package: where its programs are, and installing it with apt-get when asked to.</summary>
public static class RabbitMqInstallation
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";
    public const string InstallCommand = "sudo apt-get install -y rabbitmq-server";

    public static string ServerProgram => Path.Combine(BinDirectory, "rabbitmq-server");

    public static string ControlProgram => Path.Combine(BinDirectory, "rabbitmqctl");

    public static bool IsInstalled => File.Exists(ServerProgram) && File.Exists(ControlProgram);

    public static async Task EnsureInstalledAsync(bool installIfMissing, ILogger logger, CancellationToken cancellationToken)
    {
        if (IsInstalled)
        {
            return;
        }

        if (!installIfMissing || !Environment.IsPrivilegedProcess)
        {
            throw new LocalServerException($"RabbitMQ is not installed ({ServerProgram} is missing); install it with: {InstallCommand}");
        }

        logger.LogInformation("RabbitMQ is not installed; installing rabbitmq-server with apt-get (about 20 s)");
        var install = await AptGetAsync(["install", "-y", "-q", "rabbitmq-server"], cancellationToken);
        if (!install.Succeeded)
        {
            logger.LogInformation("apt-get install failed; running apt-get update and trying again");
            var update = await AptGetAsync(["update", "-q"], cancellationToken);
            if (!update.Succeeded)
            {
                throw new LocalServerException($"apt-get update failed, so rabbitmq-server cannot be installed:\n{update.Tail()}");
            }

            install = await AptGetAsync(["install", "-y", "-q", "rabbitmq-server"], cancellationToken);
        }

        if (!install.Succeeded || !IsInstalled)
        {
            throw new LocalServerException($"installing rabbitmq-server failed; try it yourself with: {InstallCommand}\n{install.Tail()}");
        }

        logger.LogInformation("rabbitmq-server installed");
    }

    private static Task<CommandResult> AptGetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(
            "apt-get",
            ["-o", "DPkg::Lock::Timeout=120", .. arguments],
            cancellationToken,
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
}
