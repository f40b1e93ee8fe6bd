import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  escapeScriptText,
  serializeJsonForScript,
} from '../../../reports/html/escapeHtml.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('escapeScriptText', () => {
  it('breaks every closing script tag, whatever its case, and HTML comment openers', () => {
    const escaped = escapeScriptText('a("</script>"); b("</SCRIPT >"); c("<!--")');
    expect(escaped).not.toMatch(/<\/script/i);
    expect(escaped).not.toContain('<!--');
  });

  it('leaves the program meaning the same inside strings and regular expressions', () => {
    const source = 'globalThis.out = ["</script>", /<\\/script>/.test("</script>"), "<!--"];';
    const run = new Function(`${escapeScriptText(source)}; return globalThis.out;`);
    expect(run()).toEqual(['</script>', true, '<!--']);
  });
});

describe('serializeJsonForScript', () => {
  it('writes JSON with no <, > or & that JSON.parse reads back unchanged', () => {
    const value = { name: '</script><script>alert(1)</script> & <!--' };
    const text = serializeJsonForScript(value);
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
