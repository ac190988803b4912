using System.ComponentModel;
using System.Diagnostics;
using Portal.Testing;
using YamlDotNet.RepresentationModel;

namespace Portal.Deploy.Tests;

/// <summary>What <c>kubectl kustomize</c> renders from a folder under <c>deploy/</c>, as the objects a cluster would get.</summary>
public static class Kustomize
{
    public static readonly Lazy<IReadOnlyList<KubeObject>> SmallCluster = new(() => Render("deploy/overlays/small"));

    public static IReadOnlyList<KubeObject> Render(string folder)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(AppHostRun.RepositoryRoot, folder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"kubectl is not installed ({exception.Message}): apt-get install -y kubernetes-client (tests/run-all.sh does)", exception);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize {folder} failed ({process.ExitCode}): {stderr.Result}");
            }

            var yaml = new YamlStream();
            yaml.Load(new StringReader(output));
            return yaml.Documents.Select(document => new KubeObject((YamlMappingNode)document.RootNode)).ToList();
        }
    }
}
