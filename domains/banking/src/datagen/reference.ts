/**
 * Fixed reference data of the banking generator: branches with coordinates, cities for travel,
 * currencies and their monthly rates, countries, the FATF list, and every spelling of a
 * transaction type with the direction and subtype it means.
 */

/** The export covers [WINDOW_START, WINDOW_END) UTC; `as_of_date` is its last day. */
export const WINDOW_START = Date.UTC(2024, 0, 1);
export const WINDOW_END = Date.UTC(2024, 3, 1);
export const AS_OF_DATE = '2024-03-31';
export const REPORTING_CURRENCY = 'USD';

/** The fraud rules' settings (the project's vars of the same names, fraud_ prefixed). */
export const RULES = {
  amountStddevs: 4,
  amountMinHistory: 20,
  amountFloor: 500,
  roundUnit: 100,
  burstCount: 3,
  burstMinutes: 60,
  homeRadiusKm: 500,
  maxSpeedKmh: 900,
  minTravelKm: 100,
} as const;

export type Currency = 'USD' | 'EUR' | 'GBP' | 'JPY';

/** Monthly rates: US dollars per unit of each currency, for January to March 2024. */
export const FX_RATES: Record<Currency, readonly [number, number, number]> = {
  USD: [1, 1, 1],
  EUR: [1.0905, 1.0795, 1.0872],
  GBP: [1.2703, 1.2632, 1.2718],
  JPY: [0.006856, 0.006703, 0.006681],
};

/** USD per unit of `currency` in the month of `ts`. */
export function usdPerUnit(currency: Currency, ts: number): number {
  return FX_RATES[currency][new Date(ts).getUTCMonth()]!;
}

/** Minor-unit digits: yen have none. */
export const DECIMALS: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };
export const SYMBOLS: Record<Currency, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

export interface City {
  name: string;
  lat: number;
  lon: number;
}

export interface Branch {
  id: string;
  name: string;
  city: City;
  country: string;
  currency: Currency;
  opened: string;
  /** A city 110–450 km away, for regional trips and too-fast hops. */
  nearby: City;
}

export const BRANCHES: readonly Branch[] = [
  { id: 'BR01', name: 'Midtown', city: { name: 'New York', lat: 40.7128, lon: -74.006 }, country: 'US', currency: 'USD', opened: '2009-04-01', nearby: { name: 'Philadelphia', lat: 39.9526, lon: -75.1652 } },
  { id: 'BR02', name: 'Back Bay', city: { name: 'Boston', lat: 42.3601, lon: -71.0589 }, country: 'US', currency: 'USD', opened: '2011-09-15', nearby: { name: 'Portland', lat: 43.6591, lon: -70.2568 } },
  { id: 'BR03', name: 'Loop', city: { name: 'Chicago', lat: 41.8781, lon: -87.6298 }, country: 'US', currency: 'USD', opened: '2012-02-01', nearby: { name: 'Milwaukee', lat: 43.0389, lon: -87.9065 } },
  { id: 'BR04', name: 'Mission', city: { name: 'San Francisco', lat: 37.7749, lon: -122.4194 }, country: 'US', currency: 'USD', opened: '2015-06-01', nearby: { name: 'Sacramento', lat: 38.5816, lon: -121.4944 } },
  { id: 'BR05', name: 'Brickell', city: { name: 'Miami', lat: 25.7617, lon: -80.1918 }, country: 'US', currency: 'USD', opened: '2018-03-12', nearby: { name: 'Orlando', lat: 28.5383, lon: -81.3792 } },
  { id: 'BR06', name: 'City of London', city: { name: 'London', lat: 51.5072, lon: -0.1276 }, country: 'GB', currency: 'GBP', opened: '2010-01-04', nearby: { name: 'Birmingham', lat: 52.4862, lon: -1.8904 } },
  { id: 'BR07', name: 'Piccadilly', city: { name: 'Manchester', lat: 53.4808, lon: -2.2426 }, country: 'GB', currency: 'GBP', opened: '2016-10-03', nearby: { name: 'Newcastle', lat: 54.9783, lon: -1.6178 } },
  { id: 'BR08', name: 'Mitte', city: { name: 'Berlin', lat: 52.52, lon: 13.405 }, country: 'DE', currency: 'EUR', opened: '2013-05-06', nearby: { name: 'Leipzig', lat: 51.3397, lon: 12.3731 } },
  { id: 'BR09', name: 'Opéra', city: { name: 'Paris', lat: 48.8566, lon: 2.3522 }, country: 'FR', currency: 'EUR', opened: '2014-11-17', nearby: { name: 'Lille', lat: 50.6292, lon: 3.0573 } },
  { id: 'BR10', name: 'Salamanca', city: { name: 'Madrid', lat: 40.4168, lon: -3.7038 }, country: 'ES', currency: 'EUR', opened: '2017-04-24', nearby: { name: 'Valencia', lat: 39.4699, lon: -0.3763 } },
  { id: 'BR11', name: 'Marunouchi', city: { name: 'Tokyo', lat: 35.6762, lon: 139.6503 }, country: 'JP', currency: 'JPY', opened: '2012-07-02', nearby: { name: 'Nagoya', lat: 35.1815, lon: 136.9066 } },
  { id: 'BR12', name: 'Umeda', city: { name: 'Osaka', lat: 34.6937, lon: 135.5023 }, country: 'JP', currency: 'JPY', opened: '2019-01-21', nearby: { name: 'Hiroshima', lat: 34.3853, lon: 132.4553 } },
];

