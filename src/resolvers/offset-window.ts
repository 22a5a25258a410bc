/** One offset request and the part of its page that belongs to the caller's window. */
export interface OffsetFetch {
  readonly page: number;
  readonly perPage: number;
  /** Index in the returned page of the first wanted record. */
  readonly skip: number;
}

/**
 * Auth0 pages by `page`×`per_page`, but a Relay window starts anywhere. Cover records [offset, offset+count)
 * with as few requests as possible: one page of the smallest size that holds the whole window, else
 * consecutive pages of `count` aligned below `offset`. Pure, so the call count is a table test.
 */
export function planOffsetFetches(offset: number, count: number, maxPerPage: number): OffsetFetch[] {
  if (count <= 0) return [];
  for (let perPage = count; perPage <= maxPerPage; perPage += 1) {
    const page = Math.floor(offset / perPage);
    if (Math.floor((offset + count - 1) / perPage) === page) {
      return [{ page, perPage, skip: offset - page * perPage }];
    }
  }
  const perPage = Math.min(count, maxPerPage);
  const fetches: OffsetFetch[] = [];
  for (let start = offset; start < offset + count; ) {
    const page = Math.floor(start / perPage);
    fetches.push({ page, perPage, skip: start - page * perPage });
    start = (page + 1) * perPage;
  }
  return fetches;
}
