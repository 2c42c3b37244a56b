/**
 * The organisation this installation serves. The demo is a fictional SCIC; a real installation
 * edits these values (they are not personal data and change rarely).
 */
export interface College {
  /** Stored on member profiles and, later, share classes. */
  code: string;
  name: { fr: string; en: string };
}

export interface Organisation {
  name: string;
  legalForm: 'association' | 'scic' | 'scop' | 'cae';
  address: string;
  contactEmail: string;
  siteUrl: string;
  /** Membership numbers are this prefix, a dash and a zero-padded serial: EC-0042. */
  membershipNumberPrefix: string;
  /** SCIC colleges (collèges de vote); empty for an association without colleges. */
  colleges: College[];
}

export const organisation: Organisation = {
  name: 'Énergie Commune',
  legalForm: 'scic',
  address: '12 rue des Coopératives, 69001 Lyon, France',
  contactEmail: 'contact@energie-commune.example',
  siteUrl: process.env.SITE_URL ?? 'http://localhost:4321',
  membershipNumberPrefix: 'EC',
  colleges: [
    { code: 'salaries', name: { fr: 'Salariés', en: 'Employees' } },
    { code: 'producteurs', name: { fr: 'Producteurs', en: 'Producers' } },
    { code: 'consommateurs', name: { fr: 'Consommateurs', en: 'Consumers' } },
    { code: 'collectivites', name: { fr: 'Collectivités locales', en: 'Local authorities' } },
    { code: 'soutiens', name: { fr: 'Soutiens', en: 'Supporters' } },
  ],
};
