/**
 * A draft of an assembly's minutes (projet de procès-verbal), for the board to check and sign:
 * the assembly and its convocation, the attendance and the quorum, the proxies and how many were
 * used, each resolution with its text and its exact counts (remote and in the room), whether it
 * is adopted. One text, given as Markdown or as PDF; in French, or in English with `locale=en`.
 */
import type { Core } from '@strapi/strapi';
import { organisation, type Locale } from '@notre-asso/config';
import { pdfOf, type PdfSection } from '../convocation/pdf';
import { when } from '../convocation/wording';
import { rulesOf } from '../rules';
import { TABLE, UID } from '../store';
import type { Threshold } from '../tally';
import { assertBoard, type Voter } from '../voter';
import { closedAssembly, storedResult } from './assemblies';
import { peopleByIds } from './people';

const words = {
  fr: {
    title: (kind: string, date: string) => `Procès-verbal de l’assemblée générale ${kind} du ${date} (projet)`,
    kind: { ordinary: 'ordinaire', extraordinary: 'extraordinaire' },
    convocation: { first: 'sur première convocation', second: 'sur deuxième convocation' },
    held: (title: string, place: string | null, conv: string) =>
      `${organisation.name} — ${title}, ${conv}${place ? `, à ${place}` : ''}.`,
    convened: (n: number, first: string, email: number, post: number) =>
      `${n} membres convoqués à partir du ${first} (${email} par courriel, ${post} par courrier).`,
    notConvened: 'Aucune convocation n’est enregistrée.',
    attendance: 'Présences et quorum',
    voters: (n: number) => `Membres inscrits sur la liste des votants : ${n}.`,
    counted: (present: number, represented: number, remote: number, heads: number) =>
      `Présents : ${present} ; représentés : ${represented} ; votants à distance : ${remote} ; soit ${heads} membres comptés une fois chacun.`,
    quorum: (required: number, reached: boolean) =>
      required === 0
        ? 'Aucun quorum n’est requis sur cette convocation.'
        : `Quorum requis : ${required} membres — ${reached ? 'atteint' : 'non atteint : l’assemblée ne peut valablement délibérer'}.`,
    proxies: 'Pouvoirs',
    proxyLine: (giver: string, holder: string, used: boolean) =>
      `${giver} a donné pouvoir à ${holder}${used ? ' (utilisé)' : ' (non utilisé)'}.`,
    noProxy: 'Aucun pouvoir n’a été donné.',
    resolution: (n: number, title: string, kind: string) => `Résolution ${n} : ${title} (${kind})`,
    counts: (f: number, a: number, ab: number, cast: number) =>
      `Pour : ${f} ; contre : ${a} ; abstentions : ${ab} ; suffrages exprimés : ${cast}.`,
    inRoom: (f: number, a: number, ab: number) => `Dont en salle : pour ${f}, contre ${a}, abstentions ${ab}.`,
    college: (c: string, w: number, f: number, a: number, ab: number, pct: string | null) =>
      `Collège ${c} (${w} %) : pour ${f}, contre ${a}, abstentions ${ab}${pct ? ` — ${pct} % pour` : ''}.`,
    share: (pct: string | null, rule: string) => `Part des voix pour : ${pct ?? '—'} % (majorité requise : ${rule}).`,
    rule: (t: Threshold) => `${t.strict ? 'plus de' : 'au moins'} ${t.num}/${t.den} des suffrages exprimés`,
    adopted: (yes: boolean) => (yes ? 'La résolution est adoptée.' : 'La résolution est rejetée.'),
    footer: (now: string) =>
      `Projet établi le ${now} à partir des bulletins enregistrés ; à signer par le président de séance et le secrétaire.`,
  },
  en: {
    title: (kind: string, date: string) => `Minutes of the ${kind} general assembly of ${date} (draft)`,
    kind: { ordinary: 'ordinary', extraordinary: 'extraordinary' },
    convocation: { first: 'on first convocation', second: 'on second convocation' },
    held: (title: string, place: string | null, conv: string) =>
      `${organisation.name} — ${title}, ${conv}${place ? `, at ${place}` : ''}.`,
    convened: (n: number, first: string, email: number, post: number) =>
      `${n} members convened from ${first} (${email} by e-mail, ${post} by post).`,
    notConvened: 'No convocation is recorded.',
    attendance: 'Attendance and quorum',
    voters: (n: number) => `Members on the voter list: ${n}.`,
    counted: (present: number, represented: number, remote: number, heads: number) =>
      `Present: ${present}; represented: ${represented}; remote voters: ${remote}; that is ${heads} members, each counted once.`,
    quorum: (required: number, reached: boolean) =>
      required === 0
        ? 'No quorum is required on this convocation.'
        : `Quorum required: ${required} members — ${reached ? 'reached' : 'not reached: the assembly cannot validly decide'}.`,
    proxies: 'Proxies',
    proxyLine: (giver: string, holder: string, used: boolean) =>
      `${giver} gave a proxy to ${holder}${used ? ' (used)' : ' (not used)'}.`,
    noProxy: 'No proxy was given.',
    resolution: (n: number, title: string, kind: string) => `Resolution ${n}: ${title} (${kind})`,
    counts: (f: number, a: number, ab: number, cast: number) =>
      `For: ${f}; against: ${a}; abstentions: ${ab}; votes cast: ${cast}.`,
    inRoom: (f: number, a: number, ab: number) => `Of which in the room: for ${f}, against ${a}, abstentions ${ab}.`,
    college: (c: string, w: number, f: number, a: number, ab: number, pct: string | null) =>
      `College ${c} (${w} %): for ${f}, against ${a}, abstentions ${ab}${pct ? ` — ${pct} % for` : ''}.`,
    share: (pct: string | null, rule: string) => `Share of votes for: ${pct ?? '—'} % (majority required: ${rule}).`,
    rule: (t: Threshold) => `${t.strict ? 'more than' : 'at least'} ${t.num}/${t.den} of the votes cast`,
    adopted: (yes: boolean) => (yes ? 'The resolution is adopted.' : 'The resolution is rejected.'),
    footer: (now: string) =>
      `Draft made on ${now} from the recorded ballots; to be signed by the chair and the secretary.`,
  },
} as const;

