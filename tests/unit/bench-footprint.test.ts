import { describe, expect, it } from "vitest";
import { footprintReport, type Footprint, type FootprintPage } from "../../bench/footprint";

// The bench's memory and speed verdicts (issue 24, decision 040): read against the baseline of
// the same run, per serving process, and for both processes of WEB_CONCURRENCY=2.
const MB = 2 ** 20;
const page = (key: string, perSecond: number, peak: Array<[number, number]>, extra: Partial<FootprintPage> = {}): FootprintPage => ({
  key,
  label: key,
  perSecond,
  p99: 40,
  failures: 0,
  loadAverage: 1.5,
  peak: peak.map(([pid, mb]) => ({ pid, bytes: mb * MB })),
  peakTotal: peak.reduce((a, [, mb]) => a + mb * MB, 0),
  ...extra,
});
const one = (over: Partial<Footprint> = {}): Footprint => ({
  processes: "1",
  label: "one process",
  readyMs: 3000,
  primaryPid: 1,
  rest: [{ pid: 1, bytes: 180 * MB }],
  pages: [page("healthz", 4000, [[1, 190]]), page("list", 400, [[1, 300]]), page("page20", 300, [[1, 320]])],
  nodeArgs: [],
  loadAverageAtStart: 1.2,
  ...over,
});

describe("the bench's footprint verdicts", () => {
  it("passes a process within the targets and prints the baseline, cores and load average", () => {
    const { text, failed } = footprintReport(one());
    expect(failed).toBe(false);
    expect(text).toMatch(/baseline \/healthz 4000 req\/s/);
    expect(text).toMatch(/cores, load average 1\.20/);
    expect(text).toMatch(/PASS ≤ 200 MB per serving process/);
  });

  it("reads the page target against the run's own baseline: half the baseline, half the req/s", () => {
    const slowHour = one({ pages: [page("healthz", 2000, [[1, 190]]), page("list", 80, [[1, 300]])] });
    expect(footprintReport(slowHour).failed).toBe(false); // 80 ≥ 150 × 0.5
    const regression = one({ pages: [page("healthz", 2000, [[1, 190]]), page("list", 70, [[1, 300]])] });
    expect(footprintReport(regression).failed).toBe(true);
    expect(footprintReport(regression).text).toMatch(/FAIL ≥ 75 req\/s/);
  });

  it("fails a process over 200 MB at rest or 350 MB under load", () => {
    expect(footprintReport(one({ rest: [{ pid: 1, bytes: 254 * MB }] })).failed).toBe(true);
    expect(footprintReport(one({ pages: [page("healthz", 4000, [[1, 190]]), page("list", 400, [[1, 360]])] })).failed).toBe(true);
  });

  it("judges two processes by their serving workers, and all three together against 700 MB", () => {
    const two = (workerPeak: number): Footprint => ({
      ...one(),
      processes: "2",
      label: "two processes",
      rest: [
        { pid: 1, bytes: 150 * MB },
        { pid: 2, bytes: 190 * MB },
        { pid: 3, bytes: 190 * MB },
      ],
      pages: [page("healthz", 4000, [[1, 150], [2, 200], [3, 200]]), page("list", 30, [[1, 150], [2, workerPeak], [3, workerPeak]])],
    });
    expect(footprintReport(two(270)).failed).toBe(false); // 150 + 2 × 270 = 690; no req/s target with two
    expect(footprintReport(two(280)).failed).toBe(true); // 710 > 700
    expect(footprintReport(two(280)).text).toMatch(/FAIL all ≤ 700 MB/);
  });

  it("prints every start's time to ready and judges their median against 5 s", () => {
    const { text } = footprintReport(one({ readyMs: 4200, starts: [6100, 4200, 3900] }));
    expect(text).toMatch(/ready in 4\.2 s \(median of 3 starts: 6\.1, 4\.2, 3\.9\) \(target ≤ 5 s on a quiet machine: PASS\)/);
    expect(footprintReport(one({ readyMs: 5300, starts: [5300, 5200, 6000] })).text).toMatch(/target ≤ 5 s on a quiet machine: over/);
  });

  it("for the small server, sums the server's and Postgres' PSS against 1 GB", () => {
    const small = (postgres: number) =>
      one({ pages: [page("healthz", 4000, [[1, 190]]), page("list", 400, [[1, 300]], { pssPeak: { server: 280 * MB, postgres: postgres * MB } })] });
    expect(footprintReport(small(200), true).failed).toBe(false);
    expect(footprintReport(small(800), true).failed).toBe(true);
    expect(footprintReport(small(800), true).text).toMatch(/FAIL server \+ Postgres < 1 GB/);
  });
});

describe("the small server's verdict", () => {
  it("rests on the 1 GB sum; the per-process targets are shown, not judged", () => {
    const heavy = one({
      rest: [{ pid: 1, bytes: 246 * MB }],
      pages: [page("healthz", 4000, [[1, 274]]), page("list", 400, [[1, 272]], { pssPeak: { server: 225 * MB, postgres: 112 * MB } })],
    });
    const { text, failed } = footprintReport(heavy, true);
    expect(failed).toBe(false);
    expect(text).toMatch(/over ≤ 200 MB per serving process/);
    expect(text).toMatch(/PASS server \+ Postgres < 1 GB/);
  });
});
