/**
 * How common each kind of conduct is in the demo population. The figures are plausible orders of
 * magnitude for a six-year window, not statistics: most people have no adverse record at all,
 * repaid loans are the commonest record, court listings and fraud are rare.
 */
import type { OrgClass } from './demo-identities.js';

export type SubjectClass = 'person' | OrgClass;

/** Share of subjects of a class with at least one record of the type (before the risk factor). */
export type ConductRates = Readonly<Record<string, number>>;

export const CONDUCT_RATES: Readonly<Record<SubjectClass, ConductRates>> = {
  person: {
    'financial.loan_repaid': 0.35,
    'societal.volunteer_service': 0.08,
    'societal.blood_donation': 0.04,
    'financial.loan_overdue': 0.07,
    'societal.traffic_violation': 0.06,
    'commercial.administrative_penalty': 0.012,
    'commercial.contract_breach': 0.012,
    'judicial.dishonest_debtor': 0.012,
    'judicial.consumption_restriction': 0.006,
    'platform.fraud_confirmed': 0.006,
    'platform.counterfeit_listing': 0.005,
    'commercial.tax_violation': 0.003,
    'societal.social_insurance_fraud': 0.003,
    'commercial.product_quality_violation': 0.002,
    'financial.default_written_off': 0.002,
  },
  enterprise: {
    'financial.loan_repaid': 0.45,
    'commercial.tax_grade_a': 0.15,
    'financial.loan_overdue': 0.06,
    'commercial.abnormal_operations': 0.08,
    'commercial.administrative_penalty': 0.08,
    'commercial.contract_breach': 0.04,
    'commercial.product_quality_violation': 0.025,
    'judicial.dishonest_debtor': 0.025,
    'judicial.consumption_restriction': 0.01,
    'commercial.serious_violation': 0.01,
    'commercial.tax_violation': 0.015,
    'platform.fraud_confirmed': 0.01,
    'platform.counterfeit_listing': 0.02,
    'societal.social_insurance_fraud': 0.005,
    'financial.default_written_off': 0.004,
  },
  individual_business: {
    'financial.loan_repaid': 0.2,
    'financial.loan_overdue': 0.04,
    'commercial.abnormal_operations': 0.06,
    'commercial.administrative_penalty': 0.06,
    'commercial.product_quality_violation': 0.04,
    'platform.counterfeit_listing': 0.04,
    'platform.fraud_confirmed': 0.015,
    'judicial.dishonest_debtor': 0.01,
    'commercial.tax_violation': 0.005,
  },
  social_organisation: {
    'financial.loan_repaid': 0.05,
    'commercial.administrative_penalty': 0.04,
    'commercial.contract_breach': 0.02,
    'commercial.tax_violation': 0.005,
  },
  private_non_enterprise: {
    'financial.loan_repaid': 0.1,
    'commercial.administrative_penalty': 0.05,
    'commercial.contract_breach': 0.02,
    'societal.social_insurance_fraud': 0.01,
  },
  // Government bodies carry obligations only: paying firms on time and performing judgments.
  government: {
    'government.payment_arrears': 0.35,
    'government.judgment_unperformed': 0.1,
  },
};

/** Adverse conduct clusters in a few subjects: [factor on adverse shares, weight]. The mean factor is about 0.9. */
export const RISK_LEVELS: ReadonlyArray<readonly [number, number]> = [[0.4, 80], [2, 15], [6, 5]];

/** How a furnisher's record ends: later resolved (the debt paid, the order lifted) or retracted. */
export const OUTCOMES: Readonly<Record<string, { resolved: number; retracted: number }>> = {
  'financial.loan_overdue': { resolved: 0.55, retracted: 0.03 },
  'financial.default_written_off': { resolved: 0.15, retracted: 0.02 },
  'judicial.dishonest_debtor': { resolved: 0.35, retracted: 0.03 },
  'judicial.consumption_restriction': { resolved: 0.3, retracted: 0.02 },
  'commercial.administrative_penalty': { resolved: 0, retracted: 0.05 },
  'commercial.abnormal_operations': { resolved: 0.55, retracted: 0.01 },
  'commercial.serious_violation': { resolved: 0.15, retracted: 0.02 },
  'commercial.tax_violation': { resolved: 0.4, retracted: 0.02 },
  'commercial.contract_breach': { resolved: 0.3, retracted: 0.02 },
  'commercial.product_quality_violation': { resolved: 0, retracted: 0.03 },
  'government.payment_arrears': { resolved: 0.45, retracted: 0.02 },
  'government.judgment_unperformed': { resolved: 0.3, retracted: 0 },
  'societal.social_insurance_fraud': { resolved: 0.3, retracted: 0.03 },
  'societal.traffic_violation': { resolved: 0, retracted: 0.03 },
  'platform.fraud_confirmed': { resolved: 0, retracted: 0.06 },
  'platform.counterfeit_listing': { resolved: 0, retracted: 0.05 },
};

/** Shares of the organisations by class; enterprises take the rest. */
export const ORG_MIX: Readonly<Record<Exclude<OrgClass, 'enterprise'>, number>> = {
  individual_business: 0.12,
  social_organisation: 0.05,
  private_non_enterprise: 0.03,
  government: 0.05,
};

export const RELATION_RATES = {
  /** Organisations whose legal representative changed once (government bodies: heads rotate). */
  legalRepresentativeChange: { default: 0.1, government: 0.6, social_organisation: 0.25 },
  /** Enterprises that record an actual controller; of those, the share that is another enterprise. */
  actualController: 0.35,
  controllerIsOrg: 0.15,
  /** The controller is often the legal representative. */
  controllerIsRepresentative: 0.5,
  /** Enterprises with a board of three recorded; social organisations with a council recorded. */
  board: { enterprise: 0.25, social_organisation: 0.4, private_non_enterprise: 0.3 },
  /** A shareholder that is an enterprise rather than a person; a shareholder that later sold out. */
  shareholderIsOrg: 0.15,
  shareholderExited: 0.08,
  /** Loans guaranteed by someone else (enterprises: usually the legal representative). */
  guarantee: { person: 0.1, org: 0.25 },
} as const;
