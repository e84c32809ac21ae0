// Back and Forward return to where a view was scrolled; a new view starts at the top. Views render after their
// data arrives, too late for the browser's own scroll restoration, so positions are kept per history entry.

const STORE = "ikg-scroll";
const positions = JSON.parse(sessionStorage.getItem(STORE) || "{}");
let paused = false; // while a view is replaced, scroll events describe no entry

const keyOf = () => history.state?.scrollKey;

export function setupScrollMemory() {
  history.scrollRestoration = "manual";
  window.addEventListener("hashchange", () => (paused = true));
  window.addEventListener("scroll", () => {
    if (!paused && keyOf()) positions[keyOf()] = window.scrollY;
  }, { passive: true });
  window.addEventListener("pagehide", () => sessionStorage.setItem(STORE, JSON.stringify(positions)));
}

/** After a view is shown: scroll to the position its history entry was left at, else to the top. */
export function restoreScroll() {
  let key = keyOf();
  if (!key) {
    key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    history.replaceState({ ...history.state, scrollKey: key }, "");
  }
  window.scrollTo(0, positions[key] ?? 0);
  requestAnimationFrame(() => (paused = false));
}
