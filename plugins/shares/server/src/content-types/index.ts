/**
 * The register's tables. Movements are the ledger (append-only); holdings and the ledger row are
 * derived from them in the same transaction as each movement, and can be rebuilt from them.
 * Only the board's routes write them; in the admin panel they are not editable content.
 */
const pluginOptions = { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } };
const options = { draftAndPublish: false };
const PROFILE = 'api::member-profile.member-profile';

const shareClass = {
  schema: {
    kind: 'collectionType',
    collectionName: 'shares_classes',
    info: { singularName: 'share-class', pluralName: 'share-classes', displayName: 'Share class (catégorie de parts)' },
    options,
    pluginOptions,
    attributes: {
      code: { type: 'string', required: true, unique: true, maxLength: 16 },
      name: { type: 'string', required: true },
      nominalCents: { type: 'integer', required: true, min: 1 },
      minimumShares: { type: 'integer', required: true, min: 1, default: 1 },
      maxPerMember: { type: 'integer', min: 1 },
      // The SCIC college this class belongs to (consumers, producers, employees, local authorities).
      college: { type: 'string' },
    },
  },
};

const movement = {
  schema: {
    kind: 'collectionType',
    collectionName: 'shares_movements',
    info: { singularName: 'movement', pluralName: 'movements', displayName: 'Share movement (mouvement de parts)' },
    options,
    pluginOptions,
    attributes: {
      operationNumber: { type: 'integer', required: true, unique: true },
      profile: { type: 'relation', relation: 'manyToOne', target: PROFILE },
      shareClass: { type: 'relation', relation: 'manyToOne', target: 'plugin::shares.share-class' },
      kind: {
        type: 'enumeration',
        enum: ['issue', 'redemption', 'transfer-out', 'transfer-in', 'correction'],
        required: true,
      },
      // Signed: issues and transfers in are positive, redemptions and transfers out negative.
      quantity: { type: 'integer', required: true },
      unitValueCents: { type: 'integer', required: true },
      effectiveDate: { type: 'date', required: true },
      // The subscription request or board decision behind the movement.
      reference: { type: 'string', required: true },
      // Operation number of the movement a correction reverses.
      reversalOf: { type: 'integer' },
      recordedBy: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      // The admin-panel user (admin::user id) when recorded from the plugin's admin pages.
      recordedByAdmin: { type: 'integer' },
      recordedAt: { type: 'datetime', required: true },
      // Of an issue: the lot is eligible for the income-tax reduction (rules/tax-lots.ts).
      taxReductionEligible: { type: 'boolean', default: false },
      // Of a transfer out or a redemption taking eligible shares in their period: the board's
      // override (reason, who, when, the lots), written with the movement.
      taxLotOverride: { type: 'json' },
    },
  },
};

const shareholding = {
  schema: {
    kind: 'collectionType',
    collectionName: 'shares_holdings',
    info: { singularName: 'shareholding', pluralName: 'shareholdings', displayName: 'Shareholding (détention)' },
    options,
    pluginOptions,
    attributes: {
      profile: { type: 'relation', relation: 'manyToOne', target: PROFILE },
      shareClass: { type: 'relation', relation: 'manyToOne', target: 'plugin::shares.share-class' },
      quantity: { type: 'integer', required: true, min: 0 },
    },
  },
};

/**
 * One row: the operation counter every movement locks (gapless numbers, and the capital floor
 * checked against a capital nobody else is changing), the capital and its highest value, and the
 * statutes' settings, kept on the same row so that changing them waits for operations in flight.
 */