export interface Minutes {
  title: string;
  sections: PdfSection[];
}

async function proxiesUsed(strapi: Core.Strapi, assemblyId: string) {
  const knex = strapi.db.connection;
  const proxies = (await knex(TABLE.proxy)
    .where({ assembly: assemblyId })
    .orderBy('given_at')
    .select('giver_id', 'holder_id')) as Array<{ giver_id: number; holder_id: number }>;
  const used = new Set(
    (
      (await knex(TABLE.participation)
        .where({ assembly: assemblyId })
        .whereRaw('acted_by <> voter_id')
        .distinct('voter_id')) as Array<{ voter_id: number }>
    ).map((r) => Number(r.voter_id)),
  );
  const people = await peopleByIds(
    strapi,
    proxies.flatMap((p) => [p.giver_id, p.holder_id]),
  );
  const name = (id: number) => people.get(Number(id))?.displayName ?? '?';
  return proxies.map((p) => ({
    giver: name(p.giver_id),
    holder: name(p.holder_id),
    used: used.has(Number(p.giver_id)),
  }));
}

async function convened(strapi: Core.Strapi, assemblyId: string, convocation: string) {
  const rows = (await strapi.db
    .connection(TABLE.convocation)
    .where({ assembly: assemblyId, convocation })
    .select('channel', 'sent_at')) as Array<{ channel: string; sent_at: string | Date }>;
  const first = rows.map((r) => new Date(r.sent_at).getTime()).sort((a, b) => a - b)[0];
  return {
    total: rows.length,
    email: rows.filter((r) => r.channel === 'email').length,
    first: first === undefined ? null : new Date(first),
  };
}

export async function minutesOf(
  strapi: Core.Strapi,
  voter: Voter,
  assemblyId: string,
  locale: Locale,
): Promise<Minutes> {
  assertBoard(voter);
  const assembly = await closedAssembly(strapi, assemblyId);
  const result = await storedResult(strapi, assembly);
  const rules = rulesOf(strapi);
  const w = words[locale];
  const q = result.quorum;
  const sent = await convened(strapi, assemblyId, assembly.convocation);
  const proxies = await proxiesUsed(strapi, assemblyId);
  const resolutions = (await strapi.db.query(UID.resolution).findMany({
    where: { assembly: { documentId: assemblyId } },
    select: ['documentId', 'position', 'title', 'text', 'kind'],
    orderBy: [{ position: 'asc' }],
  })) as Array<{
    documentId: string;
    position: number;
    title: string;
    text: string;
    kind: 'ordinary' | 'extraordinary';
  }>;
  const sections: PdfSection[] = [
    {
      paragraphs: [
        w.held(assembly.title, assembly.place, w.convocation[assembly.convocation]),
        sent.first
          ? w.convened(sent.total, when(locale, sent.first), sent.email, sent.total - sent.email)
          : w.notConvened,
      ],
    },
    {
      heading: w.attendance,
      paragraphs: [
        w.voters(q.voters),
        w.counted(q.present, q.represented, q.remote, q.heads),
        w.quorum(q.required, q.reached),
      ],
    },
    {
      heading: w.proxies,
      paragraphs: proxies.length ? proxies.map((p) => w.proxyLine(p.giver, p.holder, p.used)) : [w.noProxy],
    },
  ];
  for (const r of resolutions) {
    const counted = result.resolutions.find((c) => c.documentId === r.documentId);
    if (!counted) continue;
    const room = counted.inRoom;
    sections.push({
      heading: w.resolution(r.position, r.title, w.kind[r.kind]),
      paragraphs: [
        r.text,
        w.counts(counted.for, counted.against, counted.abstain, counted.cast),
        ...(room && room.for + room.against + room.abstain > 0 ? [w.inRoom(room.for, room.against, room.abstain)] : []),
        ...(counted.colleges ?? []).map((c) =>
          w.college(c.college, c.weight, c.for, c.against, c.abstain, c.forPercent),
        ),
        w.share(counted.forPercent, w.rule(rules.majority[r.kind])),
        w.adopted(counted.adopted),
      ],
    });
  }
  sections.push({ paragraphs: [w.footer(when(locale, new Date()))] });
  return { title: w.title(w.kind[assembly.kind], when(locale, assembly.date)), sections };
}

/** Markdown: the title, each section's heading, its paragraphs; texts are the board's own. */
export function minutesMarkdown(minutes: Minutes): string {
  const parts = [`# ${minutes.title}`];
  for (const section of minutes.sections) {
    if (section.heading) parts.push(`## ${section.heading}`);
    parts.push(...section.paragraphs);
  }
  return `${parts.join('\n\n')}\n`;
}

export const minutesPdf = (minutes: Minutes) =>
  pdfOf(minutes.title, [{ title: minutes.title, sections: minutes.sections }]);
