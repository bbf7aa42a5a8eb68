import { chromium } from 'playwright-core';
import fs from 'node:fs';
const [,, outdir, ...files] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
for (const f of files) {
  for (const w of [375, 1280]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: w === 375 ? 812 : 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto('file://' + f);
    const name = f.replace(/^\/tmp\//,'').replace(/\//g,'_').replace('.html','');
    await page.screenshot({ path: `${outdir}/${name}-${w}.png`, fullPage: false });
    if (process.env.FULL) await page.screenshot({ path: `${outdir}/${name}-${w}-full.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close();
