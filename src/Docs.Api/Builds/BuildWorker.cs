using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

using Portal.ServiceDefaults.BackgroundLoops;

namespace Docs.Api.Builds;

/// <summary>
/// Claims queued builds from the database and runs up to <see cref="DocsBuildOptions.MaxConcurrency"/> of them at once
/// on this replica. Wakes when this replica queued a build, and polls for builds queued by others.
/// </summary>
public sealed class BuildWorker(
    BuildQueue queue,
    BuildRunner runner,
    BuildWakeUp wakeUp,
    IOptionsMonitor<DocsBuildOptions> options,
    BackgroundLoopMonitor loops,
    ILogger<BuildWorker> logger) : BackgroundLoop(loops, "docs-build-worker")
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Run(Building.RendererWarmUp.Run, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.RequeueExpiredAsync(stoppingToken);
                var free = options.CurrentValue.MaxConcurrency - _running.Count;
                if (free > 0)
                {
                    foreach (var build in await queue.ClaimAsync(_owner, free, stoppingToken))
                    {
                        _running[build.Id] = Task.Run(() => BuildAsync(build, stoppingToken), CancellationToken.None);
                    }
                }

                Heartbeat.Alive();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning(exception, "Could not look for queued docs builds; trying again");
                Heartbeat.Failed(exception);
            }

            await wakeUp.WaitAsync(options.CurrentValue.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(_running.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task BuildAsync(ClaimedBuild build, CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(build, _owner, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping, or the lease was lost: the build is queued again when its lease runs out.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Docs build {BuildId} could not be finished; it is retried when its lease runs out", build.Id);
        }
        finally
        {
            _running.TryRemove(build.Id, out _);
            wakeUp.Signal();
        }
    }
}
