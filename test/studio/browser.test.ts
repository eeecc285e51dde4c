// archmap studio in a real browser: Debian Chromium driven by playwright-core against `startStudio` on loopback.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../../src/model/io.js';
import { type StudioServer, startStudio } from '../../src/studio/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: .ci/run installs chromium with apt`);
if (!haveChromium)
  console.warn(`studio browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = `${root}test-artifacts`;
// D2 layout of the shop takes tens of seconds on a loaded 2-core machine.
const SLOW = 420_000;

/** The middle of a node's shape, found by the base64 D2 key in its group's class. */
function centerOf(page: Page, id: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((id) => {
    for (const g of Array.from(document.querySelectorAll('#diagram g'))) {
      let key = '';
      try {
        key = atob(g.classList[0] ?? '');
      } catch {
        continue;
      }
      if (key.endsWith(`&#34;${id}&#34;`) && !key.includes('-&gt;')) {
        const r = (g.firstElementChild ?? g).getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return undefined;
  }, id);
}

describe.skipIf(!haveChromium)('archmap studio in Chromium (shop fixture)', { timeout: SLOW }, () => {
  let studio: StudioServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The page under test is built from the current sources.
    const { build } = await import('vite');
    await build({ configFile: `${root}studio/vite.config.ts`, logLevel: 'warn' });
    await mkdir(artifacts, { recursive: true });
    const graph = parseGraph(await readFile(`${root}fixtures/graphs/shop.json`, 'utf8'), 'shop.json');
    studio = await startStudio({ graph, assetsDir: `${root}studio/dist`, env: {} });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    page.setDefaultTimeout(SLOW);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  it('loads the diagram and shows the clicked node with its provenance, findings and impact', async () => {
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(studio.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
        external.push(r.url());
    });
    await page.goto(studio.url);
    await page.waitForSelector('#diagram svg');
    await expect.poll(() => page.textContent('#stats')).toMatch(/\d+ nodes · \d+ edges/);
    // The database's shape, found by the base64 D2 key in its group's class, clicked in the middle.
    const center = await centerOf(page, 'aws_db_instance.orders');
    expect(center, 'aws_db_instance.orders is drawn').toBeDefined();
    await page.mouse.click(center!.x, center!.y);
    await page.waitForSelector('#node-provenance li');
    expect(await page.textContent('#node-kind')).toContain('database');
    expect(await page.textContent('#node-provenance')).toContain('infra/data.tf:15');
    expect(await page.textContent('#node-panel')).toContain('If it fails');
    expect(await page.textContent('#node-impact')).toMatch(/Broken entry points/);
    await page.screenshot({ path: `${artifacts}/studio-shop-node.png` });
    expect(external, 'nothing loads from outside the studio').toEqual([]);
  });

  it('runs scale ×10 and shows the diff diagram, its legend, the bottleneck table and the changes', {
    retry: 1,
  }, async () => {
    await page.selectOption('#scenario', 'scale');
    await page.fill('#factor', '10');
    await page.click('#run');
    await page.waitForSelector('#diff-legend');
    await page.waitForSelector('#bottlenecks tbody tr');
    expect(await page.textContent('#plan-panel h2')).toMatch(/10/);
    expect(await page.locator('#bottlenecks tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#changes li').count()).toBeGreaterThan(0);
    // The diff SVG draws its own legend (D2 `d2-legend`) and change marks.
    expect(await page.locator('#diagram > svg').innerHTML()).toMatch(/Added|Modified/);
    await page.screenshot({ path: `${artifacts}/studio-shop-scale-x10.png` });
    // The node the scenario adds can be inspected too.
    const added = await centerOf(page, 'aws_appautoscaling_target.api');
    expect(added, 'the added autoscaling target is drawn').toBeDefined();
    await page.mouse.click(added!.x, added!.y);
    // Wait for the loaded panel (not the "Loading …" line), bounded, so a miss fails in a minute, not at SLOW.
    await page.waitForSelector('#node-kind', { timeout: 60_000 });
    expect(await page.textContent('#node-panel')).toContain('aws_appautoscaling_target.api');
    expect(await page.textContent('#node-kind')).toContain('aws_appautoscaling_target');
  });

  it('zooms with the wheel', async () => {
    const before = await page.getAttribute('#diagram > svg', 'viewBox');
    await page.mouse.move(500, 500);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => page.getAttribute('#diagram > svg', 'viewBox')).not.toBe(before);
  });

  it('says the LLM is offline when no key is configured', async () => {
    await page.fill('#question', 'what breaks if the orders database fails?');
    await page.click('#ask');
    await page.waitForSelector('#offline');
    expect(await page.textContent('#offline')).toMatch(/OPENAI_API_KEY/);
  });

  it('downloads a PNG export', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#exports [data-format=png]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
