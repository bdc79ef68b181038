import { describe, expect, it } from 'vitest';
import { GUIDES, linkTarget, renderGuide, resolvePath, slug } from './guides';

describe('bundled guides', () => {
  it('bundles every page of Help with its title and sections', () => {
    for (const guide of GUIDES) {
      const page = renderGuide(guide.id);
      expect(page.title, guide.file).not.toBe('');
      expect(page.headings.length, guide.file).toBeGreaterThan(0);
    }
    const juror = renderGuide('juri');
    expect(juror.title).toBe('Panduan juri');
    expect(juror.headings.map((heading) => heading.text)).toContain('2. Membuka paket juri');
  });

  it('shows every screenshot a guide names from the bundle, never a missing picture', () => {
    for (const guide of GUIDES) {
      const html = renderGuide(guide.id).html;
      expect(html, guide.file).not.toContain('../img/');
      expect(html, guide.file).not.toMatch(/<em>[^<]*<\/em>\s*<\/p>\s*$/);
    }
    const chair = renderGuide('ketua').html;
    const images = [...chair.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(3);
    for (const src of images) expect(src).toMatch(/app-chair-[a-z-]+\.png/);
  });

  it('keeps links between pages inside Help', () => {
    const chair = renderGuide('ketua').html;
    expect(chair).toMatch(/data-guide="definisi"/);
    expect(chair).toMatch(/data-guide="koreksi"/);
    expect(chair).not.toMatch(/href="[^"#]/);
  });

  it('resolves the links and pictures written in the guides', () => {
    expect(resolvePath('panduan/ketua.md', '../img/x.png')).toBe('img/x.png');
    expect(resolvePath('panduan/ketua.md', './juri.md')).toBe('panduan/juri.md');
    expect(linkTarget('panduan/ketua.md', '../corrections.md#re-open')).toEqual({
      kind: 'guide',
      guide: 'koreksi',
      anchor: 're-open',
    });
    expect(linkTarget('panduan/juri.md', '#3-menilai')).toEqual({ kind: 'guide', guide: 'juri', anchor: '3-menilai' });
    expect(linkTarget('panduan/juri.md', '../formats.md')).toBeNull();
    expect(linkTarget('panduan/juri.md', 'https://example.org')).toEqual({
      kind: 'external',
      href: 'https://example.org',
    });
    expect(slug('2. Membuka paket juri')).toBe('2-membuka-paket-juri');
  });

  it('shows raw HTML in a guide as text, never as markup', () => {
    for (const guide of GUIDES) expect(renderGuide(guide.id).html).not.toMatch(/<script/i);
  });
});
