// Open every page of the web edition in Debian's Chromium (playwright-core), served on 127.0.0.1
// only, and report as JSON: axe-core's violations on each page, its widths at a phone's and a
// desktop's viewport, the characters a line of its text holds, and every request to another host.
// Usage: node tools/web-check.mjs <site folder> [--screenshots <folder>]
import { createServer } from "node:http";
import { readFile, readdir, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, "..", "node_modules", "axe-core", "axe.min.js");
export const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8", ".js": "text/javascript",
};
export const WIDTHS = [375, 1280];

// A static server for the site on 127.0.0.1, on a free port.
export async function serve(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname));
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    if (!resolve(file).startsWith(resolve(root))) { res.writeHead(403); res.end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"],
  });
}

// Requests to any host but 127.0.0.1, for the report: the site must make none.
export function watchRequests(context, foreign) {
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && !url.protocol.startsWith("data")) foreign.push(request.url());
  });
}

// The characters of each line of the essay's paragraphs, from the boxes of their text.
async function measure(page) {
  return page.evaluate(() => {
    const counts = [];
    for (const p of document.querySelectorAll("main p")) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const lines = new Map();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        for (let i = 0; i < node.length; i++) {
          range.setStart(node, i); range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          const key = Math.round(rect.top);
          lines.set(key, (lines.get(key) || 0) + 1);
        }
      }
      const values = [...lines.values()];
      counts.push(...values.slice(0, -1));  // a paragraph's last line is as short as it ends
    }
    return counts;
  });
}

async function main() {
  const [site, ...rest] = process.argv.slice(2);
  const shots = rest[0] === "--screenshots" ? rest[1] : null;
  if (shots) await mkdir(shots, { recursive: true });
  const pages = (await readdir(site)).filter((name) => name.endsWith(".html")).sort();
  const { server, base } = await serve(site);
  const browser = await launch();
  const report = { pages: {}, foreign: [], console: [] };
  try {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      watchRequests(context, report.foreign);
      const page = await context.newPage();
      page.on("console", (msg) => { if (msg.type() === "error") report.console.push(msg.text()); });
      for (const name of pages) {
        await page.goto(`${base}/${name}`, { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready);
        const entry = (report.pages[name] ||= { width: {}, measure: {} });
        entry.width[width] = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        }));
        entry.fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => `${f.family} ${f.weight} ${f.style}`));
        if (name === "essay.html") entry.measure[width] = await measure(page);
        if (width === WIDTHS[WIDTHS.length - 1]) {
          await page.addScriptTag({ path: AXE });
          const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
          entry.violations = result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
          }));
          entry.axe = result.testEngine.version;
        }
        if (shots) await page.screenshot({ path: join(shots, `${name.replace(".html", "")}-${width}.png`), fullPage: false });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(JSON.stringify(report));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
