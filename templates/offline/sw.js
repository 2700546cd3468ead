// Facerouting's service worker (facerouting/offline.py fills in the release
// and the shell). It keeps the app shell under its hashed names, the pages a
// person has opened, and an offline page for the rest, so that a session
// keeps guiding when the bathroom's Wi-Fi drops (static/js/offline_player.js).
// The server stays the source of truth: pages come from the network whenever
// it answers in time, and nothing here writes anything.

const RELEASE = "{{ release }}";
const SHELL = {{ shell }};
const OFFLINE_PAGE = "{{ offline_page }}";
// While developing, files change under the same names: the network first.
const DEVELOPING = {{ developing|yesno:"true,false" }};
const SHELL_CACHE = `facerouting-shell-${RELEASE}`;
const PAGES_CACHE = `facerouting-pages-${RELEASE}`;
// A flaky network falls back to the kept copy after this long.
const NETWORK_TIMEOUT_MS = 4000;
// Kept once opened: home, the routines, the programs, the evidence, a
// session's player and the steps it plays offline. Not history or accounts.
const KEPT = [
  /^\/$/,
  /^\/routines\/([\w-]+\/)?$/,
  /^\/programs\/([\w-]+\/)?$/,
  /^\/evidence\/$/,
  /^\/sessions\/\d+\/$/,
  /^\/sessions\/\d+\/offline\/$/,
];

const kept = (url) => KEPT.some((pattern) => pattern.test(url.pathname));

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

// A release replaces the last one whole: its shell and the pages kept with
// it, which name the old files. It waits while a page of the old release is
// open and asks for it to wait (static/js/install.js): the player mid-session.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("facerouting-") && name !== SHELL_CACHE && name !== PAGES_CACHE) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "activate") {
    event.waitUntil(activateUnlessPlaying());
  } else if (event.data?.keep) {
    event.waitUntil(keep(new URL(event.data.keep, location.origin)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== location.origin) {
    return;
  }
  if (request.method !== "GET") {
    // Logging in, out or signing up: the next person here sees none of the
    // pages kept for the last one.
    if (url.pathname.startsWith("/accounts/")) {
      event.waitUntil(caches.delete(PAGES_CACHE));
    }
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(fromShell(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (kept(url) && !request.headers.has("HX-Request")) {
    event.respondWith(networkFirst(request, url));
  }
});

async function fromShell(request) {
  if (DEVELOPING) {
    return fetch(request).catch(() => caches.match(request, { cacheName: SHELL_CACHE }));
  }
  return (await caches.match(request, { cacheName: SHELL_CACHE })) || fetch(request);
}

// The network's answer, kept when it is a page worth keeping.
async function fetchAndKeep(request, url) {
  const response = await fetch(request);
  if (response.ok && kept(url)) {
    const cache = await caches.open(PAGES_CACHE);
    await cache.put(request.url, response.clone());
  }
  return response;
}

function timeout() {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NETWORK_TIMEOUT_MS));
}

async function keptCopy(request) {
  const cache = await caches.open(PAGES_CACHE);
  return cache.match(request.url, { ignoreVary: true });
}

// The network first; the kept copy when it fails or is slow; else, for a
// page, the offline page once the network has really failed.
async function networkFirst(request, url, fallback = null) {
  const network = fetchAndKeep(request, url);
  try {
    return await Promise.race([network, timeout()]);
  } catch {
    const copy = await keptCopy(request);
    if (copy) {
      return copy;
    }
    try {
      return await network;
    } catch (error) {
      if (fallback) {
        return fallback();
      }
      throw error;
    }
  }
}

function page(request, url) {
  return networkFirst(request, url, async () => {
    return (await caches.match(OFFLINE_PAGE, { cacheName: SHELL_CACHE })) || Response.error();
  });
}

// A session on screen keeps the release it started with: its offline half
// and its steps are in that release's caches.
async function activateUnlessPlaying() {
  const windows = await self.clients.matchAll({ type: "window" });
  if (!windows.some((client) => /^\/sessions\/\d+\/$/.test(new URL(client.url).pathname))) {
    await self.skipWaiting();
  }
}

// The player asks for its offline steps to be kept while the network is there.
async function keep(url) {
  if (url.origin !== location.origin || !kept(url)) {
    return;
  }
  const cache = await caches.open(PAGES_CACHE);
  if (!(await cache.match(url.href))) {
    const response = await fetch(url.href);
    if (response.ok) {
      await cache.put(url.href, response);
    }
  }
}
