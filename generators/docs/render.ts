// Renders the design document model as GitHub Markdown (Mermaid inline) or as one self-contained HTML file.
import type { Block, DesignDocument } from './document.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdownBlock(b: Block): string {
  switch (b.t) {
    case 'p':
      return b.text;
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n');
    case 'table': {
      const align = b.head.map((_, i) => (b.align?.[i] === 'right' ? '---:' : '---'));
      return [
        `| ${b.head.map(cell).join(' | ')} |`,
        `| ${align.join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ].join('\n');
    }
    case 'mermaid':
      return `\`\`\`mermaid\n${b.text.trimEnd()}\n\`\`\``;
    case 'figure':
      return b.href ? `![${b.caption}](${b.href})` : `*${b.caption}: see the HTML version.*`;
  }
}

export function renderMarkdown(doc: DesignDocument): string {
  const out = [`# ${doc.title}`, '', `*${doc.subtitle}*`, '', '## Contents', ''];
  for (const s of doc.sections) out.push(`- [${s.title}](#${s.id})`);
  out.push('');
  for (const s of doc.sections) {
    out.push(`<a id="${s.id}"></a>`, '', `## ${s.title}`, '');
    for (const b of s.blocks) out.push(markdownBlock(b), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The small inline Markdown the document uses: `code`, **bold**, [text](url). */
function inlineHtml(s: string): string {
  const parts = s.split(/(`[^`]*`)/g);
  return parts
    .map((p) =>
      p.startsWith('`') && p.endsWith('`') && p.length > 1
        ? `<code>${escapeHtml(p.slice(1, -1))}</code>`
        : escapeHtml(p)
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
            .replace(/(^|\s)\*([^*]+)\*(?=\s|$)/g, '$1<em>$2</em>'),
    )
    .join('');
}

function htmlBlock(b: Block): string {
  switch (b.t) {
    case 'p':
      return `<p>${inlineHtml(b.text)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${b.items.map((i) => `  <li>${inlineHtml(i)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'table': {
      const style = (i: number) => (b.align?.[i] === 'right' ? ' class="num"' : '');
      return [
        '<table>',
        `  <thead><tr>${b.head.map((h, i) => `<th${style(i)}>${inlineHtml(h)}</th>`).join('')}</tr></thead>`,
        '  <tbody>',
        ...b.rows.map(
          (r) => `    <tr>${r.map((c, i) => `<td${style(i)}>${inlineHtml(c)}</td>`).join('')}</tr>`,
        ),
        '  </tbody>',
        '</table>',
      ].join('\n');
    }
    case 'mermaid':
      return `<details class="mermaid-source"><summary>Mermaid source</summary>\n<pre>${escapeHtml(b.text.trimEnd())}</pre>\n</details>`;
    case 'figure':
      if (b.svg)
        return `<figure>\n${b.svg.replace(/<\?xml[^>]*>\s*/, '')}\n<figcaption>${escapeHtml(b.caption)}</figcaption>\n</figure>`;
      return b.href
        ? `<figure><img src="${escapeHtml(b.href)}" alt="${escapeHtml(b.caption)}"><figcaption>${escapeHtml(b.caption)}</figcaption></figure>`
        : '';
  }
}

const CSS = `
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; margin-top: 2.2rem; }
.subtitle { color: #59636e; margin-top: 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f6f8fa; padding: .1em .3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: 13.5px; }
th, td { border: 1px solid #d0d7de; padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #59636e; font-size: 13px; }
nav ul { columns: 2; }
`.trim();

export function renderHtml(doc: DesignDocument): string {
  const out = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    '<nav><ul>',
    ...doc.sections.map((s) => `  <li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`),
    '</ul></nav>',
  ];
  for (const s of doc.sections) {
    out.push(`<section id="${s.id}">`, `<h2>${escapeHtml(s.title)}</h2>`);
    for (const b of s.blocks) {
      const html = htmlBlock(b);
      if (html) out.push(html);
    }
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
