// The player's offline half, loaded by static/js/player.js when the network
// goes (from the service worker's cache, templates/offline/sw.js). It keeps
// guiding from the session's steps kept on this device
// (practice/views/offline.py): the countdown runs on, and Next, Back, Skip,
// Pause, Resume, Finish and the auto-advance change the step on the screen.
// Each change is queued in IndexedDB with the position and revision it was
// made at and the browser's time, and replayed in order once the network is
// back (practice/replay.py): the server applies a change only while it still
// fits, so nothing is lost, doubled or invented. A reload or a second tab
// during the outage picks up the state kept here.

const DATABASE = "facerouting-offline";
const STORE = "sessions";
const RETRY_MS = 3000;
const REPLAY_TIMEOUT_MS = 8000;
// An auto-advance this soon after the step ran out starts the next step when
// it did, as on the server (practice/player.py AUTO_ADVANCE_GRACE).
const AUTO_ADVANCE_GRACE_MS = 5000;
const OFFLINE = "Offline — your steps will be saved when you are back.";
const NEEDS_NETWORK = "You are offline: that needs the connection. Your steps so far are kept.";

// Read by js/player.js as it loads: there is something to pick up.
const pendingKey = (session) => `facerouting:offline:${session}`;

export async function takeOver(api) {
  const { page, connection } = api;
  const session = Number(page.dataset.session);
  const steps = await keptSteps(page.dataset.offlineSteps);
  if (!steps) {
    return null; // Never kept here: the player says the connection is lost, as before.
  }
  const shown = shownState(api);
  const stored = await read(session).catch(() => null);
  // What was stored here is ahead of the page while it has changes to send,
  // or when this page is the copy the worker kept from earlier.
  const useStored =
    stored &&
    (stored.queue.length
      ? stored.revision >= shown.revision
      : stored.revision > shown.revision || (stored.revision === shown.revision && !navigator.onLine));
  let local = useStored ? stored.local : shown;
  let queue = useStored ? stored.queue : [];
  let active = true;
  let sending = false;

  const guide = {
    get active() {
      return active;
    },
    // Whether it showed the state kept here rather than the page's.
    restored: useStored,
    press,
  };

  if (useStored) {
    show(local);
  }
  keep();
  say(OFFLINE);
  const retry = setInterval(replay, RETRY_MS);
  addEventListener("online", replay);
  replay();
  return guide;

  // A button pressed, or the countdown at zero (its Next, marked auto).
  function press(form) {
    const action = form?.dataset.control;
    if (!action || local.state === "ready" || local.state === "finished") {
      say(NEEDS_NETWORK);
      return;
    }
    if (Number(form.elements.position?.value) !== local.position) {
      return; // A button of a step already left.
    }
    const auto = form.querySelector("[data-auto]")?.value === "1";
    const now = Date.now();
    const changed = apply(local, action, auto, now);
    if (!changed) {
      return;
    }
    queue.push({ action, position: local.position, revision: local.revision, at: now, auto });
    local = changed;
    keep();
    show(local);
    replay();
  }

  // The same rules as practice/player.py, on this device's clock.
  function apply(state, action, auto, now) {
    const stepMs = (position) => steps.steps[position].ms;
    const running = state.state === "running";
    const left = running ? state.endsAt - now : state.remainingMs;
    const at = (position, from = now) =>
      running ? { endsAt: from + stepMs(position), remainingMs: null } : { endsAt: null, remainingMs: stepMs(position) };
    const next = { ...state, revision: state.revision + 1 };
    if (state.state === "abandoned") {
      // Left for hours: only Resume, which starts the step again.
      return action === "resume" ? { ...next, state: "running", endsAt: now + stepMs(state.position), remainingMs: null } : null;
    }
    switch (action) {
      case "next":
      case "skip":
        if (action === "next" && !auto && state.position === 0 && left > stepMs(0)) {
          return { ...next, ...at(0) }; // Next in the lead-in: the first step, now.
        }
        if (state.position === steps.steps.length - 1) {
          return { ...next, state: "finished", endsAt: null, remainingMs: null };
        }
        return {
          ...next,
          position: state.position + 1,
          ...at(state.position + 1, auto && now - state.endsAt <= AUTO_ADVANCE_GRACE_MS ? state.endsAt : now),
        };
      case "back":
        return state.position > 0 ? { ...next, position: state.position - 1, ...at(state.position - 1) } : null;
      case "pause":
        return running ? { ...next, state: "paused", endsAt: null, remainingMs: Math.max(0, left) } : null;
      case "resume":
        return state.state === "paused"
          ? { ...next, state: "running", endsAt: now + state.remainingMs, remainingMs: null }
          : null;
      case "finish":
        return { ...next, state: "finished", endsAt: null, remainingMs: null };
      default:
        return null;
    }
  }

  // The kept step, with the time left filled in, swapped in as htmx would.
  function show(state) {
    const kept =
      state.state === "finished"
        ? steps.finished
        : steps.steps[state.position][state.state === "running" ? "running" : "paused"];
    const template = document.createElement("template");
    template.innerHTML = kept.trim();
    const player = template.content.firstElementChild;
    if (state.state !== "finished") {
      const stepMs = Number(player.dataset.stepMs);
      const left = Math.max(0, state.state === "running" ? state.endsAt - Date.now() : state.remainingMs);
      const done = Number(player.dataset.doneMs) + Math.max(0, stepMs - left);
      player.dataset.remainingMs = String(Math.round(left));
      player.dataset.doneMs = String(done);
      player.dataset.revision = String(state.revision);
      const progress = player.querySelector("[data-progress]");
      if (progress) {
        progress.value = done;
      }
      const clock = player.querySelector("[data-clock]");
      if (clock) {
        clock.textContent = api.formatClock(Math.min(left, stepMs));
      }
    }
    swap(player.outerHTML);
  }

  function swap(html) {
    window.htmx.swap(document.getElementById("player"), html, {
      swapStyle: "outerHTML",
      swapDelay: 0,
      settleDelay: 0,
    });
  }

  // Send the queue; what was pressed meanwhile goes next. The answer is the
  // step as the server has it, which then replaces the one shown here.
  async function replay() {
    if (sending || !active || !navigator.onLine) {
      return;
    }
    sending = true;
    try {
      for (;;) {
        const sent = queue.slice();
        const response = await send(page.dataset.replay, sent);
        if (response.status >= 500) {
          return; // Try again in a moment.
        }
        const answer = await response.text();
        queue.splice(0, sent.length);
        if (!response.ok) {
          // Never to apply (the session was discarded, or is not this person's).
          settle(answer);
          return;
        }
        if (!queue.length) {
          settle("Back online — your steps are saved.");
          swap(answer);
          return;
        }
      }
    } catch {
      // Still no network: the queue waits, kept.
    } finally {
      sending = false;
    }
  }

  function settle(message) {
    active = false;
    clearInterval(retry);
    removeEventListener("online", replay);
    forget(session);
    say(message);
    setTimeout(() => {
      if (connection.textContent === message) {
        connection.textContent = "";
      }
    }, 4000);
  }

  function keep() {
    write({ session, local, revision: local.revision, queue, replay: page.dataset.replay }).catch(() => {});
    try {
      localStorage.setItem(pendingKey(session), "1");
    } catch {} // Private mode: this tab still replays.
  }

  function say(message) {
    connection.textContent = message;
  }
}

