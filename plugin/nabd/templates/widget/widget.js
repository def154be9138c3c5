/* Nabd's status widget. On any site: <script src="https://<status site>/widget.js" async></script>
   and <div data-nabd-status data-lang="ar"></div>; data-src="https://<status site>/" reads
   another status site. The API's texts are set as text (textContent), never parsed as HTML. */
(() => {
  "use strict";
  const LANGUAGES = /*LANGUAGES*/{};
  const FIRST = Object.keys(LANGUAGES)[0];
  const script = document.currentScript;
  const BASE = new URL(".", script ? script.src : location.href).href;
  const CSS = ":host{all:initial;display:block}" +
    ".b{font:14px/1.4 system-ui,sans-serif;color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5em .75em}" +
    "a{color:#0550ae}p{margin:0}ul{margin:.3em 0 0;padding-inline-start:1.2em}" +
    ".i{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-inline-end:.4em;background:#1a7f37}" +
    "[data-i=minor] .i{background:#bf8700}[data-i=major] .i{background:#d1570b}[data-i=critical] .i{background:#cf222e}" +
    "@media (prefers-color-scheme:dark){.b{color:#e6edf3;background:#0d1117;border-color:#3d444d}a{color:#79c0ff}}";
  const loads = {};

  const add = (parent, tag, text) => {
    const node = parent.appendChild(document.createElement(tag));
    if (text) node.textContent = text;
    return node;
  };

  /* An address of the status site (http or https), else null. */
  const safe = (url, root) => {
    try {
      const found = new URL(url);
      return /^https?:$/.test(found.protocol) && found.href.startsWith(root) ? found.href : null;
    } catch (error) {
      return null;
    }
  };

  const link = (parent, url, root, text) => {
    const href = safe(url, root);
    const node = add(parent, href ? "a" : "span", text);
    if (href) node.href = href;
    return node;
  };

  const render = (element, lang, root, summary) => {
    const shadow = element.shadowRoot || element.attachShadow({ mode: "open" });
    shadow.textContent = "";
    add(shadow, "style").textContent = CSS;
    const box = add(shadow, "div");
    box.className = "b";
    box.lang = lang;
    box.dir = LANGUAGES[lang];
    const status = summary.status || {};
    const head = add(box, "p");
    box.dataset.i = String(status.indicator);
    add(head, "span").className = "i";
    const page = summary.page || {};
    link(head, String(page.url) + "/", root, String(status.description || "")).style.fontWeight = "bold";
    const incidents = Array.isArray(summary.incidents) ? summary.incidents : [];
    if (incidents.length) {
      const list = add(box, "ul");
      for (const incident of incidents) link(add(list, "li"), String(incident.shortlink), root, String(incident.name || ""));
    }
  };

  const show = (element) => {
    const root = new URL(element.dataset.src || BASE, location.href).href.replace(/\/?$/, "/");
    const lang = element.dataset.lang in LANGUAGES ? element.dataset.lang : FIRST;
    const url = root + (lang === FIRST ? "" : lang + "/") + "api/v2/summary.json";
    loads[url] = loads[url] || fetch(url).then((response) => response.json());
    loads[url].then((summary) => render(element, lang, root, summary), () => {});
  };

  const start = () => document.querySelectorAll("[data-nabd-status]").forEach(show);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
