/**
 * A project's rule for personal data (`pii` in strata.config.ts): which models may hold columns
 * tagged `.meta({ pii: true })` — and what they are derived from — unmasked, and which SQL
 * functions mask them.
 * @example pii: { allow: ['path:models/staging'], masking: ['md5', 'sha256'] }
 */
export interface PiiPolicyConfig {
  /** Models allowed to hold PII, as selectors (`path:models/staging`, `tag:identified`, a name). Default: none. */
  allow?: string[];
  /** Functions whose result is no longer PII, replacing the default list (md5, sha256, hash, count, …). */
  masking?: string[];
  /** Extra functions added to the default list (a warehouse's own pseudonymisation function). */
  extraMasking?: string[];
  /** The project's own macros whose output is no longer PII (a salted key, an age from a birth date). */
  maskingMacros?: string[];
  /**
   * Model columns derived from PII that are de-identified by design (`stg_patients.zip3`: a
   * three-digit ZIP under HIPAA Safe Harbor): what they carry stops there.
   */
  deidentified?: string[];
}