// Changes left queued when a page was closed during an outage: sent by the
// next page opened online (static/js/install.js), in case it is not the player.
export async function sendLeftOver() {
  for (const key of Object.keys(localStorage)) {
    const session = Number(key.match(/^facerouting:offline:(\d+)$/)?.[1]);
    if (!session) {
      continue;
    }
    const record = await read(session).catch(() => null);
    try {
      if (record?.queue.length && (await send(record.replay, record.queue)).status >= 500) {
        continue; // Kept for the next try.
      }
      forget(session);
    } catch {
      return; // No network after all.
    }
  }
}

function send(url, changes) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify({ sent: Date.now(), changes }),
    signal: AbortSignal.timeout(REPLAY_TIMEOUT_MS),
  });
}

function shownState(api) {
  const player = document.getElementById("player");
  const state = player.dataset.state;
  const left = api.remainingMs();
  return {
    state,
    position: Number(player.dataset.position),
    revision: Number(player.dataset.revision),
    endsAt: state === "running" ? Date.now() + left : null,
    remainingMs: state === "running" ? null : left,
  };
}

async function keptSteps(url) {
  try {
    const response = await fetch(url);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

function csrfToken() {
  return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
}

function forget(session) {
  try {
    localStorage.removeItem(pendingKey(session));
  } catch {}
  transact("readwrite", (store) => store.delete(session)).catch(() => {});
}

function read(session) {
  return transact("readonly", (store) => store.get(session));
}

function write(record) {
  return transact("readwrite", (store) => store.put(record));
}

function transact(mode, operation) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: "session" });
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const database = opening.result;
      const transaction = database.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => {
        database.close();
        resolve(request.result);
      };
      transaction.onerror = () => reject(transaction.error);
    };
  });
}
