/**
 * redactUrl: a server URL safe to print, store in provenance or use as a cache key: user name and
 * password are removed and the value of every query parameter whose name suggests a secret (key,
 * token, secret, password, auth, signature) becomes "REDACTED". A text that is not a URL is returned
 * as "(not a URL)" so that nothing secret inside it leaks.
 *
 * @example
 * redactUrl("https://user:s3cret@example.org:8443/v1?api_key=sk-123&x=1")
 * // => "https://example.org:8443/v1?api_key=REDACTED&x=1"
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(not a URL)";
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (/key|token|secret|passw|auth|sig/i.test(name)) parsed.searchParams.set(name, "REDACTED");
  }
  return parsed.toString();
}
