/** Nest injection tokens of the console. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
