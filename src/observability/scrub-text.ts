/** Replaces secrets, tokens and emails in free text: log messages, error messages and stacks. */
export type Scrubber = (text: string) => string;

// Order matters: whole PEM blocks and JWTs go before the patterns that would match pieces of them.
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[REDACTED KEY]'],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[REDACTED JWT]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [REDACTED]'],
  [/(client_secret|access_token|refresh_token|id_token|api_key|apikey|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1$2[REDACTED]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[REDACTED EMAIL]'],
];

/**
 * Text that any pattern above could match contains one of these; most log lines contain none, so one pass
 * over them spares the five (a request line is written per request).
 */
const MAY_MATCH = /-----BEGIN|eyJ|bearer|basic|secret|token|api_?key|password|@/i;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a scrubber that also removes the given secret values verbatim — the configured client secret,
 * static token and API keys — in raw and JSON-escaped form, since log lines are JSON.
 */
export function createScrubber(secrets: readonly string[] = []): Scrubber {
  const literal = secrets
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  const secretPattern = literal.length === 0 ? undefined : new RegExp([...new Set(literal)].join('|'), 'g');
  return (text) => {
    let out = secretPattern === undefined ? text : text.replace(secretPattern, '[REDACTED]');
    if (!MAY_MATCH.test(out)) return out;
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}
