// Calm, high-contrast colours (all text ≥ 4.5:1 on white) and marks that differ by shape as
// well as colour, so the chart survives greyscale printing and colour-blind readers.
export const CSS = `
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--culler:#c2410c;--admin:#6d28d9;
--unknown:#57606a;--denied:#b42318;--back:#1a7f37;--hub:#1f5fbf;--gap:#f9dccb;--critical:#a40e26;
--error:#b42318;--warning:#8a5a00;--info:#1f5fbf}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1160px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;line-height:1.25;margin:4px 0 8px}
h2{font-size:19px;margin:36px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.kicker{margin:0;color:var(--muted);font-size:13px;letter-spacing:.04em;text-transform:uppercase}
.summary{font-size:17px;max-width:75ch}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;border:1px solid currentColor;vertical-align:middle;white-space:nowrap}
.sev-critical{color:var(--critical)}.sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
.conf-high{color:var(--back)}.conf-medium{color:var(--warning)}.conf-low{color:var(--muted)}
.stats{display:flex;flex-wrap:wrap;gap:10px 28px;margin:16px 0 0;padding:0}
.stats div{min-width:110px}.stats dt{color:var(--muted);font-size:13px}.stats dd{margin:0;font-size:20px;font-weight:600}
nav{font-size:14px;margin-top:18px}nav a{margin-right:14px}
a{color:var(--hub)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
code{background:var(--soft);padding:0 3px;border-radius:3px}
ol.fix li{margin:4px 0}
div.wide{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:13.5px;margin:6px 0}
caption{text-align:left;color:var(--muted);font-size:13px;padding:2px 0 6px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.t{white-space:nowrap;font-variant-numeric:tabular-nums}
.user{font-weight:600;overflow-wrap:break-word}td.user{min-width:9em;max-width:22em}.nw{white-space:nowrap}
.muted,.note{color:var(--muted)}.note{font-size:13px}
.finding{border-left:4px solid var(--line);padding:4px 0 4px 14px;margin:12px 0}
.finding.b-critical{border-color:var(--critical)}.finding.b-error{border-color:var(--error)}
.finding.b-warning{border-color:var(--warning)}.finding.b-info{border-color:var(--info)}
.finding p{color:var(--ink);margin:4px 0}
ul.ev{list-style:none;padding:0;margin:4px 0 10px}
ul.ev li{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;padding:2px 0;white-space:pre-wrap;overflow-wrap:break-word}
ul.ev .loc{color:var(--hub);margin-right:8px}
tr.unread td{color:var(--warning)}
.inferred{font-size:11px;font-weight:600;color:var(--warning);border:1px solid currentColor;border-radius:8px;padding:0 6px;margin-left:6px}
figure{margin:8px 0 0}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 22px;padding:0;margin:6px 0 4px;font-size:13.5px}
.legend li{display:flex;align-items:center;gap:6px}
.legend svg{width:22px;height:18px}
svg.timeline{width:100%;height:auto;display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12.5px}
.timeline .zebra rect{fill:#f6f8fa}.timeline .grid line{stroke:#eaeef2}
.timeline .who{fill:var(--ink);text-anchor:end;font-weight:600}
.timeline .gap,.legend .gap{fill:var(--gap)}
.legend .gap.open,.timeline .gap.open{fill:#fbe7dc;stroke:var(--culler);stroke-width:.8;stroke-dasharray:3 2}
.timeline .denial,.legend .denial{fill:var(--denied)}
.timeline .step{stroke:#777;stroke-width:1.5;fill:none}
.timeline .step.spawn-failed{stroke:var(--denied);stroke-width:2}
.timeline .del.culler,.legend .del.culler{fill:var(--culler)}
.timeline .del.admin,.legend .del.admin{fill:var(--admin)}
.timeline .del.unknown,.legend .del.unknown{fill:#fff;stroke:var(--unknown);stroke-width:1.6}
.timeline .back,.legend .back{fill:var(--back);stroke:#fff;stroke-width:1.2}
.timeline .back.restart,.legend .back.restart{fill:#fff;stroke:var(--back);stroke-width:2}
.timeline .hub line,.legend .hub{stroke:var(--hub);stroke-width:1.6;stroke-dasharray:5 3}
.timeline .hub text{fill:var(--hub);font-weight:600;font-size:12px}
.timeline .axis line{stroke:#8c959f}
.timeline .axis text{fill:var(--muted)}.timeline .axis text.date{fill:var(--ink);font-weight:600}
.timeline .zone,.timeline .more{fill:var(--muted)}
.timeline .more{font-style:italic}
.empty{color:var(--muted);font-style:italic}
footer{margin-top:40px;color:var(--muted);font-size:12.5px}
@media print{
 body{font-size:11pt}main{max-width:none;padding:0}nav{display:none}
 h2{break-after:avoid;page-break-after:avoid}
 tr,.finding,figure,ul.ev li{break-inside:avoid;page-break-inside:avoid}
 thead{display:table-header-group}div.wide{overflow:visible}
 a{color:inherit;text-decoration:none}
 th{background:none}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 @page{margin:14mm}
}
`.replace(/\n/g, '');
