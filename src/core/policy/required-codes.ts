/**
 * The codes outside tools depend on (design.md section 5). A policy may add to them, never drop one:
 * a furnisher's feed of `judicial.dishonest_debtor` must not start failing after a policy change.
 */
export const REQUIRED_CODES = {
  recordTypes: [
    'judicial.dishonest_debtor',
    'judicial.consumption_restriction',
    'financial.loan_overdue',
    'financial.loan_repaid',
    'financial.default_written_off',
    'commercial.administrative_penalty',
    'commercial.abnormal_operations',
    'commercial.serious_violation',
    'commercial.tax_violation',
    'commercial.tax_grade_a',
    'commercial.contract_breach',
    'commercial.product_quality_violation',
    'government.payment_arrears',
    'government.judgment_unperformed',
    'societal.social_insurance_fraud',
    'societal.traffic_violation',
    'societal.volunteer_service',
    'societal.blood_donation',
    'platform.fraud_confirmed',
    'platform.counterfeit_listing',
    'relation.legal_representative',
    'relation.shareholder',
    'relation.director',
    'relation.actual_controller',
    'relation.guarantor',
  ],
  lists: ['dishonest_judgment_debtors', 'serious_violation', 'major_tax_violation', 'abnormal_operations', 'a_grade_taxpayers'],
  /** The nine high-consumption restrictions of 法释〔2015〕17号 art. 3, as relying-party actions. */
  consumptionActions: [
    'air_travel.purchase',
    'rail.high_speed_purchase',
    'hotel.star_rated',
    'property.purchase',
    'vehicle.purchase',
    'travel.leisure',
    'school.private_high_fee',
    'insurance.high_premium',
    'office.high_end_rent',
  ],
  otherActions: [
    'procurement.bid',
    'subsidy.apply',
    'licensing.approval',
    'credit.new_loan',
    'rental.deposit',
    'appointment.senior_post',
  ],
  grades: ['AAA', 'AA', 'A', 'B', 'C', 'D'],
} as const;

/** Every required action code, consumption restrictions first. */
export const REQUIRED_ACTIONS: readonly string[] = [...REQUIRED_CODES.consumptionActions, ...REQUIRED_CODES.otherActions];
