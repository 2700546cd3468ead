// The player in the browser. The server owns the state; this module only
// counts down to the deadline it was given, posts Next when time is up, and
// keeps the person informed hands-free: screen awake, chimes, spoken cues,
// keyboard shortcuts and screen-reader announcements. Every browser API here
// is optional; where one is missing the player carries on without it.

const page = document.querySelector(".player-page");
if (page) {
  startPlayer(page);
}

function startPlayer(page) {
  const announcer = page.querySelector("[data-announcer]");
  const connection = page.querySelector("[data-connection]");
  const prefs = loadPrefs();
  let countdown = null;
  let wakeLock = null;
  let audio = null;
  let lastSpoken = null;

  showOptions(page.querySelector("[data-player-options]"), prefs);
  mount(document.getElementById("player"), false);

  // New player content from htmx (a control, or the auto-advance).
  document.addEventListener("htmx:load", (event) => {
    if (event.target.id === "player") {
      connection.textContent = "";
      mount(event.target, true);
    }
  });

  // A lost connection must not lose the step: the server only applies the
  // position it was sent, so retrying the same post is always safe.
  document.addEventListener("htmx:sendError", (event) => retryOrReport(event.detail.elt));
  document.addEventListener("htmx:responseError", (event) => {
    if (event.detail.xhr.status >= 500) {
      retryOrReport(event.detail.elt);
    } else {
      connection.textContent = event.detail.xhr.responseText || "That did not work.";
    }
  });

  // Audio may only start after a gesture; any tap or key press unlocks it.
  for (const type of ["pointerdown", "keydown"]) {
    document.addEventListener(type, unlockAudio, { capture: true });
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      countdown?.tick();
      holdScreen(currentState() === "running");
    }
  });

  document.addEventListener("keydown", onKey);

  function currentState() {
    return document.getElementById("player")?.dataset.state;
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
    }
    holdScreen(state === "running");
    if (swapped) {
      announce(player.dataset.announce);
      if (state === "running" && player.dataset.position !== lastSpoken) {
        speak(player.dataset.cue);
      }
      lastSpoken = player.dataset.position;
    } else {
      lastSpoken = state === "ready" ? null : player.dataset.position;
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
    let warned = remaining <= 3000;
    let finished = false;

    function tick() {
      // Arithmetic on the monotonic clock, never a count of ticks: a
      // throttled or backgrounded tab catches up on the next tick.
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

    // The display ticks five times a second; the two moments that matter, the
    // warning and the end, also get a timer of their own so they land on the
    // millisecond rather than up to a tick late (2 ms after, since a timer
    // may fire a fraction early by the monotonic clock).
    const interval = setInterval(tick, 200);
    const exact = [remaining - 3000, remaining]
      .filter((delay) => delay > 0)
      .map((delay) => setTimeout(tick, delay + 2));
    tick();
    return {
      tick,
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

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const state = currentState();
    let action = null;
    if (event.key === " ") {
      if (target.closest("button, a, summary")) {
        return; // Space already presses the focused control.
      }
      action = { running: "pause", paused: "resume", abandoned: "resume", ready: "begin" }[state];
    } else if (event.key === "ArrowRight") {
      action = "next";
    } else if (event.key === "ArrowLeft") {
      action = "back";
    }
    const button = action && document.querySelector(`#player button[data-action="${action}"]`);
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
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
      wakeLock = null; // Refused (battery saver, no permission): carry on.
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
    if (!prefs.sound || !audio || audio.state !== "running") {
      return;
    }
    // A soft single tone three seconds before the end; a rising pair at the end.
    const notes = kind === "warning" ? [[660, 0, 0.12]] : [[880, 0, 0.35], [1320, 0.18, 0.5]];
    const now = audio.currentTime;
    for (const [frequency, offset, length] of notes) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
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

function formatClock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function loadPrefs() {
  const prefs = { sound: true, voice: false };
  try {
    Object.assign(prefs, JSON.parse(localStorage.getItem("facerouting:player") || "{}"));
  } catch {
    // Private mode or a corrupt value: use the defaults.
  }
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
      } catch {
        // Not remembered, but still applied for this visit.
      }
    });
  }
  fieldset.hidden = false;
}
