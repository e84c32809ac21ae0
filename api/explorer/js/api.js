// Calls to the incentive-kg API; a problem+json answer becomes an Error carrying its detail.

export class ApiError extends Error {
  constructor(problem, status) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

async function answer(response) {
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(typeof body === "string" ? { detail: body } : body, response.status);
  return body;
}

export function url(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export const get = (path, params) => fetch(url(path, params), { headers: { Accept: "application/json" } }).then(answer);

/** A named query's whole answer: GET /queries/{name} answers a page of rows at a time, so the pages are read
 * to the end (1,000 rows each). For queries that take no `limit` of their own. */
export async function getAllRows(path, params = {}) {
  let answer = await get(path, { ...params, limit: 1000 });
  const rows = [...answer.rows];
  while (answer.next_offset !== null && answer.next_offset !== undefined) {
    answer = await get(path, { ...params, limit: 1000, offset: answer.next_offset });
    rows.push(...answer.rows);
  }
  return { ...answer, rows, count: rows.length, offset: 0 };
}

export const post = (path, body) =>
  fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).then(answer);

let topicsPromise = null;
/** The topic scheme, fetched once: id → {label_zh, label_en, …}. */
export function topics() {
  topicsPromise ??= get("/topics").then((list) => new Map(list.map((t) => [t.id, t])));
  return topicsPromise;
}
