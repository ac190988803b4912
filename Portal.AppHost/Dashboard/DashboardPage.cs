namespace Portal.AppHost.Dashboard;

/// <summary>A self-contained page (no CDN) that polls /api/resources.</summary>
internal static class DashboardPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Portal AppHost</title>
        <style>
          body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f;background:#fafafa}
          h1{font-size:1.4rem} table{border-collapse:collapse;width:100%;background:#fff}
          th,td{padding:.5rem .7rem;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top;font-size:.9rem}
          th{background:#f0f0f3} .Healthy{color:#0a7d28;font-weight:600} .Failed,.Unhealthy{color:#b00020;font-weight:600}
          .Starting,.Restarting,.Running{color:#9a6700;font-weight:600} pre{background:#111;color:#ddd;padding:.6rem;max-height:20rem;overflow:auto;font-size:.75rem;white-space:pre-wrap}
          details summary{cursor:pointer;color:#3451b2}
        </style></head>
        <body><h1>Portal — resources</h1>
        <p>Front door: <a href="http://127.0.0.1:7007">http://127.0.0.1:7007</a>. This page refreshes every 2 seconds.</p>
        <table><thead><tr><th>Resource</th><th>Type</th><th>State</th><th>Endpoints</th><th>Restarts</th><th>PID</th><th>Console</th></tr></thead>
        <tbody id="rows"><tr><td colspan="7">loading…</td></tr></tbody></table>
        <script>
          const open = new Set();
          const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
          async function refresh() {
            const resources = await (await fetch('/api/resources')).json();
            document.getElementById('rows').innerHTML = resources.map(r => `
              <tr><td><b>${esc(r.name)}</b>${r.message ? '<br><small>' + esc(r.message) + '</small>' : ''}</td><td>${esc(r.type)}</td>
              <td class="${esc(r.state)}">${esc(r.state)}</td>
              <td>${r.endpoints.map(e => e.startsWith('http') ? `<a href="${esc(e)}">${esc(e)}</a>` : esc(e)).join('<br>')}</td>
              <td>${r.restarts}</td><td>${r.pid ?? ''}</td>
              <td><details data-name="${esc(r.name)}" ${open.has(r.name) ? 'open' : ''}><summary>${r.logTail.length} lines</summary><pre>${esc(r.logTail.join('\n'))}</pre></details></td></tr>`).join('');
            document.querySelectorAll('details').forEach(d => d.addEventListener('toggle', () => d.open ? open.add(d.dataset.name) : open.delete(d.dataset.name)));
          }
          refresh(); setInterval(refresh, 2000);
        </script></body></html>
        """;
}