const ledger = {
  schema: {
    kind: 'singleType',
    collectionName: 'shares_ledger',
    info: { singularName: 'ledger', pluralName: 'ledgers', displayName: 'Shares ledger and settings' },
    options,
    pluginOptions,
    attributes: {
      lastOperation: { type: 'integer', required: true, default: 0 },
      capitalCents: { type: 'biginteger', required: true, default: '0' },
      highestCapitalCents: { type: 'biginteger', required: true, default: '0' },
      // The statutory floor or the legal minimum of the form (18,500 € for a SCIC SA).
      statutoryFloorCents: { type: 'biginteger', required: true, default: '0' },
      holdingPeriodYears: { type: 'integer', required: true, default: 0 },
      // Part of the nominal paid before issue (the law: at least a quarter), and years to pay the rest (at most 5).
      minimumPaidPercent: { type: 'integer', required: true, default: 25, min: 25, max: 100 },
      paymentDeadlineYears: { type: 'integer', required: true, default: 5, min: 0, max: 5 },
      // Redemptions: whether the board decides each one (else approved at once when the rules allow),
      // and the months between approval and the day it falls due.
      redemptionBoardApproval: { type: 'boolean', required: true, default: true },
      redemptionDueMonths: { type: 'integer', required: true, default: 12, min: 0, max: 60 },
      // Tax lots: whether the cooperative's subscriptions are eligible for the income-tax
      // reduction (ESUS approval) by default, and the years they are kept (rules/tax-lots.ts).
      taxReductionEligible: { type: 'boolean', required: true, default: false },
      taxReductionYears: { type: 'integer', required: true, default: 7, min: 5, max: 10 },
    },
  },
};

/**
 * A subscription request (bulletin de souscription), by a member or by a visitor of the public
 * form (`applicant`, until issue gives them a member profile). `version` goes up at every change:
 * of two board members acting at once, the second is told. `history` lists every state with its
 * date and who; `payments` the partial payments (libération), whose sum is `paidCents`.
 */
const subscription = {
  schema: {
    kind: 'collectionType',
    collectionName: 'shares_subscriptions',
    info: {
      singularName: 'subscription',
      pluralName: 'subscriptions',
      displayName: 'Share subscription (souscription)',
    },
    options,
    pluginOptions,
    attributes: {
      profile: { type: 'relation', relation: 'manyToOne', target: PROFILE },
      shareClass: { type: 'relation', relation: 'manyToOne', target: 'plugin::shares.share-class' },
      applicant: { type: 'json', private: true },
      quantity: { type: 'integer', required: true, min: 1 },
      subscribedCents: { type: 'integer', required: true, min: 1 },
      paidCents: { type: 'integer', required: true, default: 0, min: 0 },
      paymentMethod: { type: 'enumeration', enum: ['transfer', 'cheque', 'card'], required: true },
      paymentReference: { type: 'string' },
      state: {
        type: 'enumeration',
        enum: ['submitted', 'approved', 'issued', 'rejected', 'cancelled'],
        required: true,
        default: 'submitted',
      },
      version: { type: 'integer', required: true, default: 1 },
      requestedOn: { type: 'date', required: true },
      paymentDeadline: { type: 'date', required: true },
      issuedOperation: { type: 'integer' },
      history: { type: 'json', required: true },
      payments: { type: 'json', required: true },
    },
  },
};

/**
 * A member's request to redeem shares (demande de remboursement). Approved, its `amountCents` is
 * promised: the capital floor and the member's holding count it as gone until it is paid (a
 * redemption movement, `paidOperation`) — see services/reservations.ts. `refusal` names the rule.
 */
const redemption = {
  schema: {
    kind: 'collectionType',
    collectionName: 'shares_redemptions',
    info: {
      singularName: 'redemption',
      pluralName: 'redemptions',
      displayName: 'Share redemption (remboursement)',
    },
    options,
    pluginOptions,
    attributes: {
      profile: { type: 'relation', relation: 'manyToOne', target: PROFILE },
      shareClass: { type: 'relation', relation: 'manyToOne', target: 'plugin::shares.share-class' },
      quantity: { type: 'integer', required: true, min: 1 },
      amountCents: { type: 'integer', required: true, min: 1 },
      state: {
        type: 'enumeration',
        enum: ['submitted', 'approved', 'paid', 'refused', 'cancelled'],
        required: true,
        default: 'submitted',
      },
      version: { type: 'integer', required: true, default: 1 },
      requestedOn: { type: 'date', required: true },
      dueOn: { type: 'date' },
      paidOn: { type: 'date' },
      paidOperation: { type: 'integer' },
      refusal: { type: 'json' },
      history: { type: 'json', required: true },
      // The board's approval although eligible lots are still in their period: reason, who, when, the lots.
      taxLotOverride: { type: 'json' },
    },
  },
};

export default { 'share-class': shareClass, movement, shareholding, ledger, subscription, redemption };
