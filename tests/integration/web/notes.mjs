// The web edition's note calls in a real browser (Debian's Chromium through playwright-core, on
// 127.0.0.1): with the mouse, with the keyboard alone, without popover support, and without CSS.
// Reports JSON. Usage: node notes.mjs <site folder> <note number> [<screenshot.png>]
import { serve, launch, watchRequests } from "../../../tools/web-check.mjs";

const [site, number, shot] = process.argv.slice(2);
const call = `button[popovertarget="note-${number}"]`;
const note = `#note-${number}`;

function inView(selector) {
  const el = document.querySelector(selector);
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return style.display !== "none" && style.visibility !== "hidden" && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
}

// What a browser without popovers gets: the attributes mean nothing to it, and its CSS's
// @supports selector(:popover-open) is false. Without CSS, it gets no stylesheet at all.
async function withoutPopovers(context, css) {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.endsWith(".css") && !css) return route.abort();
    const response = await route.fetch();
    let body = await response.text();
    if (url.endsWith(".html")) body = body.replace(/ popover(target)?="[^"]*"/g, "");
    if (url.endsWith(".css")) body = body.replaceAll("selector(:popover-open)", "selector(:no-popover-here)");
    return route.fulfill({ response, body });
  });
}

async function linkAndBack(page, base) {
  await page.goto(`${base}/essay.html`);
  const out = {};
  out.buttonShown = await page.evaluate((s) => getComputedStyle(document.querySelector(s)).display !== "none", `#noteref-${number} button`);
  out.noteHiddenBefore = !(await page.evaluate(inView, note));
  await page.click(`#noteref-${number} a.noteref`);
  out.hashAfterCall = await page.evaluate(() => location.hash);
  out.noteInView = await page.evaluate(inView, note);
  await page.click(`${note} a.backlink`);
  out.hashAfterBack = await page.evaluate(() => location.hash);
  out.callInView = await page.evaluate(inView, `#noteref-${number}`);
  return out;
}

const { server, base } = await serve(site);
const browser = await launch();
const result = { foreign: [] };
try {
  // With the mouse: the call opens its gloss beside it; Escape closes it and focus is back on the call.
  let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  watchRequests(context, result.foreign);
  let page = await context.newPage();
  await page.goto(`${base}/essay.html`);
  await page.evaluate(() => document.fonts.ready);
  await page.click(call);
  const mouse = {};
  mouse.open = await page.evaluate((s) => document.querySelector(s).matches(":popover-open"), note);
  mouse.visible = await page.isVisible(note);
  mouse.text = (await page.innerText(note)).replace(/\s+/g, " ").trim();
  mouse.boxes = await page.evaluate(([c, n]) => {
    const a = document.querySelector(c).getBoundingClientRect(), b = document.querySelector(n).getBoundingClientRect();
    return { call: [a.left, a.top, a.right, a.bottom], note: [b.left, b.top, b.right, b.bottom], viewport: [innerWidth, innerHeight] };
  }, [call, note]);
  mouse.expanded = await page.getAttribute(call, "aria-expanded");
  if (shot) {
    const [l, t, r, b] = [Math.min(mouse.boxes.call[0], mouse.boxes.note[0]), Math.min(mouse.boxes.call[1], mouse.boxes.note[1]),
      Math.max(mouse.boxes.call[2], mouse.boxes.note[2]), Math.max(mouse.boxes.call[3], mouse.boxes.note[3])];
    const column = await page.evaluate(() => document.querySelector("main").getBoundingClientRect().left);
    const x = Math.max(0, column - 16), y = Math.max(0, t - 150);
    await page.screenshot({ path: shot, clip: { x, y, width: Math.min(1280 - x, r - x + 24), height: Math.min(900 - y, b - y + 60) } });
  }
  await page.keyboard.press("Escape");
  mouse.closed = !(await page.evaluate((s) => document.querySelector(s).matches(":popover-open"), note));
  mouse.focus = await page.evaluate(() => document.activeElement.getAttribute("popovertarget"));
  // A click outside closes it too.
  await page.click(call);
  await page.mouse.click(5, 5);
  mouse.closedByClickOutside = !(await page.evaluate((s) => document.querySelector(s).matches(":popover-open"), note));
  result.mouse = mouse;
  await context.close();

  // With the keyboard alone: Tab to the call, Enter, Tab into the gloss, Escape.
  context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  watchRequests(context, result.foreign);
  page = await context.newPage();
  await page.goto(`${base}/essay.html`);
  const keys = { presses: 0 };
  await page.keyboard.press("Tab");
  keys.first = await page.evaluate(() => document.activeElement.className);
  while (keys.presses < 400 && !(await page.evaluate((s) => document.activeElement.matches(s), call))) {
    await page.keyboard.press("Tab");
    keys.presses++;
  }
  keys.reached = await page.evaluate((s) => document.activeElement.matches(s), call);
  keys.outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  await page.keyboard.press("Enter");
  keys.open = await page.evaluate((s) => document.querySelector(s).matches(":popover-open"), note);
  keys.noteInView = await page.evaluate(inView, note);
  keys.noteWithinWidth = await page.evaluate((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return r.left >= 0 && r.right <= document.documentElement.clientWidth;
  }, note);
  await page.keyboard.press("Tab");
  keys.focusInNote = await page.evaluate((s) => document.querySelector(s).contains(document.activeElement), note);
  await page.keyboard.press("Escape");
  keys.closed = !(await page.evaluate((s) => document.querySelector(s).matches(":popover-open"), note));
  keys.focus = await page.evaluate(() => document.activeElement.getAttribute("popovertarget"));
  result.keys = keys;
  await context.close();

  for (const [name, css] of [["noPopover", true], ["noCss", false]]) {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    watchRequests(context, result.foreign);
    await withoutPopovers(context, css);
    result[name] = await linkAndBack(await context.newPage(), base);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify(result));
