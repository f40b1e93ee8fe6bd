import { ALL_REPORT_FORMATS, isReportFormat, type ReportFormat } from '../reports/reportFormats.js';
import { closestNames } from '../engine/closestNames.js';
import { CliError, EXIT } from './cliIo.js';

/**
 * Reads `--format html,xlsx` into a set of formats; undefined (every format)
 * when the option is absent. An unknown name is a usage error that lists the
 * valid ones and suggests the closest.
 */
export function parseFormats(option: string | undefined): ReadonlySet<ReportFormat> | undefined {
  if (option === undefined) return undefined;
  const names = option
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new CliError(
      `--format needs at least one of ${ALL_REPORT_FORMATS.join(', ')}.`,
      EXIT.usage,
    );
  }
  const formats = new Set<ReportFormat>();
  for (const name of names) {
    if (!isReportFormat(name)) throw unknownFormat(name);
    formats.add(name);
  }
  return formats;
}

function unknownFormat(name: string): CliError {
  const [closest] = closestNames(name, ALL_REPORT_FORMATS);
  const hint = closest === undefined ? '' : ` Did you mean \`${closest}\`?`;
  return new CliError(
    `--format: unknown format \`${name}\`; valid: ${ALL_REPORT_FORMATS.join(', ')}.${hint}`,
    EXIT.usage,
  );
}
