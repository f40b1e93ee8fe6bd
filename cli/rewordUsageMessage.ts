/**
 * yargs words its usage errors in its own voice ("Not enough non-option
 * arguments: got 0, need at least 1"); these say, in the tool's, what the
 * command needs and how it is called. Messages not recognised pass unchanged.
 */

/** How each command is called, keyed by its words (`prices import`). */
const COMMAND_USAGE: Readonly<Record<string, { needs: string; usage: string }>> = {
  run: { needs: 'at least one scenario file', usage: 'pertask run <scenario.yaml...>' },
  compare: {
    needs: 'at least one scenario file',
    usage: 'pertask compare <scenario.yaml...>',
  },
  validate: { needs: 'at least one scenario file', usage: 'pertask validate <scenario.yaml...>' },
  solve: {
    needs: 'a scenario file, --vary and --target',
    usage: 'pertask solve <scenario.yaml> --vary <key path> --target <target>',
  },
  dashboard: { needs: 'at least one usage file', usage: 'pertask dashboard <logs...>' },
  calibrate: {
    needs: 'at least one usage file and --out',
    usage: 'pertask calibrate <logs...> --out <scenario.yaml>',
  },
  backtest: {
    needs: 'a scenario file and at least one usage file',
    usage: 'pertask backtest <scenario.yaml> <logs...>',
  },
  'prices import': {
    needs: 'a price map and --out',
    usage: 'pertask prices import <map.json> --out <catalog.json>',
  },
  'prices fit': {
    needs: 'a price history',
    usage: 'pertask prices fit <history.csv> --models <a,b,c>',
  },
};

/** The command's words in argv: `prices import` before `prices`. */
function commandOf(argv: readonly string[]): string | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  const two = words.slice(0, 2).join(' ');
  if (COMMAND_USAGE[two] !== undefined) return two;
  return words[0] !== undefined && COMMAND_USAGE[words[0]] !== undefined ? words[0] : undefined;
}

/** A yargs usage message in the tool's words, given the command line it came from. */
export function rewordUsageMessage(written: string, argv: readonly string[]): string {
  const message = describeUnknownOptions(written, argv);
  const command = commandOf(argv);
  const known = command === undefined ? undefined : COMMAND_USAGE[command];
  if (known !== undefined && /^(Not enough non-option|Missing required) argument/.test(message)) {
    return `${command} needs ${known.needs}: ${known.usage}`;
  }
  const following = /^Not enough arguments following: (\S+)$/.exec(message);
  if (following !== null) return `--${following[1]} needs a value after it.`;
  const invalid = /^Invalid values:\s+Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message);
  if (invalid !== null) {
    const choices = invalid[3]!.replace(/"/g, '');
    return `--${invalid[1]} takes one of ${choices}; got ${invalid[2]!.replace(/"/g, '')}.`;
  }
  return message;
}

/**
 * yargs names an unknown option twice, as typed and in camel case
 * (`bogus-opt, bogusOpt`); the message keeps the names as typed, with dashes.
 */
function describeUnknownOptions(message: string, argv: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (match === null) return message;
  const names = match[1]!.split(', ');
  const camel = (name: string) =>
    name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const typed = names.filter(
    (name) => !names.some((other) => other !== name && camel(other) === name),
  );
  const isFlag = (name: string) =>
    argv.some((word) => new RegExp(`^--?(no-)?${escapeRegExp(name)}(=|$)`).test(word));
  const flags = typed.filter(isFlag).map((name) => (name.length === 1 ? `-${name}` : `--${name}`));
  const extra = typed.filter((name) => !isFlag(name)).map((name) => `\`${name}\``);
  const parts = [
    flags.length > 0
      ? `Unknown ${flags.length === 1 ? 'option' : 'options'}: ${flags.join(', ')}`
      : '',
    extra.length > 0
      ? `Unexpected ${extra.length === 1 ? 'argument' : 'arguments'}: ${extra.join(', ')}`
      : '',
  ];
  return parts.filter((part) => part !== '').join('; ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
