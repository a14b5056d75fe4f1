// Renders the PNGs that browsers and link previews need from the SVG artwork below, with the test suite's
// Chromium. Run by hand when the artwork changes (`node scripts/render-images.mjs`) and commit the PNGs:
// the build only copies them.
import path from 'node:path';
import { launch, ROOT } from '../tests/e2e/harness.mjs';

const BLUE = '#1f4f8f';
// The favicon's "T" glyph on a 64-unit grid.
const GLYPH = '<path d="M18 20h28v6H35v22h-6V26H18z" fill="#fff"/>';
const icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
  + `<rect width="64" height="64" rx="12" fill="${BLUE}"/>${GLYPH}</svg>`;
// Maskable: a full-bleed background, the glyph inside the central 80% that every mask shape keeps.
const maskable = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
  + `<rect width="64" height="64" fill="${BLUE}"/><g transform="translate(6.4 6.4) scale(0.8)">${GLYPH}</g></svg>`;
const preview = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="${BLUE}"/>
  <rect x="90" y="90" width="150" height="150" rx="28" fill="#fff" fill-opacity="0.12"/>
  <g transform="translate(90 90) scale(2.34)">${GLYPH}</g>
  <text x="90" y="350" fill="#fff" font-family="sans-serif" font-size="74" font-weight="700">Тренажёр собеседований</text>
  <text x="90" y="430" fill="#dbe6f6" font-family="sans-serif" font-size="38">Python-бэкенд: конспекты, карточки и квизы</text>
  <text x="90" y="490" fill="#dbe6f6" font-family="sans-serif" font-size="38">с интервальным повторением — работает офлайн</text>
</svg>`;

const images = [
  ['icon-192.png', icon, 192, 192],
  ['icon-512.png', icon, 512, 512],
  ['icon-maskable-512.png', maskable, 512, 512],
  ['og-image.png', preview, 1200, 630],
];

const browser = await launch();
for (const [name, svg, width, height] of images) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<style>*{margin:0}svg{display:block;width:${width}px;height:${height}px}</style>${svg}`);
  await page.screenshot({ path: path.join(ROOT, 'public', name), omitBackground: true });
  await page.close();
}
await browser.close();
