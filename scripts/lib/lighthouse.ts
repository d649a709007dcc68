import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";

// One Lighthouse 12 run of one page in a fresh headless Chromium, shared by
// the suite's accessibility and best-practices gate
// (tests/process/lighthouse.test.ts) and the bench's performance figures
// (bench/scenarios/lighthouse.ts).
//
// Presets: "desktop" is Lighthouse's desktop configuration (no CPU slowdown,
// 40 ms RTT, 10 Mbit/s); "mobile" is Lighthouse's default (mobile emulation,
// simulated throttling that multiplies every main-thread task by 4, so its
// Total Blocking Time follows the machine's load). Accessibility and Best
// Practices do not depend on the preset; Performance does, and on the load.

export type LighthousePreset = "desktop" | "mobile";

export const CHROME_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export type LighthouseRun = {
  lhr: Result;
  /** The report as JSON (what https://googlechrome.github.io/lighthouse/viewer/ opens). */
  report: string;
  /** Runs it took: a run that failed to record the page is retried. */
  runs: number;
};

type RunOptions = {
  cookie?: string;
  preset: LighthousePreset;
  categories: string[];
  /** Audits to run besides the categories' (e.g. "network-requests", to read the page's own status). */
  audits?: string[];
};

async function runOnce(url: string, opts: RunOptions): Promise<LighthouseRun> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: "error" });
  try {
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: opts.categories,
        onlyAudits: opts.audits,
        extraHeaders: opts.cookie ? { Cookie: opts.cookie } : undefined,
      },
      opts.preset === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error("Lighthouse returned no result");
    return { lhr: result.lhr, report: typeof result.report === "string" ? result.report : JSON.stringify(result.lhr), runs: 1 };
  } finally {
    await chrome.kill();
  }
}

/**
 * Audits `url`. A run that fails to record the page (runtimeError, e.g.
 * NO_NAVSTART, "Please run Lighthouse again": about 1 run in 6 with
 * Lighthouse 12.8 and Debian's Chromium 156) is retried in a fresh Chrome, up
 * to `attempts` runs; scores are never a reason to run again.
 */
export async function runLighthouse(
  url: string,
  opts: RunOptions & { attempts?: number; log?: (line: string) => void },
): Promise<LighthouseRun> {
  const attempts = opts.attempts ?? 3;
  let run = await runOnce(url, opts);
  for (let n = 2; run.lhr.runtimeError && n <= attempts; n++) {
    opts.log?.(`lighthouse: ${url}: ${run.lhr.runtimeError.code}; run ${n}`);
    run = { ...(await runOnce(url, opts)), runs: n };
  }
  return run;
}
