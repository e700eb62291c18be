/**
 * Short English names for the catalogue's record types, for reason lines. Policy descriptions are
 * paragraphs, too long for one line; a type not named here is named from its code.
 */
const LABELS: Readonly<Record<string, string>> = {
  'judicial.dishonest_debtor': 'Dishonest judgment debtor',
  'judicial.consumption_restriction': 'High-consumption restriction order',
  'financial.loan_overdue': 'Overdue loan',
  'financial.loan_repaid': 'Loan repaid on time',
  'financial.default_written_off': 'Defaulted loan written off',
  'commercial.administrative_penalty': 'Administrative penalty',
  'commercial.abnormal_operations': 'Abnormal operations',
  'commercial.serious_violation': 'Serious violation of market rules',
  'commercial.tax_violation': 'Tax violation',
  'commercial.tax_grade_a': 'Grade-A taxpayer',
  'commercial.contract_breach': 'Breach of contract',
  'commercial.product_quality_violation': 'Product quality violation',
  'government.payment_arrears': 'Payment arrears to a business',
  'government.judgment_unperformed': 'Court judgment not performed',
  'societal.social_insurance_fraud': 'Social insurance fraud',
  'societal.traffic_violation': 'Traffic violation',
  'societal.volunteer_service': 'Volunteer service',
  'societal.blood_donation': 'Blood donation',
  'platform.fraud_confirmed': 'Confirmed fraud on a platform',
  'platform.counterfeit_listing': 'Counterfeit listing',
};

/** `judicial.dishonest_debtor` -> "Dishonest judgment debtor"; `x.some_new_type` -> "Some new type". */
export function reasonLabel(code: string): string {
  if (Object.hasOwn(LABELS, code)) return LABELS[code]!;
  const words = (code.split('.').pop() ?? code).replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
