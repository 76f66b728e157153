/*
 * console_assets.c: the console's stylesheet and module script, served
 * as /static/console.css and /static/console.js (render_static(),
 * assets.c), compiled in so a deployment stays one binary.
 *
 * The stylesheet is mobile first: one column at 390 px, the navigation
 * a wrapped row of links above the page; from 900 px a column beside
 * it.  Sizes are in rem and nothing has a fixed height, so 200 % text
 * reflows instead of clipping.  Colours meet WCAG AA (4.5:1 for text):
 * body #1f2329 on #fff, links and buttons #1452c2, hints #4e5969, errors
 * #b3261e on #fff1f0.  Focus is always visible (a 3 px outline).
 *
 * The script is a module (the CSP allows script-src 'self' and nothing
 * inline) and only improves what works without it:
 *   - button[data-copy=ID]: copy the value of #ID (clipboard API, else
 *     the selection), then say so in the button (data-done);
 *   - button[data-confirm=Q]: ask Q before the form posts;
 *   - form[data-preview=BUTTON]: after typing stops for 400 ms, submit
 *     the form through button #BUTTON, whose formaction/formtarget send
 *     it to the preview frame: the preview is rendered by the server,
 *     sandboxed, exactly as the message page will be;
 *   - [data-refresh=S]: reload the page after S seconds (a message
 *     still being delivered).
 */
#include "render/console.h"

const char render_console_css[] =
    ":root{color-scheme:light;--fg:#1f2329;--mute:#4e5969;--link:#1452c2;"
    "--line:#d0d3d9;--bg:#f5f6f8;--bad:#b3261e;--badbg:#fff1f0;--ok:#0b6b2f;"
    "--okbg:#ecf8ef}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.6 "
    "-apple-system,BlinkMacSystemFont,\"Segoe UI\",Roboto,\"PingFang SC\","
    "\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;"
    "overflow-wrap:anywhere}\n"
    "a{color:var(--link)}\n"
    ":focus-visible{outline:3px solid #1452c2;outline-offset:2px}\n"
    "code,pre,.con-code{font-family:ui-monospace,SFMono-Regular,Menlo,"
    "Consolas,monospace;font-size:.875rem}\n"
    ".con-skip{position:absolute;left:-999px;top:0;background:#fff;"
    "padding:.5rem}\n"
    ".con-skip:focus{left:.5rem;z-index:2}\n"
    ".con-top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;"
    "justify-content:space-between;padding:.5rem 1rem;background:#fff;"
    "border-bottom:1px solid var(--line)}\n"
    ".con-brand{font-weight:600;text-decoration:none;color:var(--fg)}\n"
    ".con-user{display:flex;flex-wrap:wrap;gap:.25rem .75rem;"
    "align-items:center;font-size:.875rem}\n"
    ".con-wrap{max-width:72rem;margin:0 auto;padding:0 .75rem}\n"
    ".con-nav{padding:.5rem 0}\n"
    ".con-nav h2{font-size:.8125rem;color:var(--mute);margin:.5rem 0 .25rem;"
    "font-weight:600}\n"
    ".con-nav ul{list-style:none;margin:0;padding:0;display:flex;"
    "flex-wrap:wrap;gap:.25rem}\n"
    ".con-nav a{display:block;padding:.25rem .5rem;border-radius:.25rem;"
    "text-decoration:none}\n"
    ".con-nav a[aria-current]{background:#1452c2;color:#fff}\n"
    "main{background:#fff;border:1px solid var(--line);border-radius:.5rem;"
    "padding:1rem;margin:.5rem 0 1rem;min-width:0}\n"
    "main:focus{outline:none}\n"
    "h1{font-size:1.375rem;margin:0 0 .75rem}\n"
    "h2{font-size:1.125rem;margin:1.5rem 0 .5rem}\n"
    ".con-hint{color:var(--mute);font-size:.875rem;margin:.25rem 0}\n"
    ".con-ok{background:var(--okbg);color:var(--ok);padding:.5rem .75rem;"
    "border-radius:.25rem}\n"
    ".con-err,.con-fielderr{color:var(--bad)}\n"
    ".con-err{background:var(--badbg);padding:.5rem .75rem;"
    "border-radius:.25rem}\n"
    ".con-fielderr{margin:.25rem 0;font-size:.875rem;font-weight:600}\n"
    ".con-form{display:grid;gap:.75rem;max-width:40rem;margin:.5rem 0 1rem}\n"
    ".con-field label{display:block;font-weight:600;margin-bottom:.25rem}\n"
    ".con-field input[type=checkbox]{margin-right:.5rem;width:auto}\n"
    ".con-field input[type=checkbox]+label{display:inline}\n"
    ".con-req{color:var(--mute);font-weight:400;font-size:.8125rem}\n"
    "input,select,textarea{font:inherit;width:100%;max-width:100%;"
    "padding:.4rem .5rem;border:1px solid #6b7280;border-radius:.25rem;"
    "background:#fff;color:var(--fg)}\n"
    ".con-bad input,.con-bad select,.con-bad textarea{border:2px solid "
    "var(--bad)}\n"
    "button{font:inherit;padding:.4rem .9rem;border-radius:.25rem;"
    "border:1px solid #1452c2;background:#1452c2;color:#fff;cursor:pointer;"
    "justify-self:start}\n"
    "button.con-second{background:#fff;color:#1452c2}\n"
    "button.con-danger{background:#fff;color:var(--bad);border-color:"
    "var(--bad)}\n"
    ".con-inline{display:inline}\n"
    ".con-copy span{display:flex;gap:.5rem}\n"
    ".con-copy label{display:block;font-weight:600}\n"
    ".con-table{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9375rem}\n"
    "th,td{text-align:left;border-bottom:1px solid var(--line);"
    "padding:.4rem .5rem;vertical-align:top}\n"
    "th{font-weight:600}\n"
    ".con-preview{width:100%;min-height:16rem;border:1px solid var(--line);"
    "border-radius:.25rem}\n"
    ".con-qr{max-width:12rem;height:auto;border:1px solid var(--line)}\n"
    ".con-pre{white-space:pre-wrap;background:var(--bg);padding:.5rem;"
    "border-radius:.25rem}\n"
    ".con-foot{max-width:72rem;margin:0 auto 2rem;padding:0 1rem;"
    "color:var(--mute);font-size:.8125rem}\n"
    ".con-cards{display:grid;gap:1rem}\n"
    "@media (min-width:900px){.con-wrap{display:grid;"
    "grid-template-columns:13rem 1fr;gap:1rem}.con-nav ul{display:block}"
    ".con-cards{grid-template-columns:1fr 1fr}}\n";

