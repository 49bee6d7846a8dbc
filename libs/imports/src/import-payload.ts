/**
 * Turns an import request body (text/csv bytes or JSON `{rows: [...]}`) into numbered rows, refusing a body that
 * is not a well-formed import file as a whole. Row-level problems are left to the row checks.
 */
import { DomainError, ERROR_CODES, type FieldProblem, type ImportFormat } from '@civic/contracts';
import { CsvSyntaxError, decodeUtf8, NotUtf8Error, parseCsv } from './csv';

/** An import body as stored with its job: the format and the UTF-8 text. */
export interface ImportPayload {
  format: ImportFormat;
  text: string;
}

/**
 * One row to import. `line` is the CSV line the record starts on (the header is line 1), or the 1-based position
 * in `rows` for JSON. `values` maps CSV column names to their text, or is the JSON row object.
 */
export interface ImportRow {
  line: number;
  values: Record<string, unknown>;
  /** Set when the row cannot even be read (wrong number of fields, not an object). */
  problems?: FieldProblem[];
}

/** The largest number of rows one import may hold. */
export const MAX_IMPORT_ROWS = 200_000;

/** The import body from an Express request (raw bytes for text/csv, the parsed object for JSON); 415/400 otherwise. */
export function importPayloadOf(contentType: string | undefined, body: unknown): ImportPayload {
  const [mediaType, ...params] = (contentType ?? '').toLowerCase().split(';').map((s) => s.trim());
  if (mediaType === 'text/csv') {
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new DomainError(ERROR_CODES.unsupportedMediaType, `charset ${charset} is not supported: upload UTF-8`);
    }
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    try {
      return { format: 'csv', text: decodeUtf8(bytes) };
    } catch (e) {
      if (e instanceof NotUtf8Error) throw DomainError.invalid(e.message, [{ field: 'body', rule: 'utf8', message: e.message }]);
      throw e;
    }
  }
  if (mediaType === 'application/json') return { format: 'json', text: JSON.stringify(body ?? null) };
  throw new DomainError(
    ERROR_CODES.unsupportedMediaType,
    `content-type ${mediaType || '(none)'} is not supported: send text/csv (UTF-8) or application/json {"rows": [...]}`,
  );
}

/**
 * Reads the payload into rows. A CSV needs a header naming exactly `columns` (in any order); a JSON body must be
 * `{rows: [...]}`. Throws a 400 naming `header`, `body` or `rows` when the file as a whole is unusable.
 */
export function readImportRows(payload: ImportPayload, columns: readonly string[]): ImportRow[] {
  const rows = payload.format === 'csv' ? readCsvRows(payload.text, columns) : readJsonRows(payload.text);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw DomainError.invalid(`an import holds at most ${MAX_IMPORT_ROWS} rows; this one has ${rows.length}`, [
      { field: 'rows', rule: 'maxRows', message: `at most ${MAX_IMPORT_ROWS} rows per import` },
    ]);
  }
  return rows;
}

function readCsvRows(text: string, columns: readonly string[]): ImportRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw DomainError.invalid(`the file is not valid CSV: ${e.message}`, [{ field: 'body', rule: 'csv', message: e.message }]);
    throw e;
  }
  const header = records[0]?.fields.map((h) => h.trim());
  if (!header || (header.length === 1 && header[0] === '')) {
    throw DomainError.invalid('the file has no header row', [
      { field: 'header', rule: 'required', message: `the first line must name the columns: ${columns.join(',')}` },
    ]);
  }
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !columns.includes(h));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
      repeated.length ? `repeated ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw DomainError.invalid(`the header row does not match the import columns (${parts.join('; ')})`, [
      { field: 'header', rule: 'columns', message: `the header must name exactly these columns: ${columns.join(',')}` },
    ]);
  }
  const rows: ImportRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length === 1 && record.fields[0] === '') continue; // a blank line
    if (record.fields.length !== header.length) {
      rows.push({
        line: record.line,
        values: {},
        problems: [{ field: 'row', rule: 'columnCount', message: `the row has ${record.fields.length} fields; the header has ${header.length}` }],
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, k) => (values[name] = record.fields[k]));
    rows.push({ line: record.line, values });
  }
  return rows;
}

function readJsonRows(text: string): ImportRow[] {
  const body: unknown = JSON.parse(text);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw DomainError.invalid('the body must be a JSON object {"rows": [...]}', [{ field: 'rows', rule: 'isArray', message: 'rows must be an array' }]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'rows');
  if (extra.length) {
    throw DomainError.invalid(`unknown properties: ${extra.join(', ')}`, extra.map((field) => ({ field, rule: 'whitelistValidation', message: `property ${field} should not exist` })));
  }
  const list = (body as { rows?: unknown }).rows;
  if (!Array.isArray(list)) throw DomainError.invalid('rows must be an array', [{ field: 'rows', rule: 'isArray', message: 'rows must be an array' }]);
  return list.map((row, k) =>
    row && typeof row === 'object' && !Array.isArray(row)
      ? { line: k + 1, values: row as Record<string, unknown> }
      : { line: k + 1, values: {}, problems: [{ field: 'row', rule: 'isObject', message: 'each row must be a JSON object' }] },
  );
}
