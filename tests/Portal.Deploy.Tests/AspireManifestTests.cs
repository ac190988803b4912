using Xunit;

namespace Portal.Deploy.Tests;

/// <summary>
/// The manifests in <c>deploy/</c> still match the AppHost's Aspire manifest: a setting the AppHost gives a service and
/// the Kubernetes manifests lack fails here.
/// </summary>
public sealed class AspireManifestTests(AspireManifest manifest) : IClassFixture<AspireManifest>
{
    private static IReadOnlyList<KubeObject> Rendered => Kustomize.SmallCluster.Value;

    [Fact]
    public void Every_service_of_the_manifest_is_deployed()
    {
        Assert.Equal(["catalog", "docs", "identity", "scaffolder", "scorecards", "search", "web"], manifest.Services.Keys.Order());
        var deployed = Rendered.Where(item => item.Kind == "Deployment").Select(item => item.Name);
        Assert.Equal(manifest.Services.Keys.Order(), deployed.Order());
    }

    [Fact]
    public void Every_setting_the_manifest_gives_a_service_is_set_in_its_deployment()
    {
        foreach (var (service, environment) in manifest.Services)
        {
            var deployed = Deployment(service).Environment;
            var missing = environment.Keys.Where(name => !deployed.ContainsKey(name)).ToList();
            Assert.True(missing.Count == 0, $"{service} lacks {string.Join(", ", missing)} (deploy/base/{service}.yaml)");
        }
    }

    [Fact]
    public void What_the_manifest_keeps_secret_comes_from_a_kubernetes_secret()
    {
        var secrets = 0;
        foreach (var (service, environment) in manifest.Services)
        {
            var deployed = Deployment(service).Environment;
            foreach (var (name, value) in environment.Where(variable => manifest.IsSecret(variable.Value)))
            {
                Assert.True(deployed[name].Secret is not null, $"{service}: {name} is not read from a Secret");
                secrets++;
            }
        }

        // 6 databases, the broker for 6 services, 7 clients on the provider's side and 6 on the services'.
        Assert.Equal(6 + 6 + 7 + 6, secrets);
    }

    [Fact]
    public void Service_addresses_name_the_clusters_services()
    {
        var checkedAddresses = 0;
        foreach (var (service, environment) in manifest.Services)
        {
            var deployed = Deployment(service).Environment;
            foreach (var name in environment.Keys.Where(name => name.StartsWith("services__", StringComparison.Ordinal)))
            {
                var target = name.Split("__")[1];
                var address = new Uri(deployed[name].Value!);
                Assert.Equal(target, address.Host);
                var port = Assert.Single(Single("Service", target).Items("spec", "ports")).Scalar("port");
                Assert.Equal(port, address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                checkedAddresses++;
            }
        }

        // docs: catalog; search: catalog, docs; scaffolder: catalog; scorecards: none; web: all six.
        Assert.Equal(10, checkedAddresses);
    }

    [Fact]
    public void Paths_are_the_manifests_and_lie_on_a_mounted_volume()
    {
        foreach (var (service, environment) in manifest.Services)
        {
            var deployment = Deployment(service);
            var mounts = deployment.Container.Items("volumeMounts").Select(mount => mount.Scalar("mountPath")!).ToList();
            foreach (var (name, path) in environment.Where(variable => variable.Value.StartsWith('/')))
            {
                Assert.Equal(path, deployment.Environment[name].Value);
                Assert.True(mounts.Any(mount => path == mount || path.StartsWith(mount + "/", StringComparison.Ordinal)),
                    $"{service}: {name}={path} is not on a mounted volume");
            }
        }
    }

    [Fact]
    public void Each_database_is_migrated_by_a_job_running_its_services_image_with_migrate_only()
    {
        var databases = manifest.Databases.ToList();
        Assert.Equal(6, databases.Count);
        var jobs = Rendered.Where(item => item.Kind == "Job").Select(item => new Workload(item, Rendered)).ToList();
        foreach (var (service, database) in databases)
        {
            var setting = $"ConnectionStrings__{database}";
            var job = Assert.Single(jobs, job => job.Environment.ContainsKey(setting));
            var deployment = Deployment(service);
            Assert.Equal(["--migrate-only"], job.Container.Scalars("args"));
            Assert.Equal(deployment.Container.Scalar("image"), job.Container.Scalar("image"));
            Assert.Equal(deployment.Environment[setting], job.Environment[setting]);
            Assert.Equal("Never", job.PodSpec.Scalar("restartPolicy"));

            // --migrate-only builds the whole service before it migrates: the Job needs every setting the service reads.
            var missing = deployment.Environment.Keys.Except(job.Environment.Keys).ToList();
            Assert.True(missing.Count == 0, $"the Job {job.Object.Name} lacks {string.Join(", ", missing)}");
        }
    }

    private static Workload Deployment(string service) => new(Single("Deployment", service), Rendered);

    private static KubeObject Single(string kind, string name) =>
        Assert.Single(Rendered, item => item.Kind == kind && item.Name == name);
}
