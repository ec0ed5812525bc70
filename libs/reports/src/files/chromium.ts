import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { ReportsError } from '../reports-error';

/** Headless, and nothing that reaches the network or writes a profile beyond the run. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The system's Chromium (Debian's `chromium` package), driven by playwright-core: no browser download. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    await access(executablePath, constants.X_OK);
  } catch (error) {
    throw new ReportsError(
      'REPORTS_CHROMIUM_MISSING',
      `PDF needs headless Chromium at ${executablePath}, which is not there: install it (Debian: apt-get install -y chromium), set TANDEM_CHROMIUM_PATH, or use --format html or md.`,
      { cause: error },
    );
  }
  // Loaded on first use: playwright-core costs ~0.5 s of CPU to load, which every start-up of the
  // servers (which never print a PDF) would otherwise pay.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** The HTML printed to A4 by Chromium, backgrounds included. */
export async function htmlToPdf(html: string, executablePath: string): Promise<Buffer> {
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await browser.close();
  }
}
