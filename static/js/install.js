// Installs the service worker (templates/offline/sw.js), which keeps the
// pages a person opens and the player going without the network. A new
// release waits until no session is on screen (the worker checks), then
// takes over.

if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then((registration) => {
      const activate = () => registration.waiting?.postMessage("activate");
      activate();
      // The first page opened is the worker's too, once it is there.
      navigator.serviceWorker.ready.then((ready) => ready.active?.postMessage({ keep: location.href }));
      registration.addEventListener("updatefound", () => {
        registration.installing?.addEventListener("statechange", activate);
      });
    })
    .catch(() => {}); // Not allowed here (private mode, an old browser): pages work as ever.
}

// A session's changes made offline, left unsent when its page was closed:
// sent now, by whichever page opens first online.
try {
  const leftOver = Object.keys(localStorage).some((key) => key.startsWith("facerouting:offline:"));
  if (leftOver && navigator.onLine) {
    import(document.body.dataset.offlineScript)
      .then((module) => module.sendLeftOver())
      .catch(() => {});
  }
} catch {} // No storage here: nothing was left either.

// Offline, a form that posts (Start, say) would end on the browser's own
// error page: it says so here instead, and what was typed stays. A form
// htmx sends has had its default prevented by htmx already.
document.addEventListener("submit", (event) => {
  if (navigator.onLine || event.defaultPrevented || event.target.method !== "post") {
    return;
  }
  event.preventDefault();
  let note = document.querySelector("[data-offline-note]");
  if (!note) {
    note = document.createElement("p");
    note.className = "connection";
    note.setAttribute("role", "status");
    note.dataset.offlineNote = "";
    document.querySelector("main")?.prepend(note);
  }
  note.textContent = "You are offline: that needs the connection. Try again when you are back.";
  addEventListener("online", () => note.remove(), { once: true });
});
