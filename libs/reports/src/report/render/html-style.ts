/**
 * The report's only stylesheet, inlined: readable on a phone and on paper (the first page is the
 * summary), contrast of at least 7:1 for text, colour never the only carrier of meaning.
 */
export const REPORT_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.35rem;line-height:1.3;margin:2.25rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid #c8d0da}
h3{font-size:1.1rem;margin:1.5rem 0 .25rem}
p{margin:.4rem 0}
a{color:#1f4e8c}
.eyebrow{margin:0;color:#404040;font-size:.95rem}
.meta{color:#404040;font-size:.9rem}
.headline{font-size:1.2rem;font-weight:600;margin:1rem 0}
.sentences{padding-left:1.25rem;margin:.5rem 0}
.sentences li{margin:.4rem 0}
.intro{color:#404040}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid #d5dbe2;overflow-wrap:anywhere}
thead th{font-size:.85rem;color:#333;border-bottom:2px solid #8a949f}
tbody th{font-weight:600}
.better{color:#0b6b2e}
.worse{color:#a3132b}
.muted{color:#404040}
svg.spark{display:block;width:100%;max-width:120px;height:auto}
.kpis col.name{width:30%}
.kpis col.value{width:17%}
.kpis col.change{width:18%}
.kpis col.trend{width:18%}
.notable li,.recognitions li{margin:.35rem 0}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid #c8d0da;color:#404040;font-size:.85rem}
@media (max-width:40rem){main{padding:1.25rem .75rem 2rem}table{font-size:.8rem}th,td{padding:.35rem .25rem;overflow-wrap:break-word}thead th{font-size:.75rem}.kpis col.name{width:28%}.kpis col.value{width:16%}.kpis col.change{width:22%}.kpis col.trend{width:18%}}
@media print{main{max-width:none;padding:0}.summary{break-after:page}h2{break-after:avoid}tr{break-inside:avoid}}
`;
