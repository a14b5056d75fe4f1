// The other two browser engines behind one small interface, so that each scenario is written once:
// - Firefox ESR (Debian `firefox-esr`) driven by puppeteer-core over WebDriver BiDi (no geckodriver);
// - WebKitGTK's MiniBrowser (Debian `webkit2gtk-driver`) through WebKitWebDriver and selenium-webdriver, under
//   an Xvfb display of its own (MiniBrowser has no headless mode).
// Both are started on free ports and displays and stopped when the suite ends.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder, Key } from 'selenium-webdriver';

/** Debian's MiniBrowser, in the folder of the machine's architecture (e.g. /usr/lib/x86_64-linux-gnu/…). */
function miniBrowser() {
  const found = fs.readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`).find((file) => fs.existsSync(file));
  if (!found) throw new Error('no MiniBrowser: run `make setup` (Debian package webkit2gtk-driver)');
  return found;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`no ${command}: run \`make setup\``);
  }
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` until it returns something truthy, or fails with `what` after `timeout` ms. */
export async function until(check, what, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * One tab in a fresh profile. `evaluate(fn, ...args)` runs `fn` in the page (awaiting a promise it returns);
 * `press(key)` sends one key to the focused element (' ' is the space bar).
 */
class Tab {
  async waitFor(selector, timeout) {
    await until(() => this.evaluate((s) => !!document.querySelector(s), selector), selector, timeout);
  }

  text(selector) {
    return this.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
  }

  /** The app has taken over from the prerendered home, its main heading is drawn and nothing is still loading. */
  async ready(timeout) {
    await until(() => this.evaluate(() => !document.querySelector('.prerendered') && !!document.querySelector('main h1')
      && !document.querySelector('main [aria-busy="true"]')),
      'the page', timeout);
  }

  /** Waits until a service worker controls the page (the whole build is then in Cache Storage). */
  async controlled() {
    await until(() => this.evaluate(() => !!navigator.serviceWorker.controller), 'the service worker', 60_000);
  }
}

class FirefoxTab extends Tab {
  constructor(context, page, seen) {
    super();
    Object.assign(this, { context, page, seen });
  }

  static async open(browser, { width, height }) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const seen = [];
    page.on('console', (message) => { if (message.type() === 'error') seen.push(`console error: ${message.text()}`); });
    page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
    await page.setViewport({ width, height });
    return new FirefoxTab(context, page, seen);
  }

  async problems() {
    return this.seen;
  }

  async goto(url) {
    await this.page.goto(url);
  }

  async reload() {
    await this.page.reload();
  }

  evaluate(fn, ...args) {
    return this.page.evaluate(fn, ...args);
  }

  async press(key) {
    await this.page.keyboard.press(key);
  }

  async close() {
    await this.context.close();
  }
}

class WebKitTab extends Tab {
  constructor(driver) {
    super();
    this.driver = driver;
    // WebKitWebDriver does not pass on console messages: errors are caught in the page instead, from the moment
    // a check first runs after each load (see `evaluate`).
    this.seen = [];
  }

  static async open(server, { width, height }) {
    const driver = await new Builder().usingServer(server).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
    }).build();
    await driver.manage().window().setRect({ width, height });
    return new WebKitTab(driver);
  }

  async goto(url) {
    await this.collect();
    await this.driver.get(url);
  }

  async reload() {
    await this.collect();
    await this.driver.navigate().refresh();
  }

  /** Keeps the errors the page caught (before the page goes away). */
  async collect() {
    const caught = await this.driver.executeScript('return window.__problems || []').catch(() => []);
    this.seen.push(...caught);
    await this.driver.executeScript('if (window.__problems) window.__problems.length = 0').catch(() => {});
  }

  async problems() {
    await this.collect();
    return this.seen;
  }

  async evaluate(fn, ...args) {
    // Each call installs the page's error catcher if this document has none yet, then runs `fn`; the result of
    // a promise comes back through the async script's callback.
    const script = `const done = arguments[arguments.length - 1];
      if (!window.__problems) {
        window.__problems = [];
        addEventListener('error', (e) => window.__problems.push('page error: ' + e.message));
        addEventListener('unhandledrejection', (e) => window.__problems.push('unhandled rejection: ' + e.reason));
        const report = console.error;
        console.error = (...parts) => { window.__problems.push('console error: ' + parts.join(' ')); report(...parts); };
      }
      Promise.resolve((${fn}).apply(null, ${JSON.stringify(args)})).then(done, (e) => done({ __error: String(e) }));`;
    const result = await this.driver.executeAsyncScript(script);
    if (result && typeof result === 'object' && '__error' in result) throw new Error(result.__error);
    return result;
  }

  async press(key) {
    await this.driver.actions().sendKeys(key === 'Enter' ? Key.ENTER : key).perform();
  }

  async close() {
    await this.driver.quit();
  }
}

/** Firefox: one browser for the suite, a fresh browser context (profile) per tab. */
export async function firefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: which('firefox-esr'), headless: true });
  return {
    name: 'Firefox',
    open: (viewport = { width: 1280, height: 800 }) => FirefoxTab.open(browser, viewport),
    stop: () => browser.close(),
  };
}

/** WebKit: Xvfb and WebKitWebDriver for the suite, a new MiniBrowser session per tab. */
export async function webkit() {
  const xvfb = spawn(which('Xvfb'), ['-displayfd', '3', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    xvfb.stdio[3].once('data', (data) => resolve(`:${String(data).trim()}`));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  const port = await freePort();
  const driver = spawn(which('WebKitWebDriver'), [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  const server = `http://127.0.0.1:${port}`;
  await until(() => fetch(`${server}/status`).then((r) => r.ok, () => false), 'WebKitWebDriver', 15_000);
  return {
    name: 'WebKit',
    open: (viewport = { width: 1280, height: 800 }) => WebKitTab.open(server, viewport),
    stop: async () => {
      driver.kill();
      xvfb.kill();
    },
  };
}
