using System.Net;
using System.Text.Json;

namespace Portal.LocalServers;

/// <summary>The users of a node that needs logins: an administrator for the management API, a user for the services, no guest.</summary>
public static class RabbitMqUsers
{
    private const string FullPermissions = """{"configure":".*","write":".*","read":".*"}""";

    /// <summary>
    /// Brings the node's users in line with the given credentials, through the management API on
    /// <paramref name="managementPort"/>: <paramref name="administrator"/> (tag administrator) and
    /// <paramref name="services"/> (no management access) with these passwords and every permission on
    /// <paramref name="virtualHost"/> only, and <c>guest</c> deleted. A node created before credentials were required
    /// still has guest as its administrator: guest creates ours, then goes. Passwords travel as RabbitMQ's salted hash.
    /// </summary>
    public static async Task EnsureAsync(
        int managementPort, NetworkCredential administrator, NetworkCredential services, string virtualHost, CancellationToken cancellationToken)
    {
        var admin = new RabbitMqManagementApi(managementPort, administrator);
        if (!await admin.AcceptsLoginAsync(cancellationToken))
        {
            var guest = new RabbitMqManagementApi(managementPort);
            if (!await guest.AcceptsLoginAsync(cancellationToken))
            {
                throw new LocalServerException(
                    $"RabbitMQ's management API on port {managementPort} lets in neither {administrator.UserName} with the generated password nor guest: " +
                    "the node's users were changed by hand or its password file was replaced. Delete the node's data folder (the services declare their queues again) to start over");
            }

            await PutUserAsync(guest, administrator, "administrator", cancellationToken);
        }

        var vhost = Uri.EscapeDataString(virtualHost);
        await PutUserAsync(admin, administrator, "administrator", cancellationToken);
        await admin.PutAsync($"permissions/{vhost}/{Uri.EscapeDataString(administrator.UserName)}", FullPermissions, cancellationToken);
        await PutUserAsync(admin, services, "", cancellationToken);
        await admin.PutAsync($"permissions/{vhost}/{Uri.EscapeDataString(services.UserName)}", FullPermissions, cancellationToken);
        await admin.DeleteAsync("users/guest", cancellationToken);
    }

    private static Task PutUserAsync(RabbitMqManagementApi api, NetworkCredential user, string tags, CancellationToken cancellationToken) =>
        api.PutAsync(
            $"users/{Uri.EscapeDataString(user.UserName)}",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["password_hash"] = RabbitMqPasswordHash.Create(user.Password), ["tags"] = tags }),
            cancellationToken);
}
