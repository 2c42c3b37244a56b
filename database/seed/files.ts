/**
 * A small PDF for each document of the demo library, so that every access level has a real file
 * behind it (the public ones at their /uploads URL, the others only through the members' space).
 * Idempotent: a document that already has a file is left alone, and files are named after their
 * content, so running it again writes the same bytes to the same place.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { documents as libraryDocuments } from './content/library';
import { slugify } from './members';
import { UID } from './report';

const FILE = 'plugin::upload.file';

/** A one-page PDF with one line of text (ASCII: the demo titles are folded). */
export function minimalPdf(line: string): Buffer {
  const text = line.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 56 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface DocumentRow {
  id: number;
  title: string;
  file?: { id: number } | null;
}

export async function attachDocumentFiles(strapi: Core.Strapi): Promise<number> {
  const uploads = path.join(strapi.dirs.static.public, 'uploads');
  await mkdir(uploads, { recursive: true });
  let attached = 0;
  for (const seed of libraryDocuments) {
    const rows = (await strapi.db.query(UID.document).findMany({
      where: { documentId: { $in: await documentIdsTitled(strapi, seed.title.fr) } },
      select: ['id', 'title'],
      populate: { file: { select: ['id'] } },
    })) as DocumentRow[];
    if (!rows.length || rows.every((row) => row.file)) continue;
    const content = minimalPdf(`${seed.title.fr} - ${seed.title.en}`);
    const hash = `${slugify(seed.title.fr).slice(0, 60)}_${createHash('sha256').update(content).digest('hex').slice(0, 10)}`;
    await writeFile(path.join(uploads, `${hash}.pdf`), content);
    const file = (await strapi.db.query(FILE).create({
      data: {
        name: `${slugify(seed.title.fr)}.pdf`,
        hash,
        ext: '.pdf',
        mime: 'application/pdf',
        size: Math.round((content.length / 1024) * 100) / 100,
        url: `/uploads/${hash}.pdf`,
        provider: 'local',
        folderPath: '/',
      },
    })) as { id: number };
    // Every row of the document (locales, draft and published): the file is not localized.
    for (const row of rows)
      await strapi.db.query(UID.document).update({ where: { id: row.id }, data: { file: file.id } });
    attached += 1;
  }
  return attached;
}

async function documentIdsTitled(strapi: Core.Strapi, title: string): Promise<string[]> {
  const rows = (await strapi.db
    .query(UID.document)
    .findMany({ where: { title, locale: 'fr' }, select: ['documentId'] })) as Array<{
    documentId: string;
  }>;
  return [...new Set(rows.map((r) => r.documentId))];
}
