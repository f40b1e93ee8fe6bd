/**
 * Sets every entry's modification time in a ZIP file to 1980-01-01 00:00, the
 * earliest time the format can hold, so that the same workbook gives the same
 * bytes on every run. exceljs stamps each part of an .xlsx with the time of
 * writing, and offers no way to choose it.
 *
 * Layout from PKWARE's APPNOTE.TXT (sections 4.3.7, 4.3.12 and 4.3.16): the
 * end-of-central-directory record gives the directory's entry count and
 * offset; each directory entry holds the time and date at offsets 12 and 14
 * and its local header's offset at 42; a local header holds them at 10 and 12.
 * The timestamps are outside the compressed data and its CRC.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** MS-DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day. */
const FIRST_DOS_DATE = (1 << 5) | 1;

function findEndOfDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 65_557); at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new RangeError('not a ZIP file: no end-of-central-directory record');
}

function stamp(view: DataView, at: number): void {
  view.setUint16(at, 0, true);
  view.setUint16(at + 2, FIRST_DOS_DATE, true);
}

/** A copy of the ZIP bytes with every timestamp pinned. Cost: linear in the entries. */
export function pinZipTimestamps(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let entry = 0; entry < entries; entry += 1) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) {
      throw new RangeError(`not a ZIP directory entry at byte ${at}`);
    }
    stamp(view, at + 12);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_HEADER) {
      throw new RangeError(`not a ZIP local header at byte ${local}`);
    }
    stamp(view, local + 10);
    // The entry's fixed 46 bytes, then its name, extra field and comment.
    const variable = [28, 30, 32].reduce(
      (sum, offset) => sum + view.getUint16(at + offset, true),
      0,
    );
    at += 46 + variable;
  }
  return bytes;
}
