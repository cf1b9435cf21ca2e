// A tiny Chrome DevTools Protocol driver for the live-reload test (tests/cli/serve.rs):
// `node --experimental-websocket cdp.mjs WS_URL` attaches to one page of a headless
// Chromium and reads commands on stdin, one per line, answering each on stdout:
//   goto URL        navigate and wait for the load event        -> "ok"
//   wait EXPR       poll EXPR (JavaScript) every 100 ms, 30 s   -> "ok VALUE" | "timeout VALUE"
// Our own few lines: no puppeteer, nothing fetched at test time.
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
await new Promise((resolve) => (ws.onopen = resolve));
await send("Page.enable");
await send("Runtime.enable");
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
  }
}
ws.close();
