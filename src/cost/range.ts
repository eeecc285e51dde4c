// Quantities the cost model does not know exactly are ranges (low–high); known ones have low = high.

export interface Range {
  low: number;
  high: number;
}

export const point = (x: number): Range => ({ low: x, high: x });
export const range = (low: number, high: number): Range => ({
  low: Math.min(low, high),
  high: Math.max(low, high),
});
export const scale = (r: Range, k: number): Range => range(r.low * k, r.high * k);
export const times = (a: Range, b: Range): Range => range(a.low * b.low, a.high * b.high);
export const plus = (a: Range, b: Range): Range => ({ low: a.low + b.low, high: a.high + b.high });
export const minus = (a: Range, b: Range): Range => ({ low: a.low - b.low, high: a.high - b.high });
export const sum = (rs: Range[]): Range => rs.reduce(plus, point(0));
export const isPoint = (r: Range) => r.low === r.high;
export const mapRange = (r: Range, f: (x: number) => number): Range => range(f(r.low), f(r.high));

/** Rounds to cents (or to 6 significant decimals for tiny unit figures), so reports are stable. */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

export function roundQuantity(x: number): number {
  if (x === 0) return 0;
  const digits = Math.max(0, 4 - Math.floor(Math.log10(Math.abs(x))));
  const f = 10 ** Math.min(digits, 9);
  return Math.round(x * f) / f;
}

export const roundRange = (r: Range, f: (x: number) => number = roundMoney): Range => ({
  low: f(r.low),
  high: f(r.high),
});

/** `$12.34` or `$12.34–$56.78`. */
export function formatMoney(r: Range): string {
  const one = (x: number) =>
    `${x < 0 ? '-' : ''}$${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return isPoint(r) ? one(r.low) : `${one(r.low)}–${one(r.high)}`;
}

export function formatQuantity(r: Range): string {
  const one = (x: number) => roundQuantity(x).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return isPoint(r) ? one(r.low) : `${one(r.low)}–${one(r.high)}`;
}
