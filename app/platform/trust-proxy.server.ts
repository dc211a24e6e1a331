import { isIP } from "node:net";

// Which proxies in front of us may tell us the client's address, host and protocol
// (X-Forwarded-For, -Host, -Proto). Trusting every sender (Express' `true`) lets anyone write
// X-Forwarded-For themselves and walk past the per-address limits on logging in and signing
// up. So TRUST_PROXY is a hop count (how many proxies of ours stand in front, counted from
// us; 1 for one nginx or Caddy) or a list of the proxies' own addresses or networks (and
// Express' names loopback, linklocal, uniquelocal). Express supports both (`trust proxy`).

export type TrustProxy = false | number | string[];

const NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrNetwork(item: string): boolean {
  if (NAMES.has(item)) return true;
  const [address = "", prefix, ...rest] = item.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The setting as Express takes it, or null when it is not one we understand. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim();
  if (text === "" || text === "0") return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  return items.length > 0 && items.every(isAddressOrNetwork) ? items : null;
}
