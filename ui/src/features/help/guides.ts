// The guides bundled with the app, so Help works offline: the Indonesian guides for jurors and chairs
// and the reference pages they link to, with the screenshots they show. Everything is read from
// `docs/` when the UI is built; nothing is fetched at run time.
import { Marked, type Token } from 'marked';

const SOURCES = import.meta.glob<string>('../../../../docs/{panduan/*.md,definition.md,corrections.md}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const IMAGES = import.meta.glob<string>('../../../../docs/img/app-*.png', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** The pages of Help, in the order of its tabs. `file` is the page's path inside `docs/`. */
export const GUIDES = [
  { id: 'juri', file: 'panduan/juri.md', label: 'help.juror' },
  { id: 'ketua', file: 'panduan/ketua.md', label: 'help.chair' },
  { id: 'definisi', file: 'definition.md', label: 'help.definition' },
  { id: 'koreksi', file: 'corrections.md', label: 'help.corrections' },
] as const;

export type GuideId = (typeof GUIDES)[number]['id'];

/** A link inside a guide: to another page of Help (and maybe a heading in it), or out of the app. */
export type GuideLink = { kind: 'guide'; guide: GuideId; anchor: string | null } | { kind: 'external'; href: string };

/** A heading of a guide, for its table of contents. */
export interface Heading {
  id: string;
  text: string;
}

export interface RenderedGuide {
  title: string;
  headings: Heading[];
  html: string;
}

const DOCS = '../../../../docs/';

function source(file: string): string {
  const text = SOURCES[DOCS + file];
  if (text === undefined) throw new Error(`the guide docs/${file} is not bundled`);
  return text;
}

/** The folder part of a path inside `docs/`, e.g. `panduan/` for `panduan/juri.md`. */
function folderOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1);
}

/** Resolves `target` (relative, as written in a guide) against the guide's folder, inside `docs/`. */
export function resolvePath(from: string, target: string): string {
  const parts = (folderOf(from) + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** What a link written in the guide `from` leads to, or null when it leads to nothing bundled. */
export function linkTarget(from: string, href: string): GuideLink | null {
  if (/^[a-z]+:/i.test(href)) return { kind: 'external', href };
  const [path = '', anchor = null] = href.split('#', 2) as [string, string?];
  if (path === '') {
    const here = GUIDES.find((guide) => guide.file === from);
    return here ? { kind: 'guide', guide: here.id, anchor } : null;
  }
  const file = resolvePath(from, path);
  const guide = GUIDES.find((candidate) => candidate.file === file);
  return guide ? { kind: 'guide', guide: guide.id, anchor } : null;
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function plain(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => ('tokens' in token && token.tokens ? plain(token.tokens) : 'text' in token ? token.text : ''))
    .join('');
}

/** Renders one guide to HTML: headings get ids, images point at the bundled screenshots, and links
 *  between pages carry where they lead in `data-guide` / `data-anchor` for the Help screen; an
 *  address outside the app is written out beside its text. */
export function renderGuide(id: GuideId): RenderedGuide {
  const guide = GUIDES.find((candidate) => candidate.id === id)!;
  const headings: Heading[] = [];
  let title = '';
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const text = plain(tokens);
        const anchor = slug(text);
        if (depth === 1 && title === '') title = text;
        if (depth === 2) headings.push({ id: anchor, text });
        return `<h${depth} id="${anchor}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      image({ href, text }) {
        const url = IMAGES[DOCS + resolvePath(guide.file, href)];
        if (url === undefined) return `<em>${escape(text)}</em>`;
        return `<img src="${url}" alt="${escape(text)}" />`;
      },
      link({ href, tokens }) {
        const inner = this.parser.parseInline(tokens);
        const target = linkTarget(guide.file, href);
        if (target === null) return `<span class="unlinked">${inner}</span>`;
        if (target.kind === 'external') {
          // Help works offline: an address outside the app is shown, to be typed into a browser.
          return `${inner} (<span class="address">${escape(target.href)}</span>)`;
        }
        const anchor = target.anchor ? ` data-anchor="${escape(target.anchor)}"` : '';
        return `<a href="#" data-guide="${target.guide}"${anchor}>${inner}</a>`;
      },
      html({ text }) {
        // The guides are plain Markdown; raw HTML in them is shown as text, never run.
        return escape(text);
      },
    },
  });
  const html = marked.parse(source(guide.file), { async: false });
  return { title, headings, html };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
