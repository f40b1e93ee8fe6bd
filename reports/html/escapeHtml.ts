/**
 * Escaping for the three contexts the HTML report writes into: text and
 * attributes, inline JavaScript, and JSON inside a script element.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside an element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/**
 * JavaScript safe inside a <script> element. The HTML parser ends a script at
 * the first "</script", and "<!--" followed by "<script" changes how it finds
 * that end (WHATWG HTML, script data escaped state), whatever the JavaScript
 * around them means. Inside strings, regular expressions and comments, where
 * such text can appear in minified code, "<\/" reads the same as "</" and
 * "<\!--" the same as "<!--", so the program does not change.
 */
export function escapeScriptText(javascript: string): string {
  return javascript.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * A value as JSON safe inside <script type="application/json">: "<", ">" and
 * "&" become \u escapes, which JSON.parse reads back as the same characters,
 * so no text in a workload name can close the element.
 */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
