namespace Portal.AppHost.Dashboard;

/// <summary>A self-contained page (no CDN) that renders /api/resources every two seconds; a resource's row opens to its log.</summary>
internal static class DashboardPage
{
    public static string Render(string encodedFrontDoorUrl) => Template.Replace("{{FRONT_DOOR}}", encodedFrontDoorUrl, StringComparison.Ordinal);

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Portal AppHost</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem 2rem; color: #1f2328; background: #f6f8fa; }
          h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
          p.links { margin: 0 0 1rem; color: #57606a; }
          table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d0d7de; }
          th, td { padding: .45rem .7rem; border-top: 1px solid #d0d7de; text-align: left; vertical-align: top; }
          th { background: #eaeef2; font-weight: 600; }
          tr.resource { cursor: pointer; }
          tr.resource:hover { background: #f6f8fa; }
          .state { font-weight: 600; }
          .Healthy { color: #1a7f37; } .Running { color: #0969da; } .Starting, .Waiting { color: #9a6700; }
          .Unhealthy, .Failed { color: #cf222e; } .Stopped { color: #57606a; }
          .message { color: #57606a; font-size: .85em; }
          pre { margin: 0; padding: .6rem; max-height: 24rem; overflow: auto; background: #0d1117; color: #e6edf3;
                font: 12px ui-monospace, monospace; white-space: pre-wrap; }
          td.log { padding: 0; }
        </style>
        </head>
        <body>
        <h1>Portal — resources</h1>
        <p class="links">Front door: <a href="{{FRONT_DOOR}}">{{FRONT_DOOR}}</a> · JSON: <a href="/api/resources">/api/resources</a> · refreshes every 2 s · click a row for its console log</p>
        <table>
          <thead><tr><th>Resource</th><th>Type</th><th>State</th><th>Health</th><th>Endpoints</th><th>Restarts</th><th>PID</th></tr></thead>
          <tbody id="resources"><tr><td colspan="7">loading…</td></tr></tbody>
        </table>
        <script>
          const open = new Set();
          const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
          const link = url => /^https?:/.test(url) ? `<a href="${esc(url)}" onclick="event.stopPropagation()">${esc(url)}</a>` : esc(url);
          function row(r) {
            const main = `<tr class="resource" data-name="${esc(r.name)}">
                <td><b>${esc(r.name)}</b>${r.message ? `<div class="message">${esc(r.message)}</div>` : ''}</td>
                <td>${esc(r.type)}</td><td class="state ${esc(r.state)}">${esc(r.state)}</td><td>${esc(r.health ?? '')}</td>
                <td>${r.endpoints.map(link).join('<br>')}</td><td>${r.restarts}</td><td>${r.pid ?? ''}</td></tr>`;
            const log = open.has(r.name)
              ? `<tr><td class="log" colspan="7"><pre data-log="${esc(r.name)}">${esc(r.logTail.join('\n')) || '(no output yet)'}</pre></td></tr>`
              : '';
            return main + log;
          }
          async function refresh() {
            try {
              const resources = await (await fetch('/api/resources', { cache: 'no-store' })).json();
              document.getElementById('resources').innerHTML = resources.map(row).join('');
              document.querySelectorAll('pre[data-log]').forEach(pre => pre.scrollTop = pre.scrollHeight);
            } catch {
              document.getElementById('resources').innerHTML = '<tr><td colspan="7">The AppHost does not answer (stopped?).</td></tr>';
            }
          }
          document.getElementById('resources').addEventListener('click', event => {
            const tr = event.target.closest('tr.resource');
            if (!tr) return;
            open.has(tr.dataset.name) ? open.delete(tr.dataset.name) : open.add(tr.dataset.name);
            refresh();
          });
          refresh();
          setInterval(refresh, 2000);
        </script>
        </body>
        </html>
        """;
}
