/**
 * Fixed reference data of the healthcare generator: providers, drugs, places, names, and the
 * reference seeds (status codes, US states, restricted ZIP3 areas) the models join to.
 */

/** The day the EHR export was taken; the project's `as_of_date` var. Appointments after it are still scheduled. */
export const AS_OF_DATE = '2024-06-30';
/** Appointments fall in [APPOINTMENTS_START, APPOINTMENTS_END], wall-clock local time. */
export const APPOINTMENTS_START = Date.UTC(2024, 0, 2);
export const APPOINTMENTS_END = Date.UTC(2024, 7, 30);
/** Prescriptions start in [RX_START, RX_LAST_START]; every dose is due before AS_OF_DATE. */
export const RX_START = Date.UTC(2024, 0, 1);
export const RX_LAST_START = Date.UTC(2024, 5, 8);
/** A dose taken more than this many minutes after it was due is late (the `late_dose_minutes` var). */
export const LATE_DOSE_MINUTES = 60;
/** Adherent when at least this share of scheduled doses was taken (the `adherence_threshold` var). */
export const ADHERENCE_THRESHOLD = 0.8;

export interface Provider {
  id: string;
  name: string;
  department: string;
}

/** Twelve providers in six departments. Pediatrics sees patients under 18 only. */
export const PROVIDERS: readonly Provider[] = [
  { id: 'P001', name: 'Okafor, Adaeze MD', department: 'Cardiology' },
  { id: 'P002', name: 'Lindqvist, Erik MD', department: 'Cardiology' },
  { id: 'P003', name: 'Haddad, Rania MD', department: 'Dermatology' },
  { id: 'P004', name: 'Moreau, Julien MD', department: 'Dermatology' },
  { id: 'P005', name: 'Tanaka, Hiro MD', department: 'Endocrinology' },
  { id: 'P006', name: 'Silva, Beatriz MD', department: 'Endocrinology' },
  { id: 'P007', name: 'Brennan, Siobhan MD', department: 'Family Medicine' },
  { id: 'P008', name: 'Kowalski, Piotr DO', department: 'Family Medicine' },
  { id: 'P009', name: 'Mensah, Kwame MD', department: 'Family Medicine' },
  { id: 'P010', name: 'Rossi, Giulia MD', department: 'Orthopedics' },
  { id: 'P011', name: 'Novak, Daniel MD', department: 'Orthopedics' },
  { id: 'P012', name: 'Iyer, Priya MD', department: 'Pediatrics' },
];

/** Reasons for a visit, by department: free text, sometimes with a relative's name in it. */
export const VISIT_REASONS: Record<string, readonly string[]> = {
  Cardiology: ['Follow-up, chest pain', 'Palpitations', 'Post-MI check', 'BP review'],
  Dermatology: ['Rash on forearm', 'Mole check', 'Acne follow-up', 'Eczema flare'],
  Endocrinology: ['Diabetes follow-up, A1c review', 'Thyroid levels', 'Insulin titration'],
  'Family Medicine': ['Annual physical', 'Flu symptoms', 'Back pain', 'Medication refill'],
  Orthopedics: ['Knee pain after fall', 'Post-op check, hip', 'Shoulder stiffness'],
  Pediatrics: ['Well-child visit', 'Ear infection', 'Vaccinations'],
};

export interface Drug {
  name: string;
  strength: string;
  frequency: 'QD' | 'BID';
}

export const DRUGS: readonly Drug[] = [
  { name: 'Metformin', strength: '500 mg', frequency: 'BID' },
  { name: 'Lisinopril', strength: '10 mg', frequency: 'QD' },
  { name: 'Atorvastatin', strength: '20 mg', frequency: 'QD' },
  { name: 'Levothyroxine', strength: '50 mcg', frequency: 'QD' },
  { name: 'Amlodipine', strength: '5 mg', frequency: 'QD' },
  { name: 'Sertraline', strength: '50 mg', frequency: 'QD' },
  { name: 'Amoxicillin', strength: '500 mg', frequency: 'BID' },
  { name: 'Omeprazole', strength: '20 mg', frequency: 'QD' },
];

