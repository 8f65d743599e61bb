// The minutes' print button (a file, not an inline handler: the Content Security Policy allows no inline script).
document.getElementById("print-minutes").addEventListener("click", () => window.print());
