/**
 * Printed documents of an assembly (pdfkit, its built-in Helvetica): convocations, a page per
 * member for those who get theirs by post, and the minutes. Each page is built from the same
 * text as the e-mail or the Markdown, so print and mail never say different things.
 */
import PDFDocument from 'pdfkit';
import { organisation } from '@notre-asso/config';

export interface PdfSection {
  heading?: string;
  paragraphs: string[];
}

export interface PdfPage {
  /** Addressee block, top right (name, membership number, postcode and city). */
  addressee?: string[];
  title: string;
  sections: PdfSection[];
}

const margin = 56;

/** One PDF, a page (or more, when long) per entry. */
export function pdfOf(title: string, pages: PdfPage[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin, autoFirstPage: false, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of pages) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).text(organisation.name);
    doc.font('Helvetica').fontSize(9).text(organisation.address);
    if (page.addressee?.length) {
      doc.moveDown(1.5);
      doc.fontSize(11).text(page.addressee.join('\n'), { align: 'right' });
    }
    doc.moveDown(2);
    doc.font('Helvetica-Bold').fontSize(16).text(page.title);
    for (const section of page.sections) {
      doc.moveDown(0.8);
      if (section.heading) doc.font('Helvetica-Bold').fontSize(12).text(section.heading).moveDown(0.3);
      doc.font('Helvetica').fontSize(10.5);
      for (const paragraph of section.paragraphs) doc.text(paragraph, { paragraphGap: 4 });
    }
  }
  doc.end();
  return done;
}
