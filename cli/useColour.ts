import type { CliIo, TextSink } from './cliIo.js';

/**
 * Whether to colour what goes to `stream`: only a terminal, and never when
 * NO_COLOR is set to anything but the empty string (no-color.org) or the
 * terminal says it is dumb.
 */
export function useColour(stream: TextSink, env: CliIo['env']): boolean {
  const noColour = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return stream.isTTY === true && !noColour && env.TERM !== 'dumb';
}

const STYLES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

export type Style = keyof typeof STYLES;

/** Paints text with an ANSI style when `enabled`, else returns it as it is. */
export function paint(text: string, style: Style, enabled: boolean): string {
  return enabled ? `\u001b[${STYLES[style]}m${text}\u001b[0m` : text;
}

/** An issue's first line with its severity coloured: red for errors, yellow for warnings. */
export function paintIssue(formatted: string, enabled: boolean): string {
  if (!enabled) return formatted;
  return formatted.replace(
    /^(\S+: )(error|warning)( \[[^\]]+\])/,
    (_all, place, severity, code) => {
      const colour = severity === 'error' ? 'red' : 'yellow';
      return `${place}${paint(`${severity}${code}`, colour, true)}`;
    },
  );
}
