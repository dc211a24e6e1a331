// The one parser for "a page of this site to go to next" (redirectTo after logging in, signing
// up or choosing a language). An open redirect would make our login a phishing tool, and a raw
// value in a Location header can make Node refuse the response (CR/LF, characters outside
// Latin-1): a 500. So the value is resolved the way a browser resolves it, against a stand-in
// origin; only a result on that same origin is kept, and it is given back as the URL parser
// serialises it: ASCII only, percent-encoded, safe in a header. Browsers drop tabs and line
// breaks inside a URL ("/\t/evil.example" is "//evil.example"), and so does the URL parser, so
// the check sees what a browser would do; control characters are refused outright all the same.

const STAND_IN = "http://same-site.invalid";
export const SAME_SITE_PATH_MAX = 500;

// Controls (C0, DEL, C1) and invisible format characters have no place in a path we send to.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/;

/** A same-site path (with query and fragment) to redirect to, or undefined. */
export function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > SAME_SITE_PATH_MAX) return undefined;
  if (!value.startsWith("/") || UNSAFE.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, STAND_IN);
  } catch {
    return undefined;
  }
  if (url.origin !== STAND_IN) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/\\host" and "//host" resolve elsewhere and were refused above; a path that now starts
  // with two slashes (from "/./\\/host" and the like) would be read as a host by a browser.
  if (path.startsWith("//") || path.startsWith("/\\")) return undefined;
  return path;
}