/** Cities far (over 1,500 km) from every branch, where a stolen card turns up. */
export const FAR_CITIES: readonly City[] = [
  { name: 'Lagos', lat: 6.5244, lon: 3.3792 },
  { name: 'São Paulo', lat: -23.5505, lon: -46.6333 },
  { name: 'Bangkok', lat: 13.7563, lon: 100.5018 },
  { name: 'Sydney', lat: -33.8688, lon: 151.2093 },
  { name: 'Dubai', lat: 25.2048, lon: 55.2708 },
  { name: 'Nairobi', lat: -1.2921, lon: 36.8219 },
];

/** Countries customers live in or hold a passport of: ISO 3166 alpha-2, alpha-3, English name. */
export const COUNTRIES: ReadonlyArray<readonly [iso2: string, iso3: string, name: string]> = [
  ['US', 'USA', 'United States'], ['GB', 'GBR', 'United Kingdom'], ['DE', 'DEU', 'Germany'], ['FR', 'FRA', 'France'],
  ['ES', 'ESP', 'Spain'], ['JP', 'JPN', 'Japan'], ['CA', 'CAN', 'Canada'], ['MX', 'MEX', 'Mexico'], ['IN', 'IND', 'India'],
  ['CN', 'CHN', 'China'], ['IT', 'ITA', 'Italy'], ['NL', 'NLD', 'Netherlands'], ['BR', 'BRA', 'Brazil'], ['AE', 'ARE', 'United Arab Emirates'],
  ['NG', 'NGA', 'Nigeria'], ['IR', 'IRN', 'Iran'], ['KP', 'PRK', 'North Korea'], ['MM', 'MMR', 'Myanmar'], ['PH', 'PHL', 'Philippines'],
  ['VN', 'VNM', 'Vietnam'], ['ZA', 'ZAF', 'South Africa'], ['TR', 'TUR', 'Türkiye'], ['KE', 'KEN', 'Kenya'], ['SY', 'SYR', 'Syria'],
  ['HT', 'HTI', 'Haiti'], ['YE', 'YEM', 'Yemen'],
];

/**
 * FATF "high-risk" (call for action) and "increased monitoring" jurisdictions as published in
 * February 2024. Illustrative: a bank uses its compliance team's current list.
 */
export const HIGH_RISK_COUNTRIES: ReadonlyArray<readonly [iso2: string, list: 'call_for_action' | 'increased_monitoring']> = [
  ['KP', 'call_for_action'], ['IR', 'call_for_action'], ['MM', 'call_for_action'],
  ['BG', 'increased_monitoring'], ['BF', 'increased_monitoring'], ['CM', 'increased_monitoring'], ['CD', 'increased_monitoring'],
  ['HR', 'increased_monitoring'], ['HT', 'increased_monitoring'], ['JM', 'increased_monitoring'], ['KE', 'increased_monitoring'],
  ['ML', 'increased_monitoring'], ['MZ', 'increased_monitoring'], ['NA', 'increased_monitoring'], ['NG', 'increased_monitoring'],
  ['PH', 'increased_monitoring'], ['SN', 'increased_monitoring'], ['SS', 'increased_monitoring'], ['SY', 'increased_monitoring'],
  ['TZ', 'increased_monitoring'], ['TR', 'increased_monitoring'], ['VN', 'increased_monitoring'], ['YE', 'increased_monitoring'],
  ['ZA', 'increased_monitoring'],
];