/** Where patients live: city, state code, state name, ZIP. 036, 692, 823, 878 and 893 are restricted ZIP3 areas. */
export const LOCALITIES: ReadonlyArray<readonly [city: string, state: string, zip: string, weight: number]> = [
  ['Cambridge', 'MA', '02139', 10],
  ['Boston', 'MA', '02118', 10],
  ['Worcester', 'MA', '01608', 5],
  ['New Haven', 'CT', '06510', 5],
  ['Hoboken', 'NJ', '07030', 4],
  ['New York', 'NY', '10027', 8],
  ['Chicago', 'IL', '60614', 6],
  ['Atlanta', 'GA', '30303', 4],
  ['Denver', 'CO', '80202', 4],
  ['Seattle', 'WA', '98103', 4],
  ['San Francisco', 'CA', '94110', 5],
  ['Alstead', 'NH', '03602', 1],
  ['Valentine', 'NE', '69201', 1],
  ['Rawlins', 'WY', '82301', 1],
  ['Socorro', 'NM', '87801', 1],
  ['Ely', 'NV', '89301', 1],
];

/** ZIP3 areas with 20,000 people or fewer, reported as 000 under HIPAA Safe Harbor (2000 Census list). */
export const RESTRICTED_ZIP3 = ['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893'];

/** Every state (and DC) with its code, for states written out in full. */
export const US_STATES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
  ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'],
  ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'],
  ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'],
  ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'],
  ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'],
  ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'],
  ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
];

export type AppointmentStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show';

/** How each scheduling system writes a status, by the status it means. */
export const STATUS_SPELLINGS: Record<AppointmentStatus, readonly string[]> = {
  completed: ['CMP', 'Completed', 'COMPLETED', 'complete', 'Checked Out'],
  cancelled: ['CXL', 'Cancelled', 'canceled', 'CANC', 'Cancelled by patient'],
  no_show: ['NS', 'no-show', 'No Show', 'NOSHOW', 'DNA'],
  scheduled: ['SCH', 'Scheduled', 'booked', 'Confirmed', 'PENDING'],
};

/** The status-code seed: every spelling, normalised the way macros/parsing.sql's normalize_code does. */
export function statusCodeRows(): Array<{ code: string; status: AppointmentStatus; description: string }> {
  const rows = new Map<string, AppointmentStatus>();
  for (const [status, spellings] of Object.entries(STATUS_SPELLINGS) as Array<[AppointmentStatus, readonly string[]]>) {
    for (const spelling of spellings) rows.set(normalizeCode(spelling), status);
  }
  rows.set('did_not_attend', 'no_show');
  return [...rows].map(([code, status]) => ({ code, status, description: `raw code '${code}' means ${status.replace('_', '-')}` }));
}

/** TypeScript twin of the normalize_code macro: 'No-Show ' → 'no_show'. */
export function normalizeCode(value: string): string {
  return value.trim().toLowerCase().replace(/\./g, '').replace(/-/g, '_').replace(/ /g, '_');
}

/** Given names by the sex recorded at registration (patients of unknown sex take either). */
export const FIRST_NAMES = {
  female: ['Maria', 'Aisha', 'Sofia', 'Fatima', 'Olivia', 'Amara', 'Mei', 'Zara', 'Chloe', 'Grace', 'Hannah', 'Leah'],
  male: ['James', 'Wei', 'Daniel', 'Liam', 'Noah', 'Lucas', 'Ethan', 'Mateo', 'Omar', 'Ivan', 'Kofi', 'Ravi'],
} as const;
export const LAST_NAMES = ['Garcia', 'Smith', 'Nguyen', 'Okoye', 'Rossi', 'Kim', 'Patel', 'Johnson', 'Silva', "O'Brien", 'Cohen', 'Murphy', 'Haddad', 'Novak', 'Tanaka', 'Brown', 'Lopez', 'Schmidt', 'Dubois', 'Ali'];
export const STREETS = ['Main St', 'Elm St', 'Oak Ave', 'Maple Dr', 'Washington Blvd', 'Cedar Ln', 'Park Rd', 'Lakeview Ter'];
export const LANGUAGES: ReadonlyArray<readonly [string, number]> = [
  ['English', 14], ['Spanish', 4], ['Portuguese', 1], ['Haitian Creole', 1], ['Chinese', 1], ['Vietnamese', 1], ['', 2],
];
export const NURSES = ['RN J. Alvarez', 'RN K. Osei', 'LPN M. Byrne', 'RN T. Nakamura', 'RN S. Petrov'];

/** Insurance as typed at registration, with the type the staging model maps it to. */
export const INSURANCE: Record<'medicare' | 'medicaid' | 'commercial' | 'self_pay' | 'unknown', readonly string[]> = {
  medicare: ['Medicare', 'MEDICARE', 'Medicare Advantage'],
  medicaid: ['Medicaid', 'MassHealth (Medicaid)'],
  commercial: ['BCBS', 'Blue Cross Blue Shield', 'Aetna', 'UnitedHealthcare', 'Cigna'],
  self_pay: ['Self-Pay', 'self pay'],
  unknown: [''],
};
