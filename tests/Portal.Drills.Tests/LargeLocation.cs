using System.Globalization;
using System.Text;

namespace Portal.Drills.Tests;

/// <summary>
/// The large location of <see cref="ScaleOutDrill"/>: one organisation group with 10,000 members (<c>memberOf</c>) and
/// 100 teams (<c>parent</c>), and components owned by the teams, 100,000 entities in all; and the resident memory of
/// processes, sampled from /proc.
/// </summary>
public static class LargeLocation
{
    public const int Members = 10_000;
    public const int Teams = 100;
    public const int Total = 100_000;
    public const string Group = "everyone";
    private const int Components = Total - 1 - Members - Teams;

    public static string MemberName(int member) => $"member-{member:D5}";

    public static string Yaml()
    {
        var yaml = new StringBuilder(Total * 200);
        yaml.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: backstage.io/v1alpha1
            kind: Group
            metadata:
              name: {Group}
            spec:
              type: organization
              children: []

            """);
        for (var team = 0; team < Teams; team++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: team-{team:D3}
                spec:
                  type: team
                  parent: {Group}
                  children: []

                """);
        }

        for (var member = 0; member < Members; member++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata:
                  name: {MemberName(member)}
                spec:
                  profile:
                    email: {MemberName(member)}@example.com
                  memberOf: [{Group}]

                """);
        }

        for (var component = 0; component < Components; component++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: large-{component:D5}
                spec:
                  type: service
                  lifecycle: production
                  owner: team-{component % Teams:D3}

                """);
        }

        return yaml.ToString();
    }

    /// <summary>The highest resident memory (MB) of any one of the processes, sampled every 100 ms until cancelled.</summary>
    public static async Task<double> SamplePeakAsync(IReadOnlyList<int> pids, CancellationToken cancellationToken)
    {
        var peak = 0.0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, pids.Max(RssMegabytes));
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, pids.Max(RssMegabytes));
    }

    /// <summary>A process's resident memory (VmRSS), in MB; 0 once it is gone.</summary>
    public static double RssMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
