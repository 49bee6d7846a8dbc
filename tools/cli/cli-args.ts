/**
 * The command-line reading every tool shares: `--name value` or `--name=value` for options that take a value,
 * bare `--name` for flags, `--help` / `-h`. The tools check the values themselves; this only splits the line, so
 * they all refuse the same mistakes with the same words.
 */
export interface CliSpec {
  /** Option names (without `--`) that take a value. */
  values: readonly string[];
  /** Option names (without `--`) that are flags. */
  flags?: readonly string[];
  /** Whether `--help` / `-h` is understood (default true). */
  help?: boolean;
}

export type CliRead =
  | { ok: true; values: Partial<Record<string, string>>; flags: ReadonlySet<string>; help: false }
  | { ok: true; help: true }
  | { ok: false; error: string };

/** Splits argv (without node and the script) by `spec`; the first problem ends it with a message naming the argument. */
export function readCli(argv: readonly string[], spec: CliSpec): CliRead {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((spec.help ?? true) && (arg === '--help' || arg === '-h')) return { ok: true, help: true };
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const name = m?.[1];
    if (name !== undefined && spec.flags?.includes(name) && m![2] === undefined) {
      flags.add(name);
      continue;
    }
    if (name === undefined || !spec.values.includes(name)) return { ok: false, error: `unknown argument ${arg}` };
    if (name in values) return { ok: false, error: `--${name} given twice` };
    const inline = m![2];
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `--${name} needs a value` };
    values[name] = value;
  }
  return { ok: true, values, flags, help: false };
}

/** What a tool with no argument module of its own reads: the split line and typed values, every mistake ending it alike. */
export interface ToolArgs {
  values: Partial<Record<string, string>>;
  flags: ReadonlySet<string>;
  /** The option's integer value within min..max, `fallback` when it is absent. */
  int(name: string, fallback: number, min?: number, max?: number): number;
  /** The option's number (seconds, fractions) within min..max, `fallback` when it is absent. */
  number(name: string, fallback: number, min?: number, max?: number): number;
  /** The option's text, `fallback` when it is absent. */
  text(name: string, fallback: string): string;
}

/**
 * Reads argv by `spec` for a tool: `--help` prints `usage` and ends with exit 0; a mistake prints the problem
 * (naming the argument and its rule) and `usage`, and ends with exit 2. `exit` is replaceable for tests.
 */
export function readToolArgs(argv: readonly string[], spec: CliSpec, usage: string, exit: (code: number) => never = process.exit): ToolArgs {
  const read = readCli(argv, spec);
  if (read.ok && read.help) {
    process.stdout.write(`${usage}\n`);
    return exit(0);
  }
  const fail = (error: string): never => {
    process.stderr.write(`${error}\n${usage}\n`);
    return exit(2);
  };
  if (!read.ok) return fail(read.error);
  const { values, flags } = read;
  const numeric = (kind: string, test: (n: number) => boolean) => (name: string, fallback: number, min = -Infinity, max = Infinity): number => {
    const text = values[name];
    if (text === undefined) return fallback;
    const n = text.trim() === '' ? NaN : Number(text);
    if (test(n) && n >= min && n <= max) return n;
    const range = min === -Infinity && max === Infinity ? '' : max === Infinity ? ` >= ${min}` : ` ${min}..${max}`;
    return fail(`--${name} must be ${kind}${range}, got ${text}`);
  };
  return {
    values,
    flags,
    int: numeric('an integer', Number.isInteger),
    number: numeric('a number', Number.isFinite),
    text: (name, fallback) => values[name] ?? fallback,
  };
}
