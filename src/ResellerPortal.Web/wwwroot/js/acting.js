// The acting banner's countdown (§8): the time left, each second; at the end the page reloads and the portal returns
// the actor to their own account. Without script the banner shows the end time instead.
(() => {
  const banner = document.getElementById("acting-banner");
  const left = banner?.querySelector("[data-acting-left]");
  const until = Date.parse(banner?.dataset.actingUntil ?? "");
  if (!left || Number.isNaN(until)) {
    return;
  }

  const tick = () => {
    const seconds = Math.max(0, Math.round((until - Date.now()) / 1000));
    const minutes = Math.floor(seconds / 60);
    left.textContent = `${minutes} min ${String(seconds % 60).padStart(2, "0")} s left`;
    left.dataset.countdown = String(seconds);
    if (seconds === 0) {
      clearInterval(timer);
      window.location.reload();
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
})();
