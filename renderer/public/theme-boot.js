// Runs in <head> before the page is first drawn: puts the remembered theme on <html>, so a chosen
// theme that differs from the system's never flashes the other one. theme-store.ts reads and
// keeps the same setting afterwards (test/unit/theme-boot.test.ts checks the two agree).
(function () {
  try {
    var choice = localStorage.getItem('switchboard.theme');
    if (choice === 'light' || choice === 'dark' || choice === 'system') document.documentElement.setAttribute('data-theme', choice);
  } catch (err) {
    // Storage blocked by the browser's settings: the page follows the system until the app starts.
    console.warn('Could not read the theme setting', err);
  }
})();
