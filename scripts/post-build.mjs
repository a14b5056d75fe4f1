// Trunk's post_build hook (Trunk.toml). Trunk starts the hooks of one stage together; these steps must run in
// order, since the service worker's precache lists the files the split, the optimiser's build and the deck's
// copy write, the prerender runs the split app on the deck, and pwa-build hashes the page the prerender completes.
await import('./wasm-split.mjs');
await import('./optimiser-build.mjs');
await import('./deck-files.mjs');
await import('./prerender.mjs');
await import('./pwa-build.mjs');
