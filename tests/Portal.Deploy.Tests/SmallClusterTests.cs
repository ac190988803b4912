using Xunit;

namespace Portal.Deploy.Tests;

/// <summary>What <c>kubectl kustomize deploy/overlays/small</c> renders: each service deployable, reachable and scalable.</summary>
public sealed class SmallClusterTests
{
    private static readonly string[] ServiceNames = ["catalog", "docs", "search", "scaffolder", "identity", "scorecards", "web"];

    public static TheoryData<string> Services => new(ServiceNames);

    private static IReadOnlyList<KubeObject> Rendered => Kustomize.SmallCluster.Value;

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_is_a_deployment_of_two_replicas_with_probes_and_resources(string service)
    {
        var deployment = Deployment(service);
        Assert.True(int.Parse(deployment.Object.Scalar("spec", "replicas") ?? "1") >= 2, $"{service} runs fewer than 2 replicas");

        var container = deployment.Container;
        var port = Assert.Single(container.Items("ports"));
        Assert.Equal("8080", port.Scalar("containerPort"));
        Assert.Equal("8080", deployment.Environment["HTTP_PORTS"].Value);
        foreach (var (probe, path) in new[] { ("readinessProbe", "/health"), ("livenessProbe", "/alive"), ("startupProbe", "/alive") })
        {
            Assert.Equal(path, container.Scalar(probe, "httpGet", "path"));
            Assert.Contains(container.Scalar(probe, "httpGet", "port"), new[] { "8080", port.Scalar("name") });
        }

        // Migrations at start may take minutes: the startup probe allows them before liveness counts.
        var startup = container.At("startupProbe")!;
        Assert.True(int.Parse(startup.Scalar("periodSeconds")!) * int.Parse(startup.Scalar("failureThreshold")!) >= 120);
        foreach (var bound in new[] { "requests", "limits" })
        {
            Assert.False(string.IsNullOrEmpty(container.Scalar("resources", bound, "cpu")), $"{service} has no cpu {bound}");
            Assert.False(string.IsNullOrEmpty(container.Scalar("resources", bound, "memory")), $"{service} has no memory {bound}");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_has_a_service_a_disruption_budget_and_an_autoscaler_that_select_it(string service)
    {
        var labels = Deployment(service).PodLabels;
        bool Selects(IReadOnlyDictionary<string, string> selector) =>
            selector.Count > 0 && selector.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);

        var kubeService = Single("Service", service);
        Assert.True(Selects(kubeService.Pairs("spec", "selector")), $"the Service {service} does not select its pods");
        var port = Assert.Single(kubeService.Items("spec", "ports"));
        Assert.Equal("8080", port.Scalar("port"));

        var budget = Single("PodDisruptionBudget", service);
        Assert.True(Selects(budget.Pairs("spec", "selector", "matchLabels")), $"the PodDisruptionBudget {service} does not select its pods");
        Assert.Equal("1", budget.Scalar("spec", "minAvailable"));

        var autoscaler = Single("HorizontalPodAutoscaler", service);
        Assert.Equal("autoscaling/v2", autoscaler.Scalar("apiVersion"));
        Assert.Equal("Deployment", autoscaler.Scalar("spec", "scaleTargetRef", "kind"));
        Assert.Equal(service, autoscaler.Scalar("spec", "scaleTargetRef", "name"));
        Assert.True(int.Parse(autoscaler.Scalar("spec", "minReplicas")!) >= 2);
        Assert.Equal("cpu", Assert.Single(autoscaler.Items("spec", "metrics")).Scalar("resource", "name"));

        // No other workload's pods (a migration Job's) count against the budget or receive the Service's traffic.
        foreach (var job in Rendered.Where(item => item.Kind == "Job"))
        {
            var jobLabels = job.Pairs("spec", "template", "metadata", "labels");
            Assert.False(kubeService.Pairs("spec", "selector").All(label => jobLabels.TryGetValue(label.Key, out var value) && value == label.Value),
                $"the Service {service} selects the pods of {job}");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Pods_run_as_a_user_other_than_root_without_privilege_escalation(string service)
    {
        var deployment = Deployment(service);
        Assert.Equal("true", deployment.PodSpec.Scalar("securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", deployment.PodSpec.Scalar("securityContext", "runAsUser"));
        Assert.Equal("false", deployment.Container.Scalar("securityContext", "allowPrivilegeEscalation"));
    }

    [Fact]
    public void Images_come_from_the_overlays_registry_with_a_tag()
    {
        var images = Rendered.Where(item => item.Kind is "Deployment" or "Job")
            .Select(item => new Workload(item, Rendered).Container.Scalar("image")!).ToList();
        Assert.Equal(13, images.Count);
        Assert.All(images, image => Assert.Matches(@"^registry\.example\.com/portal/[a-z]+:[0-9.]+$", image));
    }

    [Fact]
    public void No_secret_is_written_in_the_manifests()
    {
        // Secrets are created in the cluster (deploy/secrets.example); the manifests only name them.
        Assert.DoesNotContain(Rendered, item => item.Kind == "Secret");
        var values = Rendered.Where(item => item.Kind is "Deployment" or "Job")
            .SelectMany(item => new Workload(item, Rendered).Environment.Select(variable => (Workload: item, variable.Key, variable.Value)))
            .ToList();
        Assert.NotEmpty(values);
        foreach (var (workload, name, variable) in values)
        {
            Assert.DoesNotMatch("(?i)password=|secret=|amqps?://[^/]*@", variable.Value ?? "");
            if (name.EndsWith("Secret", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                Assert.True(variable.Secret is not null, $"{workload}: {name} is not read from a Secret");
            }
        }
    }

    [Fact]
    public void The_front_door_is_the_one_entry()
    {
        var ingress = Assert.Single(Rendered, item => item.Kind == "Ingress");
        var path = Assert.Single(Assert.Single(ingress.Items("spec", "rules")).Items("http", "paths"));
        Assert.Equal("web", path.Scalar("backend", "service", "name"));
        Assert.All(Rendered.Where(item => item.Kind == "Service"), service => Assert.Null(service.Scalar("spec", "type")));
    }

    [Fact]
    public void The_dashboard_is_optional_and_receives_every_services_telemetry_when_added()
    {
        Assert.DoesNotContain(Rendered, item => item.Name.Contains("dashboard", StringComparison.Ordinal));

        var dashboard = Kustomize.Render("deploy/dashboard");
        Assert.Single(dashboard, item => item.Kind == "Deployment" && item.Name == "aspire-dashboard");
        var telemetry = Assert.Single(dashboard, item => item.Kind == "ConfigMap");
        var endpoint = new Uri(telemetry.Pairs("data")["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var service = Assert.Single(dashboard, item => item.Kind == "Service");
        Assert.Equal(endpoint.Host, service.Name);
        Assert.Contains(service.Items("spec", "ports"), port => port.Scalar("port") == endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var withDashboard = Rendered.Concat(dashboard).ToList();
        foreach (var name in ServiceNames)
        {
            Assert.Equal(endpoint.ToString(), new Uri(new Workload(Single("Deployment", name), withDashboard).Environment["OTEL_EXPORTER_OTLP_ENDPOINT"].Value!).ToString());
        }
    }

    private static Workload Deployment(string service) => new(Single("Deployment", service), Rendered);

    private static KubeObject Single(string kind, string name) =>
        Assert.Single(Rendered, item => item.Kind == kind && item.Name == name);
}
