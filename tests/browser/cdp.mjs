// A tiny Chrome DevTools Protocol driver for the live-reload test (tests/cli/serve.rs):
// `node --experimental-websocket cdp.mjs WS_URL` attaches to one page of a headless
// Chromium and reads commands on stdin, one per line, answering each on stdout:
//   goto URL        navigate and wait for the load event        -> "ok"
//   wait EXPR       poll EXPR (JavaScript) every 100 ms, 30 s   -> "ok VALUE" | "timeout VALUE"
//   eval EXPR       evaluate EXPR once                          -> "ok VALUE"
//   key NAME        press and release a key (Tab, Enter, Escape, " ", "+", "0", ArrowLeft…)
//                   as the keyboard does, focus moves included   -> "ok"
//   tab EXPR        press Tab until EXPR is true, at most 400   -> "ok N" | "timeout N"
//   click EXPR      a mouse click at the middle of the element EXPR evaluates to -> "ok"
//   wheel EXPR      a wheel turn (zoom in) over the element EXPR -> "ok"
//   load PATH       evaluate the script file PATH in the page (axe-core) -> "ok"
//   type TEXT       type TEXT into the focused element          -> "ok"
//   nojs URL        open URL without running its scripts (the page as without JavaScript),
//                   then allow scripts again, for the next commands to read it -> "ok"
// Every page records its uncaught errors in `window.__errors`.
// Our own few lines: no puppeteer, nothing fetched at test time.
import { readFileSync } from "node:fs";
import readline from "node:readline";

const ws = new WebSocket(process.argv[2]);
let next = 1;
const pending = new Map();
const waiters = [];
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  } else if (msg.method) {
    for (const w of waiters.splice(0)) w(msg);
  }
};
function send(method, params = {}) {
  const id = next++;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve) => pending.set(id, resolve));
}
function event(name) {
  return new Promise((resolve) => {
    const check = (msg) => (msg.method === name ? resolve(msg) : waiters.push(check));
    waiters.push(check);
  });
}
async function value(expr) {
  const r = await send("Runtime.evaluate", { expression: expr, returnByValue: true });
  return r.result && r.result.result ? r.result.result.value : undefined;
}
// What a key sends: its code and, for a key that types, its text (Enter types "\r").
const KEYS = {
  Tab: { code: "Tab", keyCode: 9 },
  Enter: { code: "Enter", keyCode: 13, text: "\r" },
  Escape: { code: "Escape", keyCode: 27 },
  " ": { code: "Space", keyCode: 32, text: " " },
  "+": { code: "Equal", keyCode: 187, text: "+" },
  "-": { code: "Minus", keyCode: 189, text: "-" },
  "0": { code: "Digit0", keyCode: 48, text: "0" },
  ArrowLeft: { code: "ArrowLeft", keyCode: 37 },
  ArrowRight: { code: "ArrowRight", keyCode: 39 },
  ArrowUp: { code: "ArrowUp", keyCode: 38 },
  ArrowDown: { code: "ArrowDown", keyCode: 40 },
};
async function key(name) {
  const k = KEYS[name] || { code: name, keyCode: 0 };
  const common = { key: name, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode };
  await send("Input.dispatchKeyEvent", { type: k.text ? "keyDown" : "rawKeyDown", text: k.text, ...common });
  await send("Input.dispatchKeyEvent", { type: "keyUp", ...common });
}
async function centre(expr) {
  return value(`(function(){var e=(${expr});if(!e)return null;e.scrollIntoView({block:"center",inline:"center"});var r=e.getBoundingClientRect();` +
    `return [r.left+r.width/2, r.top+r.height/2];})()`);
}
await new Promise((resolve) => (ws.onopen = resolve));
await send("Page.enable");
await send("Runtime.enable");
await send("Page.addScriptToEvaluateOnNewDocument", {
  source: "window.__errors = []; addEventListener('error', function (e) { window.__errors.push(String(e.message)); });",
});
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, ...rest] = line.split(" ");
  const arg = rest.join(" ");
  if (command === "goto") {
    const loaded = event("Page.loadEventFired");
    await send("Page.navigate", { url: arg });
    await loaded;
    console.log("ok");
  } else if (command === "wait") {
    const until = Date.now() + 30000;
    let v;
    while (Date.now() < until) {
      try { v = await value(arg); } catch (e) { v = undefined; }
      if (v) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log((v ? "ok " : "timeout ") + JSON.stringify(v === undefined ? null : v));
  } else if (command === "eval") {
    let v;
    try { v = await value(arg); } catch (e) { v = undefined; }
    console.log("ok " + JSON.stringify(v === undefined ? null : v));
  } else if (command === "key") {
    await key(arg === "" || arg === "Space" ? " " : arg);
    console.log("ok");
  } else if (command === "tab") {
    let n = 0;
    let v = await value(arg);
    while (!v && n < 400) {
      await key("Tab");
      n += 1;
      v = await value(arg);
    }
    console.log((v ? "ok " : "timeout ") + n);
  } else if (command === "nojs") {
    await send("Emulation.setScriptExecutionDisabled", { value: true });
    const loaded = event("Page.loadEventFired");
    await send("Page.navigate", { url: arg });
    await loaded;
    await send("Emulation.setScriptExecutionDisabled", { value: false });
    console.log("ok");
  } else if (command === "type") {
    await send("Input.insertText", { text: arg });
    console.log("ok");
  } else if (command === "load") {
    const r = await send("Runtime.evaluate", { expression: readFileSync(arg, "utf8") });
    console.log(r.result && !r.result.exceptionDetails ? "ok" : "failed");
  } else if (command === "click" || command === "wheel") {
    const at = await centre(arg);
    if (!at) {
      console.log("missing");
      continue;
    }
    const [x, y] = at;
    if (command === "click") {
      for (const type of ["mousePressed", "mouseReleased"]) {
        await send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 });
      }
    } else {
      await send("Input.dispatchMouseEvent", { type: "mouseWheel", x, y, deltaX: 0, deltaY: -120 });
    }
    console.log("ok");
  }
}
ws.close();