const char render_console_js[] =
    "// feige console: copy, confirm, live preview "
    "(src/render/console_assets.c)\n"
    "document.addEventListener('click', (ev) => {\n"
    "\tconst b = ev.target.closest && "
    "ev.target.closest('button[data-copy]');\n"
    "\tconst el = b && document.getElementById(b.dataset.copy);\n"
    "\tif (!el)\n"
    "\t\treturn;\n"
    "\tel.select();\n"
    "\tconst done = () => { b.textContent = b.dataset.done || 'OK'; };\n"
    "\tif (navigator.clipboard && navigator.clipboard.writeText)\n"
    "\t\tnavigator.clipboard.writeText(el.value).then(done, () => {\n"
    "\t\t\tdocument.execCommand('copy');\n"
    "\t\t\tdone();\n"
    "\t\t});\n"
    "\telse {\n"
    "\t\tdocument.execCommand('copy');\n"
    "\t\tdone();\n"
    "\t}\n"
    "});\n"
    "document.addEventListener('submit', (ev) => {\n"
    "\tconst b = ev.submitter;\n"
    "\tconst q = b && b.dataset.confirm;\n"
    "\tif (q && !window.confirm(q))\n"
    "\t\tev.preventDefault();\n"
    "});\n"
    "const rf = document.querySelector('[data-refresh]');\n"
    "if (rf)\n"
    "\tsetTimeout(() => location.reload(), 1000 * rf.dataset.refresh);\n"
    "for (const f of document.querySelectorAll('form[data-preview]')) {\n"
    "\tconst b = document.getElementById(f.dataset.preview);\n"
    "\tlet t = 0;\n"
    "\tif (!b)\n"
    "\t\tcontinue;\n"
    "\tconst go = () => { clearTimeout(t); t = setTimeout(() => "
    "f.requestSubmit(b), 400); };\n"
    "\tf.addEventListener('input', go);\n"
    "\tf.addEventListener('change', go);\n"
    "\tgo();\n"
    "}\n";
