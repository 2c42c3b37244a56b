/**
 * The text of the PDFs the register writes (pdf-lib, standard fonts): each drawn line is a hex
 * string shown with `Tj` in a page's content stream, in WinAnsi. Enough to read our own documents
 * back line by line, not a general PDF text extractor.
 */
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';

/** WinAnsi's 0x80–0x9F differ from Latin-1; the rest is the same. */
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x8c: 'Œ',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
};

const decode = (hex: string) =>
  (hex.match(/../g) ?? []).map((h) => WIN_ANSI[parseInt(h, 16)] ?? String.fromCharCode(parseInt(h, 16))).join('');

export interface PdfText {
  pages: number;
  /** Every drawn line, in drawing order, page after page; no-break spaces as plain spaces. */
  lines: string[];
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams: Array<PDFObject | undefined> =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const match of text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
        lines.push(decode(match[1]!).replace(/\u00a0/g, ' '));
    }
  }
  return { pages: doc.getPageCount(), lines };
}
