using System.Globalization;
using System.Text;

namespace Catalog.Api.Processing;

/// <summary>
/// A small generated organization in one YAML file — groups, systems, APIs with definitions, components that are
/// owned, part of a system, depend on each other and provide APIs — shaped like real catalog files, for warm-up.
/// </summary>
public static class WarmUpCatalog
{
    public static string Yaml(int components)
    {
        var text = new StringBuilder();
        var groups = Math.Max(1, components / 20);
        for (var g = 0; g < groups; g++)
        {
            Append(text, $"""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: warm-up-group-{g}
                  title: Warm-up team {g}
                spec:
                  type: team
                  children: []
                """);
            Append(text, $"""
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata:
                  name: warm-up-system-{g}
                  tags: [warm-up]
                spec:
                  owner: warm-up-group-{g}
                """);
            Append(text, $"""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata:
                  name: warm-up-api-{g}
                  description: A generated API
                spec:
                  type: openapi
                  lifecycle: production
                  owner: group:warm-up-group-{g}
                  system: warm-up-system-{g}
                  definition: |
                    openapi: 3.0.0
                    info:
                      title: warm-up
                      version: 1.0.0
                """);
        }

        for (var c = 0; c < components; c++)
        {
            var g = c % groups;
            Append(text, $"""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: warm-up-component-{c}
                  description: Generated component {c} of team {g}
                  annotations:
                    backstage.io/techdocs-ref: dir:.
                  labels:
                    tier: "{c % 3}"
                  tags: [dotnet, warm-up]
                  links:
                    - url: https://example.com/{c}
                      title: Dashboard
                spec:
                  type: service
                  lifecycle: production
                  owner: warm-up-group-{g}
                  system: warm-up-system-{g}
                  dependsOn: [component:warm-up-component-{Math.Max(0, c - 1)}]
                  providesApis: [warm-up-api-{g}]
                """);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string document) =>
        text.Append(CultureInfo.InvariantCulture, $"{document}\n---\n");
}
