namespace Belfry.Server.Dashboard;

/// <summary>
/// The dashboard's one style sheet and one script, served from memory: no static web assets, no npm, nothing for
/// <c>belfry serve</c> to find on disk.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>Readable from 390 px wide up: tables scroll inside their own box, never the page.</summary>
    public const string Styles = """
        :root { color-scheme: light dark; --ok: #2e7d32; --bad: #c62828; --muted: #6b7280; --line: #d1d5db; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.45 system-ui, sans-serif; }
        header { border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
        nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; }
        nav .brand { font-weight: 700; }
        main { padding: 0 1rem 2rem; max-width: 72rem; margin: 0 auto; }
        h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.15rem; margin-top: 1.5rem; }
        section { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
        td.word { overflow-wrap: normal; }
        code { overflow-wrap: anywhere; }
        dl { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .25rem 1rem; }
        dd { margin: 0; overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        .failed td:first-child { border-left: 4px solid var(--bad); }
        .selected { outline: 2px solid currentColor; }
        .error, .error-text { color: var(--bad); }
        .counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .75rem; }
        .counts .count { font-size: 1.4rem; font-weight: 700; }
        .rate-ok { fill: var(--ok); } .rate-failed { fill: var(--bad); opacity: .35; }
        .rate-cell { white-space: nowrap; }
        .attempts { margin: 0; padding-left: 1.2rem; }
        .actions, .filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
        .actions form { margin: 0; }
        button { font: inherit; padding: .35rem .9rem; cursor: pointer; }
        button.danger { color: var(--bad); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .run-graph { display: block; max-width: 100%; height: auto; margin: .5rem 0 1rem; }
        .run-graph text { fill: currentColor; font-size: 14px; }
        .run-graph .step-state { font-size: 12px; font-weight: 700; letter-spacing: .03em; }
        .run-graph rect { stroke: var(--muted); stroke-width: 2; fill: var(--muted); fill-opacity: .08; }
        .run-graph .edge { fill: none; stroke: var(--muted); stroke-width: 1.5; } .run-graph .arrow-head { fill: var(--muted); }
        .step-succeeded rect { stroke: var(--ok); fill: var(--ok); fill-opacity: .15; }
        .step-failed rect { stroke: var(--bad); fill: var(--bad); fill-opacity: .15; }
        .step-running rect { stroke: #2563eb; fill: #2563eb; fill-opacity: .15; }
        .step-not-run rect, .step-cancelled rect { stroke-dasharray: 6 4; fill-opacity: 0; }
        """;

    /// <summary>
    /// Live regions: every 5 s, while the tab is visible, the page fetches its own address and swaps each
    /// <c>[data-live]</c> region by id; a failed fetch waits for the next turn quietly, so nothing reaches the console.
    /// </summary>
    public const string Script = """
        (() => {
          const regions = () => document.querySelectorAll('[data-live][id]');
          if (regions().length === 0) return;
          const refresh = async () => {
            if (document.hidden) return;
            try {
              const response = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin', headers: { 'X-Belfry-Live': '1' } });
              if (!response.ok || response.redirected) return;
              const page = new DOMParser().parseFromString(await response.text(), 'text/html');
              for (const region of regions()) {
                const fresh = page.getElementById(region.id);
                if (fresh && fresh.innerHTML !== region.innerHTML) region.innerHTML = fresh.innerHTML;
              }
              document.documentElement.dataset.refreshed = String(Date.now());
            } catch { /* offline or restarting: the next turn tries again */ }
          };
          setInterval(refresh, 5000);
        })();
        """;
}
