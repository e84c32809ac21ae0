// Labels for ids the API answers without one (a notice id in an award row, a jurisdiction code): fetched once per
// id through the named queries `notice` and `locality`, kept for the session. A view primes the ids it will show,
// then reads the labels synchronously while it builds its elements.

import { get } from "./api.js";
import { label } from "./i18n.js";

const notices = new Map(); // id → Promise of the notice's record (or null)
const places = new Map(); // id → Promise of the locality's record (or null)
const known = { notices: new Map(), places: new Map() }; // id → record, once fetched

function fetchOnce(cache, store, query, id) {
  if (!cache.has(id)) {
    const record = get(`/queries/${query}`, { id }).then((a) => a.rows[0] ?? null, () => null);
    cache.set(id, record.then((r) => (store.set(id, r), r)));
  }
  return cache.get(id);
}

/** Fetch the records of these notice and locality ids (null and repeated ids are fine). */
export async function prime({ notices: noticeIds = [], places: placeIds = [] }) {
  const unique = (ids) => [...new Set(ids.filter(Boolean))];
  await Promise.all([
    ...unique(noticeIds).map((id) => fetchOnce(notices, known.notices, "notice", id)),
    ...unique(placeIds).map((id) => fetchOnce(places, known.places, "locality", id)),
  ]);
}

/** A notice's label: its title, else "issuer · date · kind", else its 文号; the id only when nothing else is known. */
export function noticeLabel(notice) {
  const n = typeof notice === "string" ? known.notices.get(notice) ?? { id: notice } : notice;
  const record = known.notices.get(n.id ?? n.notice) ?? {};
  const title = n.title ?? n.notice_title ?? record.title;
  if (title) return title;
  const pick = (key) => n[key] ?? n[`notice_${key}`] ?? record[key];
  const parts = [pick("issuer"), pick("date") ?? pick("work_year"), pick("kind") ? label("nk", pick("kind")) : null];
  if (parts[0] || parts[1]) return parts.filter(Boolean).join(" · ");
  return pick("doc_number") || n.id || n.notice;
}

/** A locality's name by its id (a GB/T 2260 code), or the id when it is not in the graph. */
export const placeLabel = (id) => known.places.get(id)?.name ?? id;

/** A file name from a source path (../shared/corpus/seeds/000_x.txt → 000_x.txt). */
export const fileName = (path) => (path ? path.split(/[\\/]/).pop() : path);
