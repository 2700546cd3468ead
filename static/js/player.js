// The player in the browser. The server owns the state; this only counts down
// to the deadline it was given, posts Next when time is up, and guides
// hands-free: the moving face, screen awake, chimes, speech, headset buttons,
// keys, announcements. Every browser API here is optional.

const page = document.querySelector(".player-page");
if (page) {
  startPlayer(page);
}

function startPlayer(page) {
  const announcer = page.querySelector("[data-announcer]");
  const connection = page.querySelector("[data-connection]");
  const calm = matchMedia("(prefers-reduced-motion: reduce)");
  const prefs = loadPrefs();
  let countdown = null;
  let wakeLock = null;
  let audio = null;
  let lastSpoken = null;
  let moving = [];

  showOptions(page.querySelector("[data-player-options]"), prefs);

  document.addEventListener("htmx:load", (event) => {
    if (event.target.id === "player") {
      mount(event.target, true);
    }
  });

  // Any answer means the connection is back.
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful) {
      connection.textContent = "";
    }
  });
  addEventListener("online", () => {
    if (!offline?.active) {
      connection.textContent = "";
    }
  });

  // Without the network the offline half guides (js/offline_player.js), from
  // the steps the service worker keeps: registered here, as this page loads
  // no other script, and told which to keep.
  navigator.serviceWorker
    ?.register(page.dataset.serviceWorker, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      for (const url of [location.pathname, page.dataset.offlineSteps]) {
        registration.active?.postMessage({ keep: url });
      }
    })
    .catch(() => {});
  let offline = null;
  let goingOffline = null;
  function goOffline() {
    goingOffline ??= import(document.body.dataset.offlineScript)
      .then((module) => module.takeOver({ page, connection, mount, formatClock, remainingMs }))
      .catch(() => null)
      .then((guide) => {
        offline = guide;
        goingOffline = null;
        return guide;
      });
    return goingOffline;
  }
  function lostConnection(element) {
    const form = element?.closest?.("form");
    if (offline?.active) {
      offline.press(form);
      return;
    }
    goOffline().then((guide) => (guide && form ? guide.press(form) : retryOrReport(element)));
  }
  addEventListener("offline", () => offline?.active || goOffline());
  // Changes made offline and not yet sent, or no network at all: from where it was left.
  if (!navigator.onLine || leftOffline(page.dataset.session)) {
    goOffline().then((guide) => guide?.restored || mount(document.getElementById("player"), false));
  } else {
    mount(document.getElementById("player"), false);
  }

  // The server applies only the position it was sent: a retry is safe.
  document.addEventListener("htmx:sendError", (event) => lostConnection(event.detail.elt));
  document.addEventListener("htmx:timeout", (event) => lostConnection(event.detail.elt));
  document.addEventListener("htmx:responseError", (event) => {
    if (event.detail.xhr.status >= 500) {
      retryOrReport(event.detail.elt);
    } else {
      connection.textContent = event.detail.xhr.responseText || "That did not work.";
    }
  });

  // A step change sends its forms without the CSRF token: htmx sends it in a
  // header. A form pressed in the moment before htmx has taken over the new
  // step posts as a plain form, so it gets the token from the page here.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!form.closest?.("#player")) {
        return;
      }
      if (offline?.active) {
        // Offline: the step changes here, and the change waits to be sent.
        event.preventDefault();
        event.stopImmediatePropagation();
        offline.press(form);
        return;
      }
      if (form.elements.csrfmiddlewaretoken) {
        return;
      }
      const token = document.createElement("input");
      token.type = "hidden";
      token.name = "csrfmiddlewaretoken";
      token.value = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
      form.append(token);
    },
    { capture: true },
  );

  // Audio may only start after a gesture.
  for (const type of ["pointerdown", "keydown"]) {
    document.addEventListener(type, unlockAudio, { capture: true });
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      countdown?.tick();
      holdScreen(currentState() === "running");
    }
  });

  // Keys work whatever has focus, except where a key types or ticks.
  document.addEventListener("keydown", onKey);
  document.addEventListener("keyup", (event) => {
    if (event.key === " " && shortcutTarget(event)) {
      event.preventDefault(); // a focused button presses on keyup
    }
  });

  // Headset and lock-screen buttons press the same buttons as a finger.
  if ("mediaSession" in navigator) {
    const handlers = {
      play: ["resume", "begin"],
      pause: ["pause"],
      nexttrack: ["next"],
      previoustrack: ["back"],
    };
    for (const [name, actions] of Object.entries(handlers)) {
      try {
        navigator.mediaSession.setActionHandler(name, () => actions.some(press));
      } catch {}
    }
  }

  function remainingMs() {
    return countdown ? countdown.remaining() : Number(document.getElementById("player")?.dataset.remainingMs);
  }

  function currentState() {
    return document.getElementById("player")?.dataset.state;
  }

  function press(action) {
    const button = document.querySelector(`#player button[data-action="${action}"]`);
    if (!button || button.disabled) {
      return false;
    }
    button.click();
    return true;
  }

  function mount(player, swapped) {
    countdown?.stop();
    countdown = null;
    if (!player) {
      return;
    }
    const state = player.dataset.state;
    if (state === "running") {
      countdown = startCountdown(player);
    } else {
      moveGuide(player, Number(player.dataset.stepMs) - Number(player.dataset.remainingMs));
    }
    holdScreen(state === "running");
    describeMedia(player);
    if (swapped) {
      announce(player.dataset.announce);
      if (state === "running" && player.dataset.position !== lastSpoken) {
        speak(`${player.dataset.title}. ${player.dataset.cue}`);
      }
      lastSpoken = player.dataset.position;
    } else {
      lastSpoken = state === "ready" ? null : player.dataset.position;
    }
  }

  function describeMedia(player) {
    if (!("mediaSession" in navigator) || !window.MediaMetadata) {
      return;
    }
    const { title, routine, stepLabel, state } = player.dataset;
    navigator.mediaSession.metadata = new MediaMetadata({
      title: title || player.querySelector("h1")?.textContent || routine,
      artist: routine,
      album: title ? stepLabel : "",
    });
    navigator.mediaSession.playbackState = state === "running" ? "playing" : "paused";
  }

  // The face guide: a marker travels a stroke path once per stroke, presses
  // pulse, holds fill a ring; reduced motion keeps the still arrows. `elapsed`
  // is the step's time so far (< 0 in the lead-in), to keep pace with the clock.
  function moveGuide(player, elapsed) {
    moving.forEach((animation) => animation.cancel());
    moving = [];
    const guide = player.querySelector("[data-guide]");
    const svg = document.querySelector("#face-guide svg");
    const layer = svg?.querySelector("[data-markers]");
    if (!guide || !layer) {
      return;
    }
    layer.replaceChildren();
    const { zone, direction, showing, kind } = guide.dataset;
    const period = Number(guide.dataset.periodMs) || 3000;
    const group = svg.querySelector(`.zone-${zone} .dir-${direction}`);
    const sides = showing === "both" ? ["right", "left"] : [showing];
    const animate = (element, frames, options) => {
      if (!calm.matches) {
        const animation = element.animate(frames, { iterations: Infinity, ...options });
        animation.currentTime = elapsed;
        if (player.dataset.state === "paused" || player.dataset.state === "abandoned") {
          animation.pause();
        }
        moving.push(animation);
      }
    };
    // Halves meeting in the middle (forehead, chin) hold as one ring.
    const boxes = sides.map((side) => svg.querySelector(`.zone-${zone} .area.${side}`)?.getBBox());
    const [a, b] = boxes;
    const whole = kind === "hold" && b && Math.abs(a.x + a.width - b.x) < 4;
    for (const [index, side] of sides.entries()) {
      if (kind === "hold") {
        if (!boxes[index] || (whole && index)) {
          continue;
        }
        const box = whole ? { x: a.x, y: a.y, width: a.width + b.width, height: a.height } : boxes[index];
        const ring = svg.querySelector("[data-hold]").cloneNode(true);
        ring.setAttribute("transform", `translate(${box.x + box.width / 2} ${box.y + box.height / 2})`);
        layer.append(ring);
        animate(ring.querySelector(".hold-fill"), [{ strokeDashoffset: 1 }, { strokeDashoffset: 0 }], {
          duration: period,
          iterations: guide.dataset.strokes ? Infinity : 1,
          fill: "both",
        });
      } else if (!group) {
        continue;
      } else if (kind === "stroke") {
        const lanes = [...group.querySelectorAll(`path.${side}`)];
        const marker = document.createElementNS("http://www.w3.org/2000/svg", "circle");
        marker.setAttribute("r", "4.5");
        marker.setAttribute("class", "marker");
        marker.dataset.lanes = lanes.length;
        layer.append(marker);
        animate(marker, travel(lanes), { duration: period * lanes.length, fill: "both", id: "stroke" });
      } else {
        const beats = group.querySelectorAll(kind === "press" ? `.${side} .ring` : `.${side} .dot`);
        beats.forEach((beat, index) => {
          animate(
            beat,
            [{ transform: "scale(1)" }, { transform: "scale(1.7)", offset: 0.3 }, { transform: "scale(1)" }],
            { duration: period, delay: kind === "tap" ? (index * period) / 3 : 0 },
          );
        });
      }
    }
  }

  function startCountdown(player) {
    const remaining = Number(player.dataset.remainingMs);
    const stepMs = Number(player.dataset.stepMs);
    const beforeStepMs = Number(player.dataset.doneMs) - Math.max(0, stepMs - remaining);
    const endsAt = performance.now() + remaining;
    const clock = player.querySelector("[data-clock]");
    const progress = player.querySelector("[data-progress]");
    const leadIn = player.querySelector("[data-lead-in]");
    const leadInCount = player.querySelector("[data-lead-in-count]");
    const guide = player.querySelector("[data-guide]");
    const period = Number(guide?.dataset.periodMs) || 0;
    const switchText = guide?.dataset.switchText;
    let switched = !switchText || remaining <= stepMs / 2;
    let warned = remaining <= 3000;
    let finished = false;
    let stroke = null;
    moveGuide(player, stepMs - remaining);

    function tick() {
      // The monotonic clock, never a count of ticks: a throttled tab catches up.
      const left = endsAt - performance.now();
      const inLeadIn = left > stepMs;
      if (leadIn) {
        leadIn.hidden = !inLeadIn;
        if (inLeadIn) {
          leadInCount.textContent = String(Math.ceil((left - stepMs) / 1000));
        }
      }
      clock.textContent = formatClock(Math.min(left, stepMs));
      if (progress) {
        progress.value = beforeStepMs + Math.min(stepMs, Math.max(0, stepMs - left));
      }
      const elapsed = stepMs - left;
      if (prefs.tick && period && elapsed >= 0 && guide.dataset.kind !== "hold") {
        const now = Math.floor(elapsed / period);
        if (stroke !== null && now !== stroke) {
          chime("tick");
        }
        stroke = now;
      }
      if (!switched && left <= stepMs / 2) {
        switched = true;
        guide.dataset.showing = "right";
        const now = player.querySelector("[data-side-now]");
        if (now) {
          now.textContent = "now your right side";
        }
        chime("switch");
        speak(switchText);
        announce(switchText);
        moveGuide(player, elapsed);
      }
      if (!warned && left <= 3000) {
        warned = true;
        chime("warning");
      }
      if (!finished && left <= 0) {
        finished = true;
        chime("end");
        advance(player);
      }
    }

    // Five ticks a second; the switch, the warning and the end get timers of
    // their own (2 ms late: a timer may fire a fraction early) to land on time.
    const interval = setInterval(tick, 200);
    const exact = [remaining - stepMs / 2, remaining - 3000, remaining]
      .filter((delay) => delay > 0)
      .map((delay) => setTimeout(tick, delay + 2));
    tick();
    return {
      tick,
      remaining: () => endsAt - performance.now(),
      stop() {
        clearInterval(interval);
        exact.forEach(clearTimeout);
      },
    };
  }

  function advance(player) {
    const form = player.querySelector('form[data-control="next"]');
    if (!form) {
      return;
    }
    form.querySelector("[data-auto]").value = "1";
    form.requestSubmit();
  }

  function retryOrReport(element) {
    const form = element?.closest?.("form");
    const player = document.getElementById("player");
    const automatic = form?.querySelector("[data-auto]")?.value === "1";
    if (automatic && player?.contains(form)) {
      connection.textContent = "Connection lost. Your place is saved; trying again…";
      setTimeout(() => {
        if (document.getElementById("player") === player) {
          form.requestSubmit();
        }
      }, 2000);
    } else {
      connection.textContent =
        "Connection lost. Your place is saved on the server; press the button again.";
    }
  }

  function shortcutTarget(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return false;
    }
    return !event.target.closest(
      "textarea, select, [contenteditable], input:not([type=hidden]), [popover]",
    );
  }

  function onKey(event) {
    if (event.defaultPrevented || !shortcutTarget(event)) {
      return;
    }
    const state = currentState();
    const action = {
      " ": { running: "pause", paused: "resume", abandoned: "resume", ready: "begin" }[state],
      ArrowRight: "next",
      ArrowLeft: "back",
    }[event.key];
    if (event.key === " " && state !== "finished") {
      event.preventDefault(); // never press the focused button instead
    }
    if (action && press(action)) {
      event.preventDefault();
    }
  }

  function announce(text) {
    if (!announcer || !text) {
      return;
    }
    announcer.textContent = "";
    setTimeout(() => {
      announcer.textContent = text;
    }, 50);
  }

  async function holdScreen(wanted) {
    if (!("wakeLock" in navigator)) {
      return;
    }
    try {
      if (wanted && !wakeLock && document.visibilityState === "visible") {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => {
          wakeLock = null;
        });
      } else if (!wanted && wakeLock) {
        await wakeLock.release();
        wakeLock = null;
      }
    } catch {
      wakeLock = null; // Refused: carry on.
    }
  }

  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
      return;
    }
    audio ??= new Context();
    if (audio.state === "suspended") {
      audio.resume().catch(() => {});
    }
  }

  function chime(kind) {
    if (!audio || audio.state !== "running" || !(kind === "tick" ? prefs.tick : prefs.sound)) {
      return;
    }
    // [frequency, start, length, loudness]
    const notes = {
      warning: [[660, 0, 0.12, 0.25]],
      end: [[880, 0, 0.35, 0.25], [1320, 0.18, 0.5, 0.25]],
      switch: [[740, 0, 0.2, 0.25], [740, 0.3, 0.3, 0.25]],
      tick: [[1200, 0, 0.04, 0.08]],
    }[kind];
    const now = audio.currentTime;
    for (const [frequency, offset, length, loudness] of notes) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(loudness, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + length);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(now + offset);
      oscillator.stop(now + offset + length + 0.05);
    }
  }

  function speak(text) {
    if (!prefs.voice || !text || !("speechSynthesis" in window)) {
      return;
    }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }
}

