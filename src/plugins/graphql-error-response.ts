/**
 * A response shaped like a GraphQL result with errors and no `data`, for refusals that happen before
 * GraphQL runs (authentication, body size): clients then parse every failure the same way.
 */
export function graphqlErrorResponse(
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
): Response {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
