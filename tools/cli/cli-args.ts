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
