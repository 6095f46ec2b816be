/** Request paths as specs write them: `/business/channels/{{channel_uid}}/?page=2`. */

/** The path without its query string. */
export function withoutQuery(path: string): string {
  const query = path.indexOf('?')
  return query < 0 ? path : path.slice(0, query)
}

/** The path's segments, without its query string or trailing slashes: `/a/b/?x=1` → `['', 'a', 'b']`. */
export function pathSegments(path: string): string[] {
  return withoutQuery(path).replace(/\/+$/, '').split('/')
}
