/**
 * Every member's yearly statement in one batch, for the board and the accountant: one ZIP of the
 * PDFs (one per member, named by year and membership number) and a summary CSV, written to a
 * private folder of the CMS (`.tmp/statements` under the app, never the public uploads: the
 * statements are personal data). No other service is needed — the batch runs in the CMS process,
 * in the background, and reports its progress; memory stays bounded whatever the number of
 * members: each PDF is written to the ZIP's file as soon as it is made, waiting for the disk when
 * it lags. The ZIP is written under a temporary name and renamed when complete, so a download
 * never gets half a batch. A restart loses a batch in progress (start it again), not a finished ZIP.
 */
import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { Conflict, NotFound } from '@notre-asso/plugin-kit';
import { statementPdf } from '../documents/statement';
import { statementsOf } from './statements';

export type BatchState = 'running' | 'finished' | 'failed';

export interface BatchStatus {
  year: number;
  state: BatchState;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

const batches = new WeakMap<Core.Strapi, Map<number, BatchStatus>>();

function batchesOf(strapi: Core.Strapi): Map<number, BatchStatus> {
  const known = batches.get(strapi) ?? new Map<number, BatchStatus>();
  batches.set(strapi, known);
  return known;
}

export const batchDir = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, '.tmp', 'statements');
export const zipName = (year: number) => `etats-annuels-${year}.zip`;
export const zipPath = (strapi: Core.Strapi, year: number) => path.join(batchDir(strapi), zipName(year));

export class BatchRunning extends Conflict {
  constructor(year: number) {
    super(
      `Les états annuels ${year} sont déjà en cours de génération : attendez la fin.`,
      `The ${year} yearly statements are already being generated: wait for the end.`,
      { year },
    );
  }
}

export class NoBatch extends NotFound {
  constructor(year: number) {
    super(
      `Aucun lot d’états annuels ${year} : lancez la génération.`,
      `No batch of ${year} yearly statements: start the generation.`,
      { year },
    );
  }
}

/** Euros with a comma, for French spreadsheets (as the register's CSV). */
const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const summaryHeader = ['Numéro de membre', 'Nom', 'Fichier', 'Souscrit (€)', 'Versé (€)', 'Dont versé éligible (€)'];

/** PDFs given to the ZIP and not yet read by it beyond which the batch waits for the disk. */
const MAX_WAITING = 64;

/** Generates every statement of the batch's year into the ZIP, counting in `status` as it goes (the GET route reads it). */
async function generate(strapi: Core.Strapi, status: BatchStatus): Promise<void> {
  const statements = await statementsOf(strapi, status.year);
  status.total = statements.length;
  mkdirSync(batchDir(strapi), { recursive: true });
  const target = zipPath(strapi, status.year);
  const partial = `${target}.part`;
  const zip = new ZipFile();
  const file = createWriteStream(partial);
  const written = new Promise<void>((resolve, reject) => {
    file.on('close', resolve);
    file.on('error', reject);
    zip.outputStream.on('error', reject);
  });
  zip.outputStream.pipe(file);
  // Each PDF is a stream the ZIP reads when its turn comes: its end says it has left memory.
  let waiting = 0;
  let wake: (() => void) | null = null;
  const entryOf = (bytes: Uint8Array) => {
    const entry = Readable.from([Buffer.from(bytes)]);
    waiting += 1;
    entry.on('end', () => {
      waiting -= 1;
      wake?.();
      wake = null;
    });
    return entry;
  };
  const mtime = new Date(Date.UTC(status.year + 1, 0, 1));
  const summary: string[][] = [];
  try {
    for (const statement of statements) {
      const pdf = await statementPdf(statement);
      zip.addReadStream(entryOf(pdf.bytes), pdf.filename, { mtime, size: pdf.bytes.length });
      summary.push([
        statement.membershipNumber,
        statement.displayName,
        pdf.filename,
        euros(statement.subscribedCents),
        euros(statement.paidCents),
        euros(statement.eligiblePaidCents),
      ]);
      status.done += 1;
      if (waiting > MAX_WAITING) await new Promise<void>((resolve) => (wake = resolve));
    }
    const csv = stringify([summaryHeader, ...summary], { delimiter: ';', bom: true, record_delimiter: '\r\n' });
    zip.addBuffer(Buffer.from(csv, 'utf8'), `recapitulatif-${status.year}.csv`, { mtime });
    zip.end();
    await written;
    await rename(partial, target);
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Starts the batch for `year` in the background and returns its first status; a second start
 * for the same year while one runs is refused (409). `whenDone` lets a script wait for the end.
 */
export function startBatch(strapi: Core.Strapi, year: number): { status: BatchStatus; whenDone: Promise<BatchStatus> } {
  const known = batchesOf(strapi);
  if (known.get(year)?.state === 'running') throw new BatchRunning(year);
  const status: BatchStatus = {
    year,
    state: 'running',
    done: 0,
    total: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
  };
  known.set(year, status);
  const whenDone = generate(strapi, status).then(
    () => {
      status.state = 'finished';
      status.finishedAt = new Date().toISOString();
      return status;
    },
    (error: unknown) => {
      strapi.log.error(`shares: the ${year} yearly statements failed: ${String(error)}`);
      status.state = 'failed';
      status.error = error instanceof Error ? error.message : String(error);
      status.finishedAt = new Date().toISOString();
      return status;
    },
  );
  return { status: { ...status }, whenDone };
}

/** The last batch of `year` started since the CMS started. */
export function batchStatus(strapi: Core.Strapi, year: number): BatchStatus {
  const status = batchesOf(strapi).get(year);
  if (status) return { ...status };
  throw new NoBatch(year);
}

/** The finished ZIP of `year`, for download. */
export function batchZip(strapi: Core.Strapi, year: number): { filename: string; path: string } {
  const file = zipPath(strapi, year);
  if (!existsSync(file)) throw new NoBatch(year);
  return { filename: zipName(year), path: file };
}
