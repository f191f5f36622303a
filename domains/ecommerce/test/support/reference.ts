/**
 * The ecommerce models re-implemented in plain TypeScript over the seed CSVs: an independent
 * answer to compare the warehouse against. Money is kept in integer cents so sums are exact.
 */
import { join } from 'node:path';
import { readCsv, type CsvRecord } from './csv.js';

export interface RefOrder {
  orderId: number;
  customerId: number;
  productId: number;
  quantity: number;
  unitCents: number;
  amountCents: number;
  status: string;
  orderedAt: Date;
}

export interface RefCustomer {
  customerId: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  countryCode: string | null;
  signedUpAt: Date;
}

export interface RefDay {
  order_date: string;
  orders: number;
  completed_orders: number;
  cancelled_orders: number;
  revenue: number;
  average_order_value: number | null;
  distinct_customers: number;
}

export interface RefDimCustomer {
  customer_id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  country_code: string | null;
  country_name: string | null;
  first_order_at: Date | null;
  last_order_at: Date | null;
  order_count: number;
  lifetime_value: number;
}

export interface Reference {
  rawRows: { orders: number; customers: number; products: number; country_codes: number };
  orders: RefOrder[];
  customers: RefCustomer[];
  products: Array<{ productId: number; category: string; listCents: number }>;
  /** Order ids that appear more than once in the export, and whether every copy cleans to the same order. */
  duplicates: { ids: number; consistent: boolean };
  fctOrders: RefDay[];
  dimCustomers: RefDimCustomer[];
}

const blankToNull = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** '$1,200.00', ' 12.5 ', '1200' → cents. */
export function moneyToCents(text: string | null): number {
  const cleaned = (text ?? '').trim().replace(/[$,]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) throw new Error(`not a price: '${text}'`);
  return Math.round(Number(cleaned) * 100);
}

/** A timestamp in any export format → the UTC instant. Naive values are UTC by convention. */
export function parseUtc(text: string | null): Date {
  const t = (text ?? '').trim();
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(t) && /[T ]\d\d:\d\d/.test(t);
  const date = hasZone ? new Date(t) : new Date(`${t.replace(/\//g, '-').replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: '${text}'`);
  return date;
}

const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
const dollars = (cents: number): number => cents / 100;

function cleanOrder(r: CsvRecord): RefOrder {
  const quantity = Number(r.Quantity!.trim());
  const unitCents = moneyToCents(r.UnitPrice);
  return {
    orderId: Number(r.OrderID!.trim()),
    customerId: Number(r.CustomerID!.trim()),
    productId: Number(r.ProductID!.trim()),
    quantity,
    unitCents,
    amountCents: quantity * unitCents,
    status: r.Status!.trim().toLowerCase(),
    orderedAt: parseUtc(r.CreatedAt),
  };
}

function cleanCustomer(r: CsvRecord): RefCustomer {
  const country = blankToNull(r.country)?.toUpperCase() ?? null;
  return {
    customerId: Number(r.id!.trim()),
    firstName: blankToNull(r.first_name),
    lastName: blankToNull(r.last_name),
    email: blankToNull(r.email)?.toLowerCase() ?? null,
    countryCode: country === 'UK' ? 'GB' : country,
    signedUpAt: parseUtc(r.created_at),
  };
}

/** Reads `orders.csv`, `customers.csv`, `products.csv`, `country_codes.csv` from `dir` and computes every model. */
export function computeReference(dir: string): Reference {
  const raw = {
    orders: readCsv(join(dir, 'orders.csv')),
    customers: readCsv(join(dir, 'customers.csv')),
    products: readCsv(join(dir, 'products.csv')),
    countryCodes: readCsv(join(dir, 'country_codes.csv')),
  };
  const byId = new Map<number, RefOrder>();
  const seen = new Map<number, number>();
  let consistent = true;
  for (const record of raw.orders) {
    const order = cleanOrder(record);
    const first = byId.get(order.orderId);
    seen.set(order.orderId, (seen.get(order.orderId) ?? 0) + 1);
    if (!first) byId.set(order.orderId, order);
    else if (JSON.stringify(first) !== JSON.stringify(order)) consistent = false;
  }
  const orders = [...byId.values()].sort((a, b) => a.orderId - b.orderId);
  const customers = raw.customers.map(cleanCustomer).sort((a, b) => a.customerId - b.customerId);
  const countries = new Map(raw.countryCodes.map((r) => [r.code!, r.name!]));

  const days = new Map<string, RefOrder[]>();
  for (const order of orders) {
    const day = utcDay(order.orderedAt);
    days.set(day, [...(days.get(day) ?? []), order]);
  }
  const fctOrders: RefDay[] = [...days.keys()].sort().map((day) => {
    const list = days.get(day)!;
    const completed = list.filter((o) => o.status === 'completed');
    const revenueCents = completed.reduce((n, o) => n + o.amountCents, 0);
    return {
      order_date: day,
      orders: list.length,
      completed_orders: completed.length,
      cancelled_orders: list.filter((o) => o.status === 'cancelled').length,
      revenue: dollars(revenueCents),
      average_order_value: completed.length === 0 ? null : Math.round(revenueCents / completed.length) / 100,
      distinct_customers: new Set(list.map((o) => o.customerId)).size,
    };
  });

  const ordersByCustomer = new Map<number, RefOrder[]>();
  for (const order of orders) ordersByCustomer.set(order.customerId, [...(ordersByCustomer.get(order.customerId) ?? []), order]);
  const dimCustomers: RefDimCustomer[] = customers.map((c) => {
    const list = ordersByCustomer.get(c.customerId) ?? [];
    const times = list.map((o) => o.orderedAt.getTime());
    return {
      customer_id: c.customerId,
      first_name: c.firstName,
      last_name: c.lastName,
      email: c.email,
      country_code: c.countryCode,
      country_name: c.countryCode ? (countries.get(c.countryCode) ?? null) : null,
      first_order_at: list.length ? new Date(Math.min(...times)) : null,
      last_order_at: list.length ? new Date(Math.max(...times)) : null,
      order_count: list.length,
      lifetime_value: dollars(list.filter((o) => o.status === 'completed').reduce((n, o) => n + o.amountCents, 0)),
    };
  });

  return {
    rawRows: { orders: raw.orders.length, customers: raw.customers.length, products: raw.products.length, country_codes: raw.countryCodes.length },
    orders,
    customers,
    products: raw.products.map((r) => ({ productId: Number(r.id!.trim()), category: r.category!.trim().toLowerCase(), listCents: moneyToCents(r.price) })),
    duplicates: { ids: [...seen.values()].filter((n) => n > 1).length, consistent },
    fctOrders,
    dimCustomers,
  };
}
