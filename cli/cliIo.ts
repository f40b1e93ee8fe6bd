/** Where the CLI writes; tests pass in-memory streams. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Folder that relative paths are read from and written to. */
  readonly cwd: string;
  /** Environment variables (NO_COLOR, PERTASK_DEBUG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Threads to simulate on when --threads is not given: the machine's cores
   * from the real entry point, 1 in tests that run the TypeScript source.
   */
  readonly defaultThreads?: number;
  /**
   * The machine's memory in bytes, which a run's estimated need is checked
   * against (checkRunMemory): os.totalmem() when absent; tests pass a small one.
   */
  readonly totalMemoryBytes?: number;
  /** Ends `run --watch`; from the real entry point, Ctrl-C does (see makeCli). */
  readonly stopSignal?: AbortSignal;
}

export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Exit codes: 0 success, 1 a failure while running, 2 bad usage or a bad scenario. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error whose message is for the user as it stands, with the exit code it calls for. */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
