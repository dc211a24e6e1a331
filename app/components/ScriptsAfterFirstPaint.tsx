import { Scripts } from "react-router";

// The page is whole without its scripts (they only make it livelier), so they start after the
// browser has shown it, not beside it (decision 051). React Router's <Scripts> is rendered as
// it is, inside <noscript>:
// - without JavaScript the browser reads it as HTML and runs none of it, as before;
// - with JavaScript the browser keeps it as text, so nothing in it is fetched while the page is
//   read and painted. The script after it takes the parts out: the hydration context (a plain
//   inline script) at once, because the loader data written after it by React Router feeds it;
//   the module preloads and the module script (≈ 30 files) once the first contentful paint is
//   on the screen (Paint Timing, where a browser reports paints) and a frame has been drawn
//   since this script ran: a first paint can come before the whole page is read (the browser
//   paints while parsing), and the page's largest text may be in the frame after it.
// Made elements carry this response's nonce: the CSP (server/app.ts) stays 'self' + nonce.
// A hidden tab does not paint, so its page comes alive when it is first shown.
// On the client React does not render the children of <noscript>: <Scripts> mounts on the server only.
// (String.raw: the regular expressions below keep their backslashes.)
export const START_AFTER_FIRST_PAINT = String.raw`(function () {
  var PER_TASK = 4;
  var me = document.currentScript, nonce = me.nonce, held = me.previousElementSibling;
  var parts = document.createElement("template");
  parts.innerHTML = held.textContent;
  function add(part) {
    var made = document.createElement(part.localName);
    for (var i = 0; i < part.attributes.length; i++) made.setAttribute(part.attributes[i].name, part.attributes[i].value);
    made.nonce = nonce;
    made.textContent = part.textContent;
    document.head.appendChild(made);
    return made;
  }
  var links = [], module = null;
  parts.content.querySelectorAll("script, link").forEach(function (part) {
    if (part.localName === "link") links.push(part);
    else if (part.type === "module") module = part;
    else add(part).remove();
  });
  var started = false, painted = false, framed = false;
  function soon(then) { setTimeout(then, 0); }
  function start() {
    if (started || !painted || !framed) return;
    started = true;
    var at = 0;
    (function preload() {
      links.slice(at, at += PER_TASK).forEach(add);
      if (at < links.length) soon(preload);
      else soon(evaluate);
    })();
  }
  // React Router's module script imports the route modules (and so everything they import) and
  // then the entry, whose evaluation starts the app. The modules it names are evaluated first,
  // one import() per task, shared libraries before the routes that use them, so that no single
  // task evaluates the whole graph; the module script then finds them evaluated. The entry is
  // left to it, and without it (an unexpected shape) nothing is imported early.
  function evaluate() {
    var text = module ? module.textContent : "", entry = /import\("([^"]+)"\);?\s*$/.exec(text);
    var routes = [], rest = [], found, named = /import \* as \w+ from "([^"]+)"/g;
    while ((found = named.exec(text))) routes.push(found[1]);
    links.forEach(function (link) {
      var href = link.getAttribute("href");
      if (link.rel === "modulepreload" && entry && href !== entry[1] && routes.indexOf(href) < 0) rest.push(href);
    });
    var order = entry ? rest.concat(routes) : [], next = 0;
    (function step() {
      if (next >= order.length) { if (module) add(module); return; }
      import(order[next++]).then(function () { soon(step); }, function () { soon(step); });
    })();
  }
  requestAnimationFrame(function () { setTimeout(function () { framed = true; start(); }, 0); });
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf("paint") >= 0) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); painted = true; start(); }
    }).observe({ type: "paint", buffered: true });
  } else {
    painted = true;
  }
})();`;

export function ScriptsAfterFirstPaint({ nonce }: { nonce?: string }) {
  return (
    <>
      <noscript>
        <Scripts nonce={nonce} />
      </noscript>
      <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: START_AFTER_FIRST_PAINT }} />
    </>
  );
}
