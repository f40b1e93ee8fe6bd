/** A scenario name names the folder <out>/<name>/, so its limits are a folder name's. */
const MAX_NAME_LENGTH = 80;
// Starting with a letter or digit keeps `.`, `..` and hidden folders out; no slash or
// space keeps the folder inside --out and its path unquoted in a shell.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Folder names the commands write their own reports to: `compare` to <out>/compare/, and
 * `dashboard` to out/dashboard/ by default, both beside the scenarios' folders under `out`.
 * Matched without case, since a folder `Compare` is `compare` on macOS and Windows.
 */
const RESERVED_NAMES: Readonly<Record<string, string>> = {
  compare: '<out>/compare/',
  dashboard: 'out/dashboard/ by default',
};

/** Why a text cannot be a scenario's name, with what would be valid; undefined when it can. */
export function checkScenarioName(
  text: string,
): { readonly message: string; readonly hint: string } | undefined {
  if (text.length > MAX_NAME_LENGTH) {
    return {
      message:
        `The name has ${text.length} characters; ` +
        `a folder name takes ${MAX_NAME_LENGTH} at most.`,
      hint: `shorten it to ${MAX_NAME_LENGTH} characters or fewer`,
    };
  }
  const reserved = text.toLowerCase();
  const folder = Object.hasOwn(RESERVED_NAMES, reserved) ? RESERVED_NAMES[reserved] : undefined;
  if (folder !== undefined) {
    return {
      message:
        `\`${text}\` cannot name a scenario: \`pertask ${reserved}\` writes its own ` +
        `report to ${folder}, where this scenario's report would land too.`,
      hint: `name it otherwise, e.g. \`${reserved}-2027\``,
    };
  }
  if (NAME_PATTERN.test(text)) return undefined;
  const named = text === '' ? 'An empty name' : `\`${text}\``;
  return {
    message:
      `${named} cannot name a report folder: a scenario name is ASCII letters (a-z, A-Z), ` +
      'digits, `-`, `_` and `.`, starting with a letter or digit.',
    hint: 'write it without spaces or slashes, e.g. `support-2027`',
  };
}
