// One load run with autocannon: N connections on loopback for a fixed time. Latencies are
// collected per response (autocannon's own histogram rounds to whole milliseconds, too coarse
// to compare 2 000 with 20 000 dilemmas), and every status code is counted, so a run that
// "succeeds" on error pages cannot pass.
import autocannon, { type Request } from "autocannon";

export type LoadSpec = {
  origin: string;
  connections: number;
  seconds: number;
  /** Called for every request: method, path, headers and body of that request. */
  next: () => Request;
};

export type LoadResult = {
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Responses that are neither 2xx nor 3xx, plus connection errors and timeouts. */
  failures: number;
  statusCodes: Record<string, number>;
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    // autocannon builds each request from what setupRequest returns, host and port included.
    requests: [{ setupRequest: (defaults) => ({ ...defaults, ...spec.next() }) }],
  });
  instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const bad = Object.entries(statusCodes)
    .filter(([code]) => Number(code) < 200 || Number(code) >= 400)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    connections: spec.connections,
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: latencies.at(-1) ?? NaN,
    failures: bad + result.errors + result.timeouts,
    statusCodes,
  };
}
