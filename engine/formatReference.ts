/**
 * The scenario reference tables of the README, rendered from the JSON Schema:
 * one table per section (every `$defs` entry and the root that carry an
 * `x-section`), each key with its unit, default, example and meaning. A test
 * keeps the README equal to this text.
 */
export function formatReference(schema: Record<string, unknown>): string {
  const sections = [schema, ...Object.values((schema.$defs ?? {}) as Record<string, unknown>)];
  const parts: string[] = [];
  for (const candidate of sections) {
    const section = candidate as { 'x-section'?: string; properties?: Record<string, Key> };
    if (section['x-section'] === undefined || section.properties === undefined) continue;
    parts.push(`#### ${section['x-section']}\n`);
    parts.push('| key | unit | default | example | drawn | meaning |');
    parts.push('|---|---|---|---|---|---|');
    for (const [name, key] of Object.entries(section.properties)) {
      const meaning = (key.description ?? '').split(' Unit: ')[0];
      const cells = [
        `\`${name}\``,
        key['x-unit'],
        key['x-default'],
        `\`${key.examples?.[0] ?? ''}\``,
        DRAWN_WORDS[key['x-drawn'] ?? ''] ?? '',
        meaning,
      ];
      parts.push(`| ${cells.map(escapeCell).join(' | ')} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}

interface Key {
  readonly description?: string;
  readonly examples?: readonly string[];
  readonly 'x-unit'?: string;
  readonly 'x-default'?: string;
  readonly 'x-drawn'?: string;
}

const DRAWN_WORDS: Record<string, string> = {
  trial: 'per trial',
  'trial or month': 'per trial or month',
  fixed: 'fixed',
  section: '',
};

function escapeCell(text: string | undefined): string {
  return (text ?? '').replaceAll('|', '\\|');
}
