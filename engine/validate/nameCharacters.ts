/**
 * What a workload, step or option name may hold, said once for every message:
 * names become report folders, sheet names and keys of `set:` paths, so only
 * ASCII is taken, and "letters" alone would promise `é` to a user.
 */
export const NAME_CHARACTERS =
  'ASCII letters (a-z, A-Z), digits, `-` and `_`, starting with a letter or digit';
