// Load the EPUB in epub.js inside Debian's Chromium, click a note reference,
// and report where the reader arrives. Serves files on 127.0.0.1 only.
// Usage: node click_note.mjs <book.epub> <project root> <note number>
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const [epubPath, root, noteNumber] = process.argv.slice(2);
const types = { ".html": "text/html", ".js": "text/javascript", ".epub": "application/epub+zip" };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  let file;
  if (url.pathname === "/book.epub") file = resolve(epubPath);
  else if (url.pathname === "/") file = join(root, "tests", "integration", "reader", "reader.html");
  else if (url.pathname.startsWith("/node_modules/")) file = join(root, url.pathname);
  else { res.writeHead(404); res.end(); return; }
  try {
    const body = await readFile(file);
    const ext = file.slice(file.lastIndexOf("."));
    res.writeHead(200, { "Content-Type": types[ext] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404); res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const result = {};
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.ready && window.rendition && window.rendition.getContents().length > 0);
  await page.evaluate(() => window.ready);
  // Open the page that holds the note reference, as a reader following the text would reach it.
  await page.evaluate((n) => window.rendition.display(`text/essay.xhtml#noteref-${n}`), noteNumber);
  await page.waitForTimeout(300);
  const frame = () => page.frames().find((f) => f !== page.mainFrame());
  result.callOnScreen = await page.evaluate((n) => onScreen(`noteref-${n}`), noteNumber);
  const before = await page.evaluate(() => window.rendition.currentLocation().start.href);
  result.before = before;
  // The essay's frame: epub.js may still hold the frame of the document shown before it (the contents).
  let f = frame();
  for (const candidate of page.frames()) {
    if (candidate !== page.mainFrame() && (await candidate.$(`#noteref-${noteNumber}`))) f = candidate;
  }
  await f.click(`#noteref-${noteNumber}`);
  await page.waitForFunction(
    () => window.relocations.length && window.relocations[window.relocations.length - 1].includes("notes.xhtml"),
  );
  result.after = await page.evaluate(() => window.rendition.currentLocation().start.href);
  await page.waitForTimeout(300);
  result.noteOnScreen = await page.evaluate((n) => onScreen(`note-${n}`), noteNumber);
  // A note far down the list must not be on the same screen: the check can tell pages apart.
  result.lastNoteOnScreen = await page.evaluate(() => {
    const contents = window.rendition.getContents()[0];
    const notes = contents.document.querySelectorAll("li.note > [id]");
    return window.onScreen(notes[notes.length - 1].id);
  });
  result.noteText = await page.evaluate((n) => {
    const contents = window.rendition.getContents().find((c) => c.document.getElementById(`note-${n}`));
    return contents ? contents.document.getElementById(`note-${n}`).textContent.trim().slice(0, 120) : null;
  }, noteNumber);
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
