// The service worker: keeps one complete build in Cache Storage so the app opens offline, and hands over to a
// newer build only when the learner agrees (the page posts 'activate-update'), so an open page never mixes
// files of two builds. Plain JS on purpose: it must run before (and without) the wasm.

// scripts/pwa-build.mjs (a Trunk post_build hook) fills this in: the build's version and every file it wrote.
const BUILD = { version: 'dev', files: [] };
const CACHE = `interview-trainer-${BUILD.version}`;

self.addEventListener('install', (event) => {
  // No skipWaiting(): a newer build waits until the page asks for it.
  event.waitUntil(precache().catch(async (error) => {
    await caches.delete(CACHE);
    throw error;
  }));
});

async function precache() {
  const cache = await caches.open(CACHE);
  // 'reload' skips the HTTP cache, where a file of an older build might sit. A name with Trunk's content hash
  // (`-0123456789abcdef.`) holds the same bytes in every build, so it may come from the HTTP cache: the first
  // visit then does not download the wasm a second time.
  const immutable = /-[0-9a-f]{16}[._]/;
  await cache.addAll(BUILD.files.map((file) => new Request(file, { cache: immutable.test(file) ? 'default' : 'reload' })));
  // A host caught mid-deploy could hand out another build's page: refuse it; the browser retries later.
  // (The version alone is looked for: a host may reformat the page's HTML.)
  const page = await (await cache.match('./')).text();
  if (!page.includes(BUILD.version)) {
    throw new Error(`the page is not build ${BUILD.version}`);
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)));
    // On a first visit this takes the open page over, so it works offline without a reload.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Every route lives in the hash, so any navigation to the app's folder is this build's page.
  const isPage = request.mode === 'navigate' && /\/(index\.html)?$/.test(url.pathname);
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(isPage ? './' : request))
    .then((cached) => cached ?? fetch(request)));
});
