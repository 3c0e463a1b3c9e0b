// Text that would run script if any part of it became markup: a closing script tag with a new script,
// an image whose error handler sets a flag (short enough for the bundled models' 64-token context).
export const HOSTILE = '</script><script>alert(1)</script> God <img src=x onerror="window.__xss=1">';
