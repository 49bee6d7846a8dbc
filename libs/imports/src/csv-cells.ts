/**
 * Reading list and number cells of an import file into the shape the single-record DTOs validate. A cell that is
 * not what it should be is kept as text, so the DTO's own rule names the column instead of a parse error.
 */

/** A list cell: '' → [], 'a | b' → ['a', 'b'] (lists inside a cell are joined with '|'). */
export function csvList(cell: string): string[] {
  const text = cell.trim();
  return text === '' ? [] : text.split('|').map((s) => s.trim());
}

/** A decimal number cell, or its text when it is not one (the validator then names the column); '' → undefined. */
export function csvNumber(cell: string): number | string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}
