namespace Portal.AppHost.Processes;

/// <summary>Stops the service processes a hard-killed earlier run left behind (they would hold the ports).</summary>
internal static class LeftoverChildren
{
    public static async Task StopAsync(RunRecord record, TextWriter console)
    {
        foreach (var (name, process) in record.LeftoverChildren)
        {
            await console.WriteLineAsync($"Stopping {name} (PID {process.Pid}), left running by an earlier AppHost run");
            Signals.SendToGroup(process.Pid, Signals.Terminate);
            for (var waited = 0; waited < 50 && process.IsAlive; waited++)
            {
                await Task.Delay(100);
            }

            Signals.SendToGroup(process.Pid, Signals.Kill); // the group outlives its leader only while members remain
            if (process.IsAlive)
            {
                Signals.SendToProcess(process.Pid, Signals.Kill);
            }
        }
    }
}
