/**
 * A small RFC 4180 reader for the import files: quoted fields (quotes doubled inside), CRLF or LF line ends, UTF-8
 * only. Shared by every service that takes import files.
 */

/** One CSV record and the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The text is not well-formed CSV; `line` is where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** The bytes are not UTF-8. */
export class NotUtf8Error extends Error {
  constructor() {
    super('the file is not UTF-8 text: save it as "CSV UTF-8" and upload it again');
    this.name = 'NotUtf8Error';
  }
}

/** Decodes bytes as UTF-8 and drops a byte-order mark; anything else (GBK, UTF-16, binary) throws NotUtf8Error. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: a GBK spreadsheet must fail loudly rather than import U+FFFD mojibake.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotUtf8Error();
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Splits CSV text into records. Fields are returned as written (no trimming, no type conversion); a line end
 * right before the end of the text does not start another record. Throws CsvSyntaxError on an unclosed quote or
 * a quote in the middle of an unquoted field.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let i = 0;
  // True once the current record has begun (so "a,\r\n" keeps its empty last field and a final CRLF adds nothing).
  let open = false;

  const endRecord = (): void => {
    records.push({ line: recordLine, fields });
    fields = [];
    open = false;
  };

  while (i < n) {
    open = true;
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      const startLine = line;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new CsvSyntaxError(startLine, 'a quoted field is never closed');
        line += countLineEnds(text, from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      c = text.charCodeAt(i);
      if (i < n && c !== COMMA && c !== CR && c !== LF) {
        throw new CsvSyntaxError(line, 'a closing quote must be followed by a comma or the end of the line');
      }
    } else {
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      // A comma at the very end of the text still opens one more (empty) field.
      if (i >= n) fields.push('');
      continue;
    }
    // CR, LF or CRLF ends the record.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    endRecord();
    recordLine = line;
  }
  if (open) endRecord();
  return records;
}

function countLineEnds(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}
