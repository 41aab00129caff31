// The acting banner's countdown (§8): the time left, each second, from the seconds the portal counted when it made the
// page (so the browser's own clock does not matter). At the end the page reloads once and the portal returns the actor
// to their own account. Without script the banner shows the end time instead.
(() => {
  const banner = document.getElementById("acting-banner");
  const left = banner?.querySelector("[data-acting-left]");
  const total = Number.parseInt(banner?.dataset.actingSeconds ?? "", 10);
  if (!left || Number.isNaN(total)) {
    return;
  }

  const started = performance.now();
  const tick = () => {
    const seconds = Math.max(0, total - Math.floor((performance.now() - started) / 1000));
    left.textContent = `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s left`;
    left.dataset.countdown = String(seconds);
    if (seconds === 0) {
      clearInterval(timer);
      window.location.reload();
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
})();