export type Direction = 'debit' | 'credit';
export type TxnKind = 'card_purchase' | 'online_purchase' | 'atm_withdrawal' | 'transfer_out' | 'fee' | 'deposit' | 'salary' | 'transfer_in' | 'interest' | 'refund';

/** Spellings of each kind in the export; generic ones (DEBIT, dr, CREDIT, cr) lose the subtype. */
export const TYPE_SPELLINGS: Record<TxnKind, readonly string[]> = {
  card_purchase: ['POS', 'pos', 'Card Purchase', 'PURCHASE', 'DEBIT', 'dr', 'Dr.'],
  online_purchase: ['Online Purchase', 'ECOM', 'purchase', 'DEBIT'],
  atm_withdrawal: ['ATM', 'atm withdrawal', 'ATM_WITHDRAWAL', 'withdrawal', 'Cash Withdrawal'],
  transfer_out: ['transfer_out', 'TRANSFER-OUT', 'xfer out', 'Transfer Out', 'DR'],
  fee: ['FEE', 'fee', 'Service Fee'],
  deposit: ['deposit', 'DEPOSIT', 'Cash Deposit', 'CREDIT', 'cr'],
  salary: ['salary', 'PAYROLL', 'Direct Deposit'],
  transfer_in: ['transfer_in', 'TRANSFER IN', 'xfer_in', 'Transfer-In', 'CR'],
  interest: ['interest', 'INT', 'Interest Credit'],
  refund: ['refund', 'REFUND'],
};

/** The transaction-type seed: normalised spelling → direction and subtype. */
export const TYPE_CODES: ReadonlyArray<readonly [code: string, direction: Direction, subtype: string]> = [
  ['debit', 'debit', 'unspecified'], ['dr', 'debit', 'unspecified'],
  ['pos', 'debit', 'card_purchase'], ['card_purchase', 'debit', 'card_purchase'], ['purchase', 'debit', 'card_purchase'],
  ['online_purchase', 'debit', 'online_purchase'], ['ecom', 'debit', 'online_purchase'],
  ['atm', 'debit', 'atm_withdrawal'], ['atm_withdrawal', 'debit', 'atm_withdrawal'], ['cash_withdrawal', 'debit', 'atm_withdrawal'],
  ['withdrawal', 'debit', 'withdrawal'],
  ['transfer_out', 'debit', 'transfer'], ['xfer_out', 'debit', 'transfer'],
  ['fee', 'debit', 'fee'], ['service_fee', 'debit', 'fee'],
  ['credit', 'credit', 'unspecified'], ['cr', 'credit', 'unspecified'],
  ['deposit', 'credit', 'deposit'], ['cash_deposit', 'credit', 'deposit'],
  ['salary', 'credit', 'salary'], ['payroll', 'credit', 'salary'], ['direct_deposit', 'credit', 'salary'],
  ['transfer_in', 'credit', 'transfer'], ['xfer_in', 'credit', 'transfer'],
  ['interest', 'credit', 'interest'], ['int', 'credit', 'interest'], ['interest_credit', 'credit', 'interest'],
  ['refund', 'credit', 'refund'],
];

/** TypeScript twin of the normalize_code macro: 'TRANSFER-OUT ' → 'transfer_out', 'Dr.' → 'dr'. */
export function normalizeCode(value: string): string {
  return value.trim().toLowerCase().replace(/\./g, '').replace(/-/g, '_').replace(/ /g, '_');
}

export const MERCHANTS = ['Corner Grocer', 'City Pharmacy', 'Blue Bottle Cafe', 'Metro Transit', 'Bookshop', 'Fuel Station', 'Hardware Depot', 'Noodle Bar'];
export const ONLINE_MERCHANTS = ['Amazon Marketplace', 'Streamflix', 'AirTickets Online', 'App Store', 'Grocery Delivery'];
export const FIRST_NAMES = ['Maria', 'James', 'Aisha', 'Wei', 'Sofia', 'Daniel', 'Fatima', 'Liam', 'Olivia', 'Noah', 'Yuki', 'Lucas', 'Mei', 'Hans', 'Chloe', 'Omar', 'Grace', 'Pierre', 'Hannah', 'Kenji'];
export const LAST_NAMES = ['Garcia', 'Smith', 'Nguyen', 'Okoye', 'Rossi', 'Kim', 'Patel', 'Johnson', 'Müller', "O'Brien", 'Cohen', 'Dubois', 'Tanaka', 'Brown', 'López', 'Schmidt', 'Suzuki', 'Martin'];
