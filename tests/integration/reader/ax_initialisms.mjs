// Open an EPUB document (an unpacked XHTML file, with the EPUB's stylesheet) in Debian's Chromium and
// report the text its accessibility tree exposes for each initialism, as a screen reader would read it.
// Usage: node ax_initialisms.mjs <file.xhtml>
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [file] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(pathToFileURL(file).href);
  const shown = await page.$$eval("abbr.initialism", (els) => els.map((el) => el.textContent));
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const exposed = nodes
    .filter((n) => n.role && n.role.value === "StaticText" && n.name)
    .map((n) => n.name.value);
  console.log(JSON.stringify({ shown, exposed }));
} finally {
  await browser.close();
}
