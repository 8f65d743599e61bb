// The slip's print button (a file, not an inline handler: the Content Security Policy allows no inline script).
document.getElementById("print-slip").addEventListener("click", () => window.print());
