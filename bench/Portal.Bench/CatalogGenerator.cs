using System.Globalization;
using System.Text;

namespace Portal.Bench;

/// <summary>
/// A generated organization of <c>n</c> entities in one multi-document YAML file, shaped like the one Backstage was
/// measured with: 1 % groups, 2 % systems, 2 % APIs, the rest components owned by a group, part of a system, each
/// depending on the previous one (a chain) and every tenth providing an API.
/// </summary>
public sealed record CatalogGenerator(int Groups, int Systems, int Apis, int Components)
{
    public int Total => Groups + Systems + Apis + Components;

    public static CatalogGenerator ForTotal(int total)
    {
        var groups = Math.Max(1, total / 100);
        var systems = Math.Max(1, total / 50);
        var apis = Math.Max(1, total / 50);
        return new CatalogGenerator(groups, systems, apis, total - groups - systems - apis);
    }

    public static string ComponentName(int index) => "component-" + index.ToString(CultureInfo.InvariantCulture);

    public async Task WriteAsync(string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        for (var g = 0; g < Groups; g++)
        {
            await writer.WriteAsync($"""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: group-{g}
                  description: Generated team {g}
                spec:
                  type: team
                  children: []
                ---

                """);
        }

        for (var s = 0; s < Systems; s++)
        {
            await writer.WriteAsync($"""
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata:
                  name: system-{s}
                spec:
                  owner: group-{s % Groups}
                ---

                """);
        }

        for (var a = 0; a < Apis; a++)
        {
            await writer.WriteAsync($"""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: api-{a}
                spec:
                  type: openapi
                  lifecycle: production
                  owner: group-{a % Groups}
                  system: system-{a % Systems}
                  definition: "openapi: 3.0.0"
                ---

                """);
        }

        for (var c = 0; c < Components; c++)
        {
            var dependsOn = c == 0 ? "[]" : $"[component:{ComponentName(c - 1)}]";
            var provides = c % 10 == 0 ? $"[api-{c / 10 % Apis}]" : "[]";
            var separator = c == Components - 1 ? "" : "---\n";
            await writer.WriteAsync($"""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: {ComponentName(c)}
                  description: Generated service number {c}
                  tags: [generated, tier-{c % 3}]
                spec:
                  type: {(c % 4 == 0 ? "website" : "service")}
                  lifecycle: {(c % 5 == 0 ? "experimental" : "production")}
                  owner: group-{c % Groups}
                  system: system-{c % Systems}
                  dependsOn: {dependsOn}
                  providesApis: {provides}

                """ + separator);
        }
    }
}
