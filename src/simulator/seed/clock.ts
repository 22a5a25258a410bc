/** The fixed instant the seeded tenant is built around, so a seed always yields the same dates. */
export const SEED_REFERENCE_MS = Date.UTC(2025, 5, 1, 12, 0, 0);

export const DAY_MS = 86_400_000;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