// One stroke per lane, lane after lane, fading at the ends to hide the jump back.
function travel(lanes) {
  const frames = [];
  const steps = 20;
  lanes.forEach((lane, index) => {
    const length = lane.getTotalLength();
    for (let i = 0; i <= steps; i++) {
      const point = lane.getPointAtLength((length * i) / steps);
      frames.push({
        transform: `translate(${point.x}px, ${point.y}px)`,
        opacity: i === 0 || i === steps ? 0 : 1,
        offset: (index + i / steps) / lanes.length,
      });
    }
  });
  return frames;
}

function formatClock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

// Set by js/offline_player.js while it has changes of this session to send.
function leftOffline(session) {
  try {
    return Boolean(localStorage.getItem(`facerouting:offline:${session}`));
  } catch {
    return false;
  }
}

// Chime, voice and tick, remembered in this browser.
function loadPrefs() {
  const prefs = { sound: true, voice: true, tick: false };
  try {
    Object.assign(prefs, JSON.parse(localStorage.getItem("facerouting:player") || "{}"));
  } catch {} // Private mode or a corrupt value: the defaults.
  return prefs;
}

function showOptions(fieldset, prefs) {
  if (!fieldset) {
    return;
  }
  for (const input of fieldset.querySelectorAll("[data-option]")) {
    input.checked = Boolean(prefs[input.dataset.option]);
    input.addEventListener("change", () => {
      prefs[input.dataset.option] = input.checked;
      try {
        localStorage.setItem("facerouting:player", JSON.stringify(prefs));
      } catch {} // Not remembered, still applied.
      if (!input.checked && input.dataset.option === "voice") {
        window.speechSynthesis?.cancel();
      }
    });
  }
  fieldset.hidden = false;
}
