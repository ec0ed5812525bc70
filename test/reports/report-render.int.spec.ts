import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildReport, htmlToPdf, launchChromium, renderReportHtml } from '@tandem/reports';
import { acmeHistory, recorded } from './fixtures/acme-history';

/**
 * The HTML report in a real browser: Debian's Chromium (`apt-get install -y chromium`), driven by
 * playwright-core. Nothing is skipped when Chromium is missing: the test fails and says so.
 */
const CHROMIUM = process.env.TANDEM_CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '../artifacts/reports');
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface Layout {
  documentWidth: number;
  viewportWidth: number;
  overflowing: string[];
  headings: string[];
  unlabelledCharts: number;
  tablesWithoutHeaders: number;
  lang: string;
}

/**
 * Runs in the page (a string: the project compiles without DOM types). Overflow: an element whose
 * right edge passes the viewport, or (outside the charts) whose content is wider than its box.
 */
const LAYOUT_PROBE = `(() => {
  const width = document.documentElement.clientWidth;
  const overflowing = [...document.querySelectorAll('body *')]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      const inChart = element.closest('svg') !== null;
      const clipped = !inChart && getComputedStyle(element).display !== 'inline' && element.scrollWidth > element.clientWidth + 1;
      return box.right > width + 1 || clipped;
    })
    .map((element) => element.tagName.toLowerCase() + ': ' + (element.textContent || '').trim().slice(0, 40));
  return {
    documentWidth: document.documentElement.scrollWidth,
    viewportWidth: width,
    overflowing,
    headings: [...document.querySelectorAll('h1, h2')].map((heading) => heading.tagName.toLowerCase() + ': ' + heading.textContent),
    unlabelledCharts: [...document.querySelectorAll('svg')].filter((svg) => svg.getAttribute('role') !== 'img' || !svg.getAttribute('aria-label')).length,
    tablesWithoutHeaders: [...document.querySelectorAll('table')].filter((table) => table.querySelectorAll('th[scope]').length === 0 || !table.querySelector('caption')).length,
    lang: document.documentElement.lang,
  };
})()`;

describe('the leadership report in headless Chromium', () => {
  let browser: Browser;
  const events = recorded(acmeHistory());
  const reports = {
    organisation: buildReport({ events, period: 'week', at: '2026-03-10T09:00:00Z' }),
    team: buildReport({ events, period: 'month', at: '2026-04-06T09:00:00Z', team: 'payments' }),
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe.each(Object.entries(reports))('the %s report', (name, report) => {
    it.each(VIEWPORTS)('lays out without horizontal overflow at $width px, accessibly (screenshot in test/artifacts/reports)', async (viewport) => {
      const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
      try {
        // No network: a self-contained page must not ask for anything.
        const requests: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
        });
        await page.setContent(renderReportHtml(report), { waitUntil: 'load' });
        const layout = (await page.evaluate(LAYOUT_PROBE)) as Layout;
        await page.screenshot({ path: join(ARTIFACTS, `report-${name}-${viewport.name}.png`), fullPage: true });

        expect(layout.documentWidth).toBeLessThanOrEqual(layout.viewportWidth);
        expect(layout.overflowing).toEqual([]);
        expect(layout.headings.filter((heading) => heading.startsWith('h1'))).toHaveLength(1);
        expect(layout.headings).toEqual(expect.arrayContaining(['h2: The shared KPIs', 'h2: Dev ↔ Ops collaboration', 'h2: Notable incidents', 'h2: Recognitions', 'h2: Data quality']));
        expect(layout.unlabelledCharts).toBe(0);
        expect(layout.tablesWithoutHeaders).toBe(0);
        expect(layout.lang).toBe('en');
        expect(requests).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });

  it('has a probe that does see an overflow (the control for the layout checks)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.setContent('<!doctype html><html lang="en"><body><table style="width:900px"><tr><td>wide</td></tr></table><p style="width:100px;white-space:nowrap">a line far wider than its box, which overflows</p></body></html>');
      const layout = (await page.evaluate(LAYOUT_PROBE)) as Layout;

      expect(layout.documentWidth).toBeGreaterThan(layout.viewportWidth);
      expect(layout.overflowing).toEqual(expect.arrayContaining(['table: wide', 'p: a line far wider than its box, which ove']));
    } finally {
      await page.close();
    }
  });

  it('prints to PDF', async () => {
    const pdf = await htmlToPdf(renderReportHtml(reports.organisation), CHROMIUM);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
