namespace Portal.Web;

/// <summary>The placeholder landing page until the Blazor UI arrives.</summary>
internal static class HomePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Portal</title>
        <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem;color:#222}
        code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}</style></head>
        <body><h1>Portal</h1>
        <p>The developer portal's front door. The web UI is on its way; the APIs answer already:</p>
        <ul>
          <li><a href="/api/catalog/entities">/api/catalog/entities</a> — the software catalog</li>
          <li><a href="/api/search/">/api/search</a> — search</li>
          <li><a href="/api/techdocs/">/api/techdocs</a> — docs</li>
          <li><a href="/api/scaffolder/">/api/scaffolder</a> — software templates</li>
        </ul></body></html>
        """;
}
