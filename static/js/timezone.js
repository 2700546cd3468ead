// Tell the server which time zone this browser is in, so that days, streaks
// and the calendar follow the person's local day. The zone travels in a
// cookie (read by accounts/middleware.py until the account has its own) and
// fills any form field marked data-timezone, such as the one on signup.

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// Zone names are plain ("America/Argentina/Buenos_Aires"): safe in a cookie as they are.
if (zone && /^[A-Za-z0-9_+\-/]+$/.test(zone)) {
  if (!document.cookie.split("; ").includes(`timezone=${zone}`)) {
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `timezone=${zone}; path=/; max-age=31536000; SameSite=Lax${secure}`;
  }
  for (const field of document.querySelectorAll("input[data-timezone]")) {
    if (!field.value) {
      field.value = zone;
    }
  }
}
